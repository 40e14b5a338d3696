// Rule pool-nearly-exhausted: a pool family's utilization reached this level (the three utilization rules never report the same family twice).
import type { LedgerRule } from './finding.ts';
import { utilizationFindings } from './pool-utilization.ts';

export const poolNearlyExhausted: LedgerRule = {
  code: 'pool-nearly-exhausted',
  evaluate: (ctx) => utilizationFindings(ctx, 'pool-nearly-exhausted'),
};
