// Pending reason requested-ip-not-in-pool: a requested address is in no pool, in pools that disagree, or in a pool that may not serve the service.
import { pendingReason } from './reason.ts';

export const requestedIpNotInPool = pendingReason('requested-ip-not-in-pool');
