// Pending reason invalid-request: the service asks for something MetalLB refuses outright (bad or contradictory requests, odd clusterIPs).
import { pendingReason } from './reason.ts';

export const invalidRequest = pendingReason('invalid-request');
