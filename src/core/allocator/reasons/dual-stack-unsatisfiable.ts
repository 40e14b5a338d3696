// Pending reason dual-stack-unsatisfiable: RequireDualStack, and no pool considered has both families.
import { pendingReason } from './reason.ts';

export const dualStackUnsatisfiable = pendingReason('dual-stack-unsatisfiable');
