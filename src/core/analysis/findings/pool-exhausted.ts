// Rule pool-exhausted: a pool family's utilization reached this level (the three utilization rules never report the same family twice).
import type { LedgerRule } from './finding.ts';
import { utilizationFindings } from './pool-utilization.ts';

export const poolExhausted: LedgerRule = {
  code: 'pool-exhausted',
  evaluate: (ctx) => utilizationFindings(ctx, 'pool-exhausted'),
};
