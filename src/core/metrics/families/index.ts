// The one list of metric families: adding a family is one file plus one line here (docs/metrics.md is checked against it).
import type { FamilyDeclaration } from '../family.ts';
import { allocationFailuresTotal } from './allocation-failures-total.ts';
import { bgpSessionEstablished } from './bgp-session-established.ts';
import { bgpSessionServices } from './bgp-session-services.ts';
import { buildInfo } from './build-info.ts';
import { eventsAppliedTotal } from './events-applied-total.ts';
import { findings } from './findings.ts';
import { metallbAddressesErrorsTotal } from './metallb-addresses-errors-total.ts';
import { metallbAddressesInUseTotal } from './metallb-addresses-in-use-total.ts';
import { metallbAddressesTotal } from './metallb-addresses-total.ts';
import { metallbConfigValid } from './metallb-config-valid.ts';
import { metallbIpAddressesInUseTotal } from './metallb-ip-addresses-in-use-total.ts';
import { metallbIpv4AddressesInUseTotal } from './metallb-ipv4-addresses-in-use-total.ts';
import { metallbIpv4AddressesTotal } from './metallb-ipv4-addresses-total.ts';
import { metallbIpv6AddressesInUseTotal } from './metallb-ipv6-addresses-in-use-total.ts';
import { metallbIpv6AddressesTotal } from './metallb-ipv6-addresses-total.ts';
import { namespaceAddressesInUse } from './namespace-addresses-in-use.ts';
import { poolAddressesAvailable } from './pool-addresses-available.ts';
import { poolAddressesInUse } from './pool-addresses-in-use.ts';
import { poolExhaustionTimestampSeconds } from './pool-exhaustion-timestamp-seconds.ts';
import { poolAddresses } from './pool-addresses.ts';
import { poolInfo } from './pool-info.ts';
import { poolOverlapAddresses } from './pool-overlap-addresses.ts';
import { poolServices } from './pool-services.ts';
import { serviceAddressInfo } from './service-address-info.ts';
import { serviceAnnounced } from './service-announced.ts';
import { serviceAnnouncementState } from './service-announcement-state.ts';
import { servicePending } from './service-pending.ts';
import { snapshotUpdateDurationSeconds } from './snapshot-update-duration-seconds.ts';
import { sourceLastEventTimestampSeconds } from './source-last-event-timestamp-seconds.ts';
import { sourceLastSyncTimestampSeconds } from './source-last-sync-timestamp-seconds.ts';
import { sourceUp } from './source-up.ts';
import { watchErrorsTotal } from './watch-errors-total.ts';
import { watchRestartsTotal } from './watch-restarts-total.ts';

export const families: readonly FamilyDeclaration[] = [
  poolAddresses,
  poolAddressesInUse,
  poolAddressesAvailable,
  poolInfo,
  poolServices,
  poolExhaustionTimestampSeconds,
  namespaceAddressesInUse,
  serviceAddressInfo,
  servicePending,
  findings,
  poolOverlapAddresses,
  serviceAnnounced,
  serviceAnnouncementState,
  metallbConfigValid,
  bgpSessionEstablished,
  bgpSessionServices,
  allocationFailuresTotal,
  buildInfo,
  sourceUp,
  sourceLastSyncTimestampSeconds,
  sourceLastEventTimestampSeconds,
  watchRestartsTotal,
  watchErrorsTotal,
  eventsAppliedTotal,
  snapshotUpdateDurationSeconds,
  metallbAddressesTotal,
  metallbAddressesInUseTotal,
  metallbIpv4AddressesTotal,
  metallbIpv6AddressesTotal,
  metallbIpv4AddressesInUseTotal,
  metallbIpv6AddressesInUseTotal,
  metallbIpAddressesInUseTotal,
  metallbAddressesErrorsTotal,
];
