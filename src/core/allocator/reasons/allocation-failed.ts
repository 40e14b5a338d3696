// Pending reason allocation-failed: nothing in poolwatch's copy of the allocator stops the service, yet MetalLB has not given it an address.
import { pendingReason } from './reason.ts';

export const allocationFailed = pendingReason('allocation-failed');
