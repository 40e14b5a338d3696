// poolwatch_service_pending: one series per LoadBalancer service without an address, with the reason code.
import type { FamilyDeclaration } from '../family.ts';

export const servicePending: FamilyDeclaration = {
  name: 'poolwatch_service_pending',
  help: 'Always 1; one series per LoadBalancer service that has no address, labelled with the reason code.',
  type: 'gauge',
  labels: ['namespace', 'service', 'reason'],
  set: 'native',
  // Kept with --no-service-metrics: pending services are few and they are what alerts need.
  doc: 'always 1; `reason` is a code from docs/reasons.md (empty when not known yet)',
  *samples({ report }) {
    for (const s of report.services) {
      if (s.state === 'pending') yield [{ namespace: s.namespace, service: s.name, reason: s.reason?.code ?? '' }, 1];
    }
  },
};
