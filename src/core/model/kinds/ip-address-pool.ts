// The IPAddressPool kind (metallb.io), decoded into a Pool.
import { DEFAULT_METALLB_NAMESPACE as METALLB_NAMESPACE } from './metallb.ts';
import type { Pool, ServiceAllocation } from '../types.ts';
import type { FieldReader } from './fields.ts';
import { defineKind, type LiveApply } from './kind.ts';
import { decodePoolAddresses } from './pool-addresses.ts';

export function decodeIpAddressPool(r: FieldReader): Pool | null {
  const meta = r.metadata('IPAddressPool', METALLB_NAMESPACE);
  r.object(['spec']);
  const addresses = decodePoolAddresses(r, ['spec', 'addresses']);
  const autoAssign = r.bool(['spec', 'autoAssign'], true);
  const avoidBuggyIPs = r.bool(['spec', 'avoidBuggyIPs'], false);
  let serviceAllocation: ServiceAllocation | null = null;
  if (r.object(['spec', 'serviceAllocation'])) {
    serviceAllocation = {
      priority: r.int(['spec', 'serviceAllocation', 'priority']),
      namespaces: r.stringList(['spec', 'serviceAllocation', 'namespaces']),
      namespaceSelectors: r.labelSelectors(['spec', 'serviceAllocation', 'namespaceSelectors']),
      serviceSelectors: r.labelSelectors(['spec', 'serviceAllocation', 'serviceSelectors']),
    };
  }
  if (!meta) return null;
  return {
    origin: 'IPAddressPool',
    name: meta.name,
    namespace: meta.namespace,
    labels: meta.labels,
    addresses,
    autoAssign,
    avoidBuggyIPs,
    serviceAllocation,
    protocol: null,
    creationTimestamp: meta.creationTimestamp,
    location: r.locate([]),
    addressesLocation: r.locate(['spec', 'addresses']),
  };
}

/** Pools are rare and their order matters (MetalLB's tie-breaks): the whole list is set again. */
export const applyPools: LiveApply<Pool> = { mode: 'all', set: (model, pools) => model.setPools(pools) };

export const ipAddressPoolKind = defineKind({
  kind: 'IPAddressPool',
  groups: ['metallb.io'],
  resource: { group: 'metallb.io', version: 'v1beta1', plural: 'ipaddresspools', scope: 'metallb-namespace', optional: true },
  metallb: { served: ['v1beta1'], configuration: true },
  slot: 'pools',
  decode: decodeIpAddressPool,
  live: applyPools,
});
