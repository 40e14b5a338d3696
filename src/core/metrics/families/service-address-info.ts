// poolwatch_service_address_info: one series per address a service holds (off with --no-service-metrics).
import type { FamilyDeclaration } from '../family.ts';

export const serviceAddressInfo: FamilyDeclaration = {
  name: 'poolwatch_service_address_info',
  help: 'Always 1; one series per address held by a LoadBalancer service.',
  type: 'gauge',
  labels: ['namespace', 'service', 'pool', 'ip'],
  set: 'native',
  perService: true,
  doc: 'always 1; `pool` is empty when the address is in no pool',
  *serviceSamples(s) {
    if (s.state !== 'allocated') return;
    for (const ip of s.ips) yield [{ namespace: s.namespace, service: s.name, pool: s.pool ?? '', ip }, 1];
  },
};
