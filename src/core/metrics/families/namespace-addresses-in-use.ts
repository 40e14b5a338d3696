// poolwatch_namespace_addresses_in_use: which namespaces hold a pool's addresses, per family.
import { toSampleValue, type FamilyDeclaration } from '../family.ts';

export const namespaceAddressesInUse: FamilyDeclaration = {
  name: 'poolwatch_namespace_addresses_in_use',
  help: 'Distinct addresses of the pool held by services of the namespace, per IP family.',
  type: 'gauge',
  labels: ['pool', 'namespace', 'family'],
  set: 'native',
  doc: 'addresses; only namespaces holding an address of the pool have series',
  *samples({ report }) {
    for (const p of report.pools) {
      for (const [namespace, counts] of Object.entries(p.namespaces)) {
        if (p.ipv4) yield [{ pool: p.name, namespace, family: 'ipv4' }, toSampleValue(counts.ipv4)];
        if (p.ipv6) yield [{ pool: p.name, namespace, family: 'ipv6' }, toSampleValue(counts.ipv6)];
      }
    }
  },
};
