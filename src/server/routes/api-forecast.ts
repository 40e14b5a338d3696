// GET /api/v1/forecast[?pool=P]: when each pool family runs out, in the same document as `poolwatch forecast -o json`.
import { PoolwatchError } from '../../core/errors.ts';
import { forecastDocument } from '../../core/forecast/index.ts';
import { json, readQuery, type Route } from '../route.ts';
import { viewOf } from '../cluster-scope.ts';
import type { ClusterView } from '../../sources/live-source.ts';
import type { HistoryProvider } from '../../sources/history-provider.ts';

export function historyOf(view: ClusterView): HistoryProvider {
  if (!view.history) throw new PoolwatchError('not-found', 'history is not enabled on this server');
  return view.history;
}

export const apiForecast: Route = {
  path: '/api/v1/forecast',
  async handle({ url }, deps) {
    const q = readQuery(url, { pool: null, cluster: null });
    const history = historyOf(await viewOf(deps, q['cluster']));
    const now = history.now();
    let forecasts = await history.forecasts();
    if (q['pool'] !== undefined) {
      forecasts = forecasts.filter((f) => f.pool === q['pool']);
      if (forecasts.length === 0) throw new PoolwatchError('not-found', `no pool named "${q['pool']}"`);
    }
    return json(forecastDocument(forecasts, now, history.lookbackSeconds));
  },
};
