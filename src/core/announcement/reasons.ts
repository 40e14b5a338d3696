// Why an allocated service's address is not announced: the codes poolwatch derives (docs/announcement.md has one section each).
export const ANNOUNCEMENT_REASON_CODES = [
  'no-pool',
  'no-advertisement',
  'service-selectors-mismatch',
  'shared-ip-with-service-selectors',
  'no-eligible-node',
  'metallb-config-invalid',
  'bgp-peers-down',
  'no-speaker-announces',
] as const;

export type AnnouncementReasonCode = (typeof ANNOUNCEMENT_REASON_CODES)[number];
