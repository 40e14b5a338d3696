// Pending reason pool-exhausted: every pool that may serve the service is full for the family it needs.
import { pendingReason } from './reason.ts';

export const poolExhausted = pendingReason('pool-exhausted');
