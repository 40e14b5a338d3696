// `poolwatch status [PATH...]`: pool usage per family, pending services with reasons, and findings.
import { analyze } from '../../core/pipeline/analyze.ts';
import { PoolwatchError } from '../../core/errors.ts';
import { filterReport } from '../../core/report/filter.ts';
import { toJson } from '../../core/report/json.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { nowOf, type CliIO } from '../io.ts';
import { addClusterOptions, maxInputSizeOption, outputOption, type ClusterFlags } from '../options.ts';
import { sourceFor } from '../snapshot-source.ts';
import { colorsFor } from '../render/color.ts';
import { renderStatusTable } from '../render/status-table.ts';
import { renderFleetTable } from '../render/fleet-table.ts';
import { fleetToJson } from '../../core/fleet/fleet-overview.ts';
import { parseDuration } from '../../core/forecast/index.ts';
import { PrometheusFleet } from '../../sources/prometheus-fleet.ts';
import { storeUrl } from '../serve-fleet.ts';

interface StatusOptions extends ClusterFlags {
  output: 'table' | 'wide' | 'json';
  pool?: string;
  namespace?: string;
  prometheusUrl?: string;
  lookback: string;
  maxInputSize: string;
}

/** `status --prometheus-url`: the fleet, read once from the store. */
async function fleetStatus(paths: readonly string[], opts: StatusOptions, io: CliIO): Promise<void> {
  if (paths.length > 0) throw new PoolwatchError('invalid-argument', `--prometheus-url reads a store, not files: drop ${paths.join(' ')}`);
  if (opts.namespace || opts.context || opts.kubeconfig) throw new PoolwatchError('invalid-argument', '--namespace, --kubeconfig and --context are for one cluster; --prometheus-url shows every cluster in the store');
  const url = storeUrl(opts.prometheusUrl, 'status');
  const source = new PrometheusFleet({ url, lookbackSeconds: parseDuration(opts.lookback, '--lookback') });
  let fleet = await source.overview();
  if (fleet.clusters.length === 0) {
    throw new PoolwatchError('not-found', `the store at ${url} holds no poolwatch series (is each cluster's poolwatch scraped there, with a cluster label?)`);
  }
  if (opts.pool) {
    fleet = { ...fleet, clusters: fleet.clusters.map((c) => ({ ...c, report: { ...c.report, pools: c.report.pools.filter((p) => p.name === opts.pool) } })) };
    if (!fleet.clusters.some((c) => c.report.pools.length > 0)) throw new PoolwatchError('not-found', `no pool named "${opts.pool}" in any cluster of the store`);
  }
  io.stdout.write(opts.output === 'json' ? `${JSON.stringify(fleetToJson(fleet), null, 2)}\n` : renderFleetTable(fleet, colorsFor(io)));
}

export const statusCommand: CliCommand = {
  name: 'status',
  examples: [
    ['poolwatch status', 'every pool of the current kube context'],
    ['poolwatch status --context prod -o wide', 'another context, with more columns'],
    ['poolwatch status manifests/ live-services.yaml', 'manifests instead of a cluster'],
    ['kubectl get svc -A -o yaml | poolwatch status pools.yaml -', 'services from stdin'],
    ['poolwatch status -o json --pool default', "one pool's exact report as JSON"],
    ['poolwatch status --prometheus-url http://thanos-query:9090', 'every cluster in a Prometheus-compatible store'],
  ],
  register(program, io, done) {
    const command = program
      .command('status')
      .description('show how full every pool is, pending services with reasons, and findings')
      .argument('[paths...]', 'manifest files or directories (- for stdin); none reads the current kube context')
      .addOption(outputOption(['table', 'wide', 'json'], 'table'))
      .option('--pool <name>', 'only this pool')
      .option('--namespace <name>', 'only services (and their findings) in this namespace');
    addClusterOptions(command)
      .addOption(maxInputSizeOption())
      .option('--prometheus-url <url>', 'every cluster in this Prometheus-compatible store (Prometheus, Thanos, Mimir, VictoriaMetrics) instead')
      .option('--lookback <duration>', 'with --prometheus-url: how much history the forecast uses', '6h')
      .action(async (paths: string[], opts: StatusOptions) => {
        if (opts.prometheusUrl !== undefined) {
          await fleetStatus(paths, opts, io);
          done(EXIT_OK);
          return;
        }
        const snapshot = await sourceFor(paths, io, opts, opts.maxInputSize).load();
        const full = analyze(snapshot, { now: nowOf(io), metallbNamespace: opts.metallbNamespace });
        if (opts.pool && !full.pools.some((p) => p.name === opts.pool)) {
          throw new PoolwatchError('not-found', `no pool named "${opts.pool}" (pools: ${full.pools.map((p) => p.name).join(', ') || 'none'})`);
        }
        const report = filterReport(full, { pool: opts.pool ?? null, namespace: opts.namespace ?? null });
        if (opts.output === 'json') io.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
        else io.stdout.write(renderStatusTable(report, { wide: opts.output === 'wide', colors: colorsFor(io) }));
        done(EXIT_OK);
      });
  },
};
