// Every pending reason, listed once (in the order docs/reasons.md describes them): the reason codes are this list's codes.
import { poolExhausted } from './pool-exhausted.ts';
import { noMatchingPool } from './no-matching-pool.ts';
import { unknownPool } from './unknown-pool.ts';
import { requestedIpNotInPool } from './requested-ip-not-in-pool.ts';
import { requestedIpInUse } from './requested-ip-in-use.ts';
import { ipFamilyMismatch } from './ip-family-mismatch.ts';
import { invalidRequest } from './invalid-request.ts';
import { dualStackUnsatisfiable } from './dual-stack-unsatisfiable.ts';
import { notEnoughClusterIps } from './not-enough-cluster-ips.ts';
import { allocationFailed } from './allocation-failed.ts';
import { notApplied } from './not-applied.ts';

export const PENDING_REASONS = [
  poolExhausted,
  noMatchingPool,
  unknownPool,
  requestedIpNotInPool,
  requestedIpInUse,
  ipFamilyMismatch,
  invalidRequest,
  dualStackUnsatisfiable,
  notEnoughClusterIps,
  allocationFailed,
  notApplied,
] as const;

export type { PendingReason } from './reason.ts';
