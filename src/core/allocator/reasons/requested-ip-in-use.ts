// Pending reason requested-ip-in-use: a requested address is held by a service it may not be shared with.
import { pendingReason } from './reason.ts';

export const requestedIpInUse = pendingReason('requested-ip-in-use');
