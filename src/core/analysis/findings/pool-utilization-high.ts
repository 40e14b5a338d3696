// Rule pool-utilization-high: a pool family's utilization reached this level (the three utilization rules never report the same family twice).
import type { LedgerRule } from './finding.ts';
import { utilizationFindings } from './pool-utilization.ts';

export const poolUtilizationHigh: LedgerRule = {
  code: 'pool-utilization-high',
  evaluate: (ctx) => utilizationFindings(ctx, 'pool-utilization-high'),
};
