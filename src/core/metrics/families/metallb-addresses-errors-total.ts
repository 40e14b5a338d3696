// metallb_allocator_addresses_errors_total (--compat=metallb): the allocation-failure counter one guide assumes MetalLB has.
import type { FamilyDeclaration } from '../family.ts';

export const metallbAddressesErrorsTotal: FamilyDeclaration = {
  name: 'metallb_allocator_addresses_errors_total',
  help: 'Services seen entering the pending state, per pool they asked for (poolwatch; MetalLB itself has no such metric).',
  type: 'counter',
  labels: ['pool'],
  set: 'compat',
  doc: 'services; `pool` is the pool the reason concerns (the named pool, the one exhausted pool, the pool of a requested address), empty when none is known; only in the guide, never shipped by MetalLB',
  *samples({ counters }) {
    const byPool = new Map<string, number>();
    for (const f of counters.allocationFailures.values()) byPool.set(f.pool, (byPool.get(f.pool) ?? 0) + f.count);
    for (const [pool, n] of byPool) yield [{ pool }, n];
  },
};
