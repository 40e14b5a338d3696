// poolwatch_service_announced: one series per node whose speaker announces a service (off with --no-service-metrics).
import type { FamilyDeclaration } from '../family.ts';

export const serviceAnnounced: FamilyDeclaration = {
  name: 'poolwatch_service_announced',
  help: 'Always 1; one series per node whose MetalLB speaker reports announcing the service (ServiceL2Status, ServiceBGPStatus).',
  type: 'gauge',
  labels: ['namespace', 'service', 'protocol', 'node'],
  set: 'native',
  perService: true,
  doc: 'always 1; `protocol` is the service\'s announcement protocol (`layer2`, `bgp`, `layer2+bgp`, see docs/announcement.md); a service no speaker reports has no series',
  *serviceSamples(s) {
    const a = s.announcement;
    if (!a) return;
    for (const node of a.nodes) yield [{ namespace: s.namespace, service: s.name, protocol: a.protocol ?? '', node }, 1];
  },
};
