// The one list of finding rules: adding a rule is one file plus one line here (and its code and a section in docs/findings.md).
import { addressConflict } from './address-conflict.ts';
import { addressHostBits } from './address-host-bits.ts';
import { addressOutsidePools } from './address-outside-pools.ts';
import { addressSyntax } from './address-syntax.ts';
import { advertisementNoNode } from './advertisement-no-node.ts';
import { advertisementNoPool } from './advertisement-no-pool.ts';
import { aggregationLength } from './aggregation-length.ts';
import { bgpPeerConflict } from './bgp-peer-conflict.ts';
import { bgpPeerDown } from './bgp-peer-down.ts';
import { deprecatedAnnotation } from './deprecated-annotation.ts';
import { deprecatedField } from './deprecated-field.ts';
import { duplicateEntry } from './duplicate-entry.ts';
import { duplicateObject } from './duplicate-object.ts';
import type { FindingRule } from './finding.ts';
import { invalidAddress } from './invalid-address.ts';
import { invalidBfdProfile } from './invalid-bfd-profile.ts';
import { invalidBgpPeer } from './invalid-bgp-peer.ts';
import { invalidCommunity } from './invalid-community.ts';
import { invalidManifest } from './invalid-manifest.ts';
import { invalidServiceAddress } from './invalid-service-address.ts';
import { invalidSelector } from './invalid-selector.ts';
import { legacyConfigInvalid } from './legacy-config-invalid.ts';
import { legacyConfigMap } from './legacy-config-map.ts';
import { localPrefConflict } from './local-pref-conflict.ts';
import { outsideMetallbNamespace } from './outside-metallb-namespace.ts';
import { l2MultipleAnnouncers } from './l2-multiple-announcers.ts';
import { metallbConfigInvalid } from './metallb-config-invalid.ts';
import { poolEmpty } from './pool-empty.ts';
import { poolExhausted } from './pool-exhausted.ts';
import { poolNearlyExhausted } from './pool-nearly-exhausted.ts';
import { poolNoAddresses } from './pool-no-addresses.ts';
import { poolNotAdvertised } from './pool-not-advertised.ts';
import { poolOverlap } from './pool-overlap.ts';
import { poolUtilizationHigh } from './pool-utilization-high.ts';
import { requestMismatch } from './request-mismatch.ts';
import { serviceNotAnnounced } from './service-not-announced.ts';
import { servicePending } from './service-pending.ts';
import { staleAllocation } from './stale-allocation.ts';
import { unknownKind } from './unknown-kind.ts';

export const findingRules: readonly FindingRule[] = [
  invalidManifest,
  invalidAddress,
  invalidServiceAddress,
  unknownKind,
  outsideMetallbNamespace,
  duplicateObject,
  legacyConfigMap,
  legacyConfigInvalid,
  poolNoAddresses,
  addressSyntax,
  addressHostBits,
  duplicateEntry,
  invalidSelector,
  advertisementNoPool,
  aggregationLength,
  localPrefConflict,
  invalidCommunity,
  advertisementNoNode,
  invalidBgpPeer,
  bgpPeerConflict,
  invalidBfdProfile,
  poolOverlap,
  poolEmpty,
  poolNotAdvertised,
  addressOutsidePools,
  addressConflict,
  staleAllocation,
  requestMismatch,
  poolUtilizationHigh,
  poolNearlyExhausted,
  poolExhausted,
  servicePending,
  deprecatedAnnotation,
  deprecatedField,
  serviceNotAnnounced,
  l2MultipleAnnouncers,
  bgpPeerDown,
  metallbConfigInvalid,
];
