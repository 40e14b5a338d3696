// poolwatch_service_announcement_state: one series per allocated service with its announcement state (off with --no-service-metrics).
import type { FamilyDeclaration } from '../family.ts';

export const serviceAnnouncementState: FamilyDeclaration = {
  name: 'poolwatch_service_announcement_state',
  help: 'Always 1; one series per LoadBalancer service holding an address, labelled with its announcement state.',
  type: 'gauge',
  labels: ['namespace', 'service', 'state'],
  set: 'native',
  perService: true,
  doc: 'always 1; `state` is `announced`, `partly`, `not-announced` or `unknown` (docs/announcement.md)',
  *serviceSamples(s) {
    if (s.announcement) yield [{ namespace: s.namespace, service: s.name, state: s.announcement.state }, 1];
  },
};
