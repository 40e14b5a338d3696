// A real multi-cluster monitoring set-up for tests: per cluster a `poolwatch serve`, a MetalLB controller stand-in and a
// Prometheus with `external_labels: {cluster: NAME}`; centrally a Prometheus that federates them and a VictoriaMetrics
// single node they remote-write into (with vmalert when a rule file is given). Loopback only, bounded, stopped by PID.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startAlertmanager, type RunningAlertmanager } from './alertmanager.ts';
import { startPrometheus, type RunningPrometheus } from './prometheus.ts';
import { startServe, type RunningServe } from './serve.ts';
import { startVictoriaMetrics, startVmalert, type RunningVictoriaMetrics, type RunningVmalert } from './victoria-metrics.ts';

/** The job names the generated bundle selects by default (`selectors` in the monitoring config). */
export const JOBS = { poolwatch: 'poolwatch', controller: 'metallb-controller' } as const;

/** What the central Prometheus federates: the families the bundle reads, and the targets' `up`. */
export const FEDERATE_MATCH = ['{__name__=~"poolwatch_.+|metallb_.+|frrk8s_.+"}', `up{job=~"${JOBS.poolwatch}|${JOBS.controller}"}`];

// The MetalLB controller's configuration gauges (their real names), so each cluster has a `metallb-controller` target
// as a real installation does. MetalLB itself cannot run here; poolwatch reads the cluster from manifests.
const CONTROLLER_EXPOSITION = `# TYPE metallb_k8s_client_config_loaded_bool gauge
metallb_k8s_client_config_loaded_bool 1
# TYPE metallb_k8s_client_config_stale_bool gauge
metallb_k8s_client_config_stale_bool 0
`;

export interface ClusterSpec {
  /** The value of the cluster label. */
  name: string;
  /** Manifest paths `poolwatch serve` reads (the cluster's state). */
  paths: string[];
  /** More `serve` arguments. */
  serveArgs?: string[];
}

export interface MultiClusterOptions {
  clusters: ClusterSpec[];
  /** A Prometheus rule file loaded by the central Prometheus and by vmalert (over VictoriaMetrics). */
  ruleFile?: string;
  /** The label external_labels set (default `cluster`). */
  clusterLabel?: string;
  /** Scrape, federation and evaluation interval (default 1s). */
  interval?: string;
  /** Hard lifetime of every process (default 5 minutes). */
  lifetimeMs?: number;
}

export interface RunningCluster {
  name: string;
  serve: RunningServe;
  /** The cluster's own Prometheus (scrapes poolwatch and the controller stand-in). */
  prometheus: RunningPrometheus;
  /** Stops this cluster's poolwatch; its Prometheus keeps the target, which goes down (`up == 0`). */
  stopPoolwatch(): Promise<void>;
}

export interface RunningMultiCluster {
  clusters: RunningCluster[];
  cluster(name: string): RunningCluster;
  /** The central Prometheus, federating every cluster's Prometheus (`/federate`, honor_labels). */
  federation: RunningPrometheus;
  /** VictoriaMetrics single node, written to by every cluster's Prometheus (`remote_write`). */
  victoriaMetrics: RunningVictoriaMetrics;
  /** vmalert over VictoriaMetrics with the rule file, when one was given. */
  vmalert: RunningVmalert | undefined;
  /** The Alertmanager vmalert notifies (vmalert needs one), when a rule file was given. */
  alertmanager: RunningAlertmanager | undefined;
  stop(): Promise<void>;
}

function exposition(body: string): Promise<Server> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function target(address: string): string {
  return `[{ targets: ['${address}'] }]`;
}

function clusterConfig(o: { name: string; label: string; interval: string; poolwatch: string; controller: string; remoteWrite: string }): string {
  return [
    `global: { scrape_interval: ${o.interval}, evaluation_interval: ${o.interval}, external_labels: { ${o.label}: '${o.name}' } }`,
    'scrape_configs:',
    `  - { job_name: ${JOBS.poolwatch}, static_configs: ${target(o.poolwatch)} }`,
    `  - { job_name: ${JOBS.controller}, static_configs: ${target(o.controller)} }`,
    'remote_write:',
    `  - url: '${o.remoteWrite}'`,
    // Send within a second rather than the default 5 s, so the central store is as fresh as the federating Prometheus.
    '    queue_config: { batch_send_deadline: 500ms, min_backoff: 100ms, max_backoff: 1s }',
    '',
  ].join('\n');
}

