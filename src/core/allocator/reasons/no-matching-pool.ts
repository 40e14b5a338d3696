// Pending reason no-matching-pool: no pool may serve the service automatically (autoAssign false, serviceAllocation excludes it, no pools), or the named pool excludes it.
import { pendingReason } from './reason.ts';

export const noMatchingPool = pendingReason('no-matching-pool');
