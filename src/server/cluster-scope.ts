// Which cluster a request is about: this server's own, or on a fleet server the one named by `?cluster=`.
import { PoolwatchError } from '../core/errors.ts';
import type { ClusterView } from '../sources/live-source.ts';
import type { ServerDeps } from './route.ts';

export async function viewOf(deps: ServerDeps, cluster: string | undefined): Promise<ClusterView> {
  if (deps.fleet) {
    if (cluster === undefined) throw new PoolwatchError('invalid-argument', 'this poolwatch shows a fleet of clusters: name one with ?cluster=NAME (GET /api/v1/live lists them)');
    return deps.fleet.view(cluster);
  }
  if (cluster !== undefined) throw new PoolwatchError('invalid-argument', `query parameter cluster="${cluster}" is for a fleet server (serve --source prometheus); this server watches one cluster`);
  return { report: deps.report, history: deps.history };
}
