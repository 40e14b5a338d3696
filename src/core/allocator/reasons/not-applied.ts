// Pending reason not-applied: a manifest never applied (no creationTimestamp) holds no address, and nothing in the allocator stops it: MetalLB has simply not seen it yet.
import { pendingReason } from './reason.ts';

export const notApplied = pendingReason('not-applied');
