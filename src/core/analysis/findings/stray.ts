// What to call a holding MetalLB would not keep: the code `status` gives the same service, so `simulate` names it alike.
import type { FindingCode } from '../../report/codes.ts';
import type { ServiceRecord } from '../ledger-view.ts';
import { addressOutsidePools } from './address-outside-pools.ts';
import { requestMismatch } from './request-mismatch.ts';

/** address-outside-pools or request-mismatch when that rule is concerned with the service as it is, else stale-allocation. */
export function strayCode(rec: ServiceRecord): FindingCode {
  for (const rule of [addressOutsidePools, requestMismatch]) if (rule.concerns(rec)) return rule.code;
  return 'stale-allocation';
}
