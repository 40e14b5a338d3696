// GET /api/v1/forecast[?pool=P]: when each pool family runs out, in the same document as `poolwatch forecast -o json`.
import { PoolwatchError } from '../../core/errors.ts';
import { forecastDocument } from '../../core/forecast/index.ts';
import { json, readQuery, type Route, type ServerDeps } from '../route.ts';
import type { HistoryProvider } from '../history-provider.ts';

export function historyOf(deps: ServerDeps): HistoryProvider {
  if (!deps.history) throw new PoolwatchError('not-found', 'history is not enabled on this server');
  return deps.history;
}

export const apiForecast: Route = {
  path: '/api/v1/forecast',
  async handle({ url }, deps) {
    const q = readQuery(url, { pool: null });
    const history = historyOf(deps);
    const now = history.now();
    let forecasts = await history.forecasts();
    if (q['pool'] !== undefined) {
      forecasts = forecasts.filter((f) => f.pool === q['pool']);
      if (forecasts.length === 0) throw new PoolwatchError('not-found', `no pool named "${q['pool']}"`);
    }
    return json(forecastDocument(forecasts, now, history.lookbackSeconds));
  },
};
