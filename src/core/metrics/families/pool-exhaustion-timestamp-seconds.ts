// poolwatch_pool_exhaustion_timestamp_seconds: when a filling pool family is predicted to run out (only while it is filling).
import type { FamilyDeclaration } from '../family.ts';

export const poolExhaustionTimestampSeconds: FamilyDeclaration = {
  name: 'poolwatch_pool_exhaustion_timestamp_seconds',
  help: 'Predicted time (Unix seconds) at which the pool family runs out, from a least-squares trend over the lookback window; only while the pool is filling.',
  type: 'gauge',
  labels: ['pool', 'family'],
  set: 'native',
  doc: 'seconds since the epoch; no series when the pool is not filling, exhausted or has too little history (see docs/web.md)',
  *samples({ forecasts }) {
    for (const f of forecasts ?? []) {
      if (f.state === 'filling' && f.exhaustsAt !== null) yield [{ pool: f.pool, family: f.family }, Math.round(f.exhaustsAt)];
    }
  },
};