function centralConfig(o: { interval: string; clusters: string[]; ruleFile?: string }): string {
  return [
    `global: { scrape_interval: ${o.interval}, evaluation_interval: ${o.interval} }`,
    ...(o.ruleFile ? [`rule_files: ['${o.ruleFile}']`] : []),
    'scrape_configs:',
    '  - job_name: federate',
    '    honor_labels: true',
    // Federated samples keep their timestamps by default, and Prometheus marks no series stale that carries its own
    // timestamps: a stopped cluster's series would linger for the 5-minute lookback. Stamped at scrape, they go stale
    // as soon as the cluster's Prometheus stops exporting them.
    '    honor_timestamps: false',
    '    metrics_path: /federate',
    `    params: { 'match[]': [${FEDERATE_MATCH.map((m) => `'${m}'`).join(', ')}] }`,
    `    static_configs: [{ targets: [${o.clusters.map((c) => `'${c}'`).join(', ')}] }]`,
    '',
  ].join('\n');
}

/** Starts everything; on a failure stops what had started and rethrows. Call `stop()` in a `finally`. */
export async function startMultiCluster(options: MultiClusterOptions): Promise<RunningMultiCluster> {
  const label = options.clusterLabel ?? 'cluster';
  const interval = options.interval ?? '1s';
  const lifetimeMs = options.lifetimeMs ?? 300_000;
  const stoppers: Array<() => Promise<void>> = [];
  const stopAll = async () => {
    // In reverse order of starting (rulers and the central Prometheus before the clusters); every stop is attempted.
    const errors: unknown[] = [];
    for (const stop of stoppers.splice(0).reverse()) await stop().catch((err: unknown) => errors.push(err));
    if (errors.length > 0) throw errors[0];
  };
  try {
    const victoriaMetrics = await startVictoriaMetrics({ lifetimeMs });
    stoppers.push(() => victoriaMetrics.stop());
    const clusters = await Promise.all(
      options.clusters.map(async (spec): Promise<RunningCluster> => {
        const controller = await exposition(CONTROLLER_EXPOSITION);
        stoppers.push(() => new Promise<void>((resolve) => controller.close(() => resolve())));
        const serve = await startServe([...(spec.serveArgs ?? []), ...spec.paths], {}, lifetimeMs);
        stoppers.push(() => serve.stop());
        const prometheus = await startPrometheus({
          lifetimeMs,
          config: clusterConfig({
            name: spec.name,
            label,
            interval,
            poolwatch: `127.0.0.1:${serve.port}`,
            controller: `127.0.0.1:${(controller.address() as AddressInfo).port}`,
            remoteWrite: victoriaMetrics.remoteWriteUrl,
          }),
        });
        stoppers.push(() => prometheus.stop());
        return { name: spec.name, serve, prometheus, stopPoolwatch: () => serve.stop() };
      }),
    );
    const federation = await startPrometheus({
      lifetimeMs,
      config: centralConfig({ interval, clusters: clusters.map((c) => new URL(c.prometheus.url).host), ruleFile: options.ruleFile }),
    });
    stoppers.push(() => federation.stop());
    let vmalert: RunningVmalert | undefined;
    let alertmanager: RunningAlertmanager | undefined;
    if (options.ruleFile) {
      const am = await startAlertmanager({ lifetimeMs });
      stoppers.push(() => am.stop());
      alertmanager = am;
      const notifierUrl = am.url;
      const started = await startVmalert({ ruleFile: options.ruleFile, datasourceUrl: victoriaMetrics.url, remoteWriteUrl: victoriaMetrics.url, notifierUrl, interval, lifetimeMs });
      stoppers.push(() => started.stop());
      vmalert = started;
    }
    return {
      clusters,
      cluster(name) {
        const found = clusters.find((c) => c.name === name);
        if (!found) throw new Error(`no cluster ${name} (clusters: ${clusters.map((c) => c.name).join(', ')})`);
        return found;
      },
      federation,
      victoriaMetrics,
      vmalert,
      alertmanager,
      stop: stopAll,
    };
  } catch (err) {
    await stopAll().catch(() => undefined);
    throw err;
  }
}
