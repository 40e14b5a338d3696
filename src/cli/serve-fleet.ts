// `serve --source prometheus`: the fleet server's parts: every cluster read from a Prometheus-compatible store, no state of its own.
import { PoolwatchError } from '../core/errors.ts';
import { fleetToJson } from '../core/fleet/fleet-overview.ts';
import { parseDuration } from '../core/forecast/index.ts';
import type { Logger } from '../log.ts';
import { FeedRegistry, LiveFeed } from '../server/live-feed.ts';
import { clusterFeed } from '../server/page-document.ts';
import type { LiveFeeds, ServerDeps } from '../server/route.ts';
import { PrometheusFleet } from '../sources/prometheus-fleet.ts';

/** Checks --prometheus-url before anything starts: a typo is one line and exit 2, not a page of errors later. */
export function storeUrl(text: string | undefined, what: string): string {
  if (!text) throw new PoolwatchError('invalid-argument', `${what} needs --prometheus-url URL (the query API of Prometheus, Thanos, Mimir or VictoriaMetrics)`);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new PoolwatchError('invalid-argument', `--prometheus-url ${JSON.stringify(text)} is not a URL (expected http://HOST:PORT[/PATH])`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new PoolwatchError('invalid-argument', `--prometheus-url ${JSON.stringify(text)} must be an http or https URL`);
  return text;
}

/** The overview feed under '', each cluster's under `cluster:<name>` (made only for clusters the store has). */
export function fleetFeeds(fleet: PrometheusFleet, onError: (err: unknown) => void): LiveFeeds {
  const registry = new FeedRegistry((key) =>
    key === ''
      ? new LiveFeed({
          snapshot: async () => {
            const f = await fleet.overview();
            return { versions: [f], render: () => JSON.stringify(fleetToJson(f)) };
          },
          onError,
        })
      : clusterFeed(() => fleet.view(key.slice('cluster:'.length)), onError),
  );
  return {
    async feed(cluster) {
      if (cluster === undefined) return registry.get('');
      await fleet.view(cluster); // 404 for a cluster the store does not have
      return registry.get(`cluster:${cluster}`);
    },
    close: () => registry.close(),
  };
}

export function fleetDeps(options: { url: string; lookback: string; log: Logger; signal: AbortSignal }): { deps: ServerDeps; fleet: PrometheusFleet } {
  const fleet = new PrometheusFleet({ url: options.url, lookbackSeconds: parseDuration(options.lookback, '--lookback'), signal: options.signal });
  const warn = (err: unknown) => options.log.warn('store', { error: err instanceof Error ? err.message : String(err) });
  const deps: ServerDeps = {
    log: options.log,
    report: () => {
      throw new PoolwatchError('invalid-argument', 'this poolwatch shows a fleet of clusters: name one with ?cluster=NAME (GET /api/v1/live lists them)');
    },
    health: () => fleet.health(),
    // A fleet server exports nothing of its own: its numbers are already in the store it reads.
    metrics: async () => ({ contentType: 'text/plain; version=0.0.4; charset=utf-8', body: '# poolwatch fleet server: every number it shows is read from the store at --prometheus-url\n' }),
    fleet,
    info: { mode: 'fleet', source: 'prometheus', simulatedSpeed: null },
    live: fleetFeeds(fleet, warn),
  };
  return { deps, fleet };
}
