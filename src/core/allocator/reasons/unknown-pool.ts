// Pending reason unknown-pool: the address-pool annotation names a pool that does not exist.
import { pendingReason } from './reason.ts';

export const unknownPool = pendingReason('unknown-pool');
