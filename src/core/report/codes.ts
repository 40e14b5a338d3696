// The stable reason codes (why a service is pending) and finding codes, with their default severities.
import { PENDING_REASONS } from '../allocator/reasons/index.ts';

/** The pending reason codes: one per reason in src/core/allocator/reasons/ (see its index.ts). */
export const REASON_CODES = PENDING_REASONS.map((r) => r.code);
export type ReasonCode = (typeof PENDING_REASONS)[number]['code'];

export type Severity = 'error' | 'warning' | 'info';
export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];

export const FINDING_CODES = [
  'invalid-manifest',
  'invalid-address',
  'pool-overlap',
  'pool-empty',
  'pool-not-advertised',
  'address-outside-pools',
  'address-conflict',
  'stale-allocation',
  'request-mismatch',
  'pool-utilization-high',
  'pool-nearly-exhausted',
  'pool-exhausted',
  'service-pending',
  'deprecated-annotation',
  'deprecated-field',
  'unknown-kind',
  'outside-metallb-namespace',
  'duplicate-object',
  'pool-no-addresses',
  'address-syntax',
  'address-host-bits',
  'duplicate-entry',
  'invalid-selector',
  'advertisement-no-pool',
  'aggregation-length',
  'local-pref-conflict',
  'invalid-community',
  'legacy-config-map',
  'legacy-config-invalid',
  'advertisement-no-node',
  'invalid-bgp-peer',
  'bgp-peer-conflict',
  'invalid-bfd-profile',
  'service-not-announced',
  'l2-multiple-announcers',
  'bgp-peer-down',
  'metallb-config-invalid',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

/** Default severity of each finding (see docs/findings.md). */
export const FINDING_SEVERITY: Record<FindingCode, Severity> = {
  'invalid-manifest': 'error',
  'invalid-address': 'error',
  'pool-overlap': 'error',
  'pool-empty': 'warning',
  'pool-not-advertised': 'warning',
  'address-outside-pools': 'warning',
  'address-conflict': 'error',
  'stale-allocation': 'warning',
  'request-mismatch': 'warning',
  'pool-utilization-high': 'warning',
  'pool-nearly-exhausted': 'warning',
  'pool-exhausted': 'error',
  'service-pending': 'warning',
  'deprecated-annotation': 'info',
  'deprecated-field': 'info',
  'unknown-kind': 'error',
  'outside-metallb-namespace': 'error',
  'duplicate-object': 'error',
  'pool-no-addresses': 'error',
  'address-syntax': 'error',
  'address-host-bits': 'warning',
  'duplicate-entry': 'error',
  'invalid-selector': 'error',
  'advertisement-no-pool': 'error',
  'aggregation-length': 'error',
  'local-pref-conflict': 'error',
  'invalid-community': 'error',
  'legacy-config-map': 'error',
  'legacy-config-invalid': 'error',
  'advertisement-no-node': 'warning',
  'invalid-bgp-peer': 'error',
  'bgp-peer-conflict': 'error',
  'invalid-bfd-profile': 'error',
  'service-not-announced': 'warning',
  'l2-multiple-announcers': 'warning',
  'bgp-peer-down': 'warning',
  'metallb-config-invalid': 'error',
};

/** Higher is more severe; used by `--fail-on`. */
export function severityRank(s: Severity): number {
  return s === 'error' ? 3 : s === 'warning' ? 2 : 1;
}
