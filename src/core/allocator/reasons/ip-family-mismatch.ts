// Pending reason ip-family-mismatch: the service's family and the addresses asked for or on offer do not agree.
import { pendingReason } from './reason.ts';

export const ipFamilyMismatch = pendingReason('ip-family-mismatch');
