// `poolwatch serve`: the long-running exporter (metrics, JSON API, health probes) over a live source.
import { systemErrorText } from '../../core/system-error.ts';
import { readFileSync } from 'node:fs';
import { Option } from 'commander';
import { PoolwatchError } from '../../core/errors.ts';
import { createLogger, LOG_FORMATS, LOG_LEVELS, type LogFormat, type LogLevel, type Logger } from '../../log.ts';
import { createApp } from '../../server/app.ts';
import { createServer } from '../../server/http-server.ts';
import { parseListen } from '../../server/listen-address.ts';
import { singleClusterFeeds } from '../../server/page-document.ts';
import { fleetDeps, storeUrl } from '../serve-fleet.ts';
import type { LiveSource } from '../../sources/live-source.ts';
import type { HistoryProvider } from '../../sources/history-provider.ts';
import { ManifestWatchSource } from '../../sources/manifest-watch-source.ts';
import { guardUnhandledRejections } from '../rejection-guard.ts';
import { addAuthOptions, createAuthenticator, type AuthServeOptions } from '../serve-auth.ts';
import { addWebOptions, createHistory, createLabSource, urlsBanner, type WebServeOptions } from '../serve-web.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { addClusterOptions, maxInputSizeOption, parseSize, type ClusterFlags } from '../options.ts';
import type { CliIO } from '../io.ts';

interface ServeOptions extends WebServeOptions, AuthServeOptions, ClusterFlags {
  source?: 'kube' | 'manifests' | 'lab' | 'prometheus';
  listen: string;
  compat?: 'metallb';
  serviceMetrics: boolean;
  tlsCertFile?: string;
  tlsKeyFile?: string;
  logLevel: LogLevel;
  logFormat: LogFormat;
  debounce: string;
  maxBackoff: string;
  maxInputSize: string;
  deadWatchTimeout: string;
  listTimeout: string;
}

function readSecretFile(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new PoolwatchError('unreadable-input', `cannot read the ${what}: ${systemErrorText(err, path)}`, { location: path });
  }
}

function milliseconds(text: string, flag: string): number {
  if (!/^\d+$/.test(text)) throw new PoolwatchError('invalid-argument', `${flag} must be a whole number of milliseconds, not ${JSON.stringify(text)}`);
  return Number(text);
}

/** Picks and builds the source: manifests when PATHs are given, else the kube context (the lab is built by the caller). */
async function createLiveSource(paths: string[], opts: ServeOptions, io: CliIO, log: Logger): Promise<LiveSource> {
  const source = opts.source ?? (paths.length > 0 ? 'manifests' : 'kube');
  if (source === 'manifests') {
    if (paths.length === 0) throw new PoolwatchError('invalid-argument', '--source manifests needs at least one PATH');
    return new ManifestWatchSource({
      paths,
      cwd: io.cwd,
      logger: log.child({ source: 'manifests' }),
      debounceMs: milliseconds(opts.debounce, '--debounce'),
      maxInputBytes: parseSize(opts.maxInputSize),
      analysis: { metallbNamespace: opts.metallbNamespace },
    });
  }
  if (paths.length > 0) throw new PoolwatchError('invalid-argument', `--source kube reads the cluster, not files: drop ${paths.join(' ')} or use --source manifests`);
  // The Kubernetes client takes seconds to load: only commands that talk to a cluster pay for it.
  const { KubeLiveSource } = await import('../../sources/kube/kube-live-source.ts');
  return new KubeLiveSource({
    kubeconfig: opts.kubeconfig,
    context: opts.context,
    env: io.env,
    metallbNamespace: opts.metallbNamespace,
    logger: log.child({ source: 'kube' }),
    backoff: { initialMs: 500, maxMs: Math.max(500, milliseconds(opts.maxBackoff, '--max-backoff')) },
    deadWatchMs: Math.max(1, milliseconds(opts.deadWatchTimeout, '--dead-watch-timeout')),
    listTimeoutMs: Math.max(1, milliseconds(opts.listTimeout, '--list-timeout')),
  });
}

/** What the banner says is served. */
function servingWhat(opts: ServeOptions, paths: readonly string[]): string {
  if (opts.source === 'lab') return 'the embedded lab (a simulated cluster)';
  if (opts.source === 'prometheus') return `every cluster in the store at ${opts.prometheusUrl ?? ''}`;
  if (paths.length > 0) return `the manifests in ${paths.join(' ')}`;
  return `the cluster of ${opts.context ? `kube context ${opts.context}` : 'the current kube context'}`;
}

/** Resolves at the first SIGTERM or SIGINT. */
function shutdownSignal(): Promise<string> {
  return new Promise((resolve) => {
    const on = (sig: NodeJS.Signals) => {
      process.off('SIGTERM', on);
      process.off('SIGINT', on);
      resolve(sig);
    };
    process.on('SIGTERM', on);
    process.on('SIGINT', on);
  });
}

export const serveCommand: CliCommand = {
  name: 'serve',
  examples: [
    ['poolwatch serve', 'watch the current kube context on :9742'],
    ['poolwatch serve --compat metallb', 'also export the MetalLB names the guides use'],
    ['poolwatch serve manifests/', 'serve from files, re-read when they change'],
    ['poolwatch serve --source lab --listen 127.0.0.1:9742', 'the embedded lab (a simulated cluster)'],
    ['poolwatch serve --auth-token-file token.txt', 'require a bearer token'],
  ],
  register(program, io, done) {
    const command = program
      .command('serve')
      .description('watch the cluster (or manifest files) and serve Prometheus metrics, the JSON API and health probes')
      .argument('[paths...]', 'manifest files or directories, for --source manifests')
      .addOption(new Option('--source <source>', 'where to read from (default: kube, or manifests when PATHs are given; prometheus: every cluster in the store at --prometheus-url)').choices(['kube', 'manifests', 'lab', 'prometheus']))
      .option('--listen <address>', 'address to listen on: :PORT, HOST:PORT or [IPv6]:PORT', ':9742');
    addClusterOptions(command)
      .addOption(new Option('--compat <name>', 'also export the MetalLB metric names the common guides use').choices(['metallb']))
      .option('--no-service-metrics', 'leave out the per-service metric families (fewer series)')
      .option('--tls-cert-file <file>', 'serve HTTPS with this certificate (PEM; needs --tls-key-file)')
      .option('--tls-key-file <file>', 'private key for --tls-cert-file (PEM)')
      .addOption(new Option('--log-level <level>', 'lowest level logged').choices(LOG_LEVELS).default('info'))
      .addOption(new Option('--log-format <format>', 'log line format').choices(LOG_FORMATS).default('text'))
      .option('--debounce <ms>', 'manifests: wait this long after a change before reading again', '250')
      .option('--max-backoff <ms>', 'kube: longest wait between restarts of a failing list/watch', '30000')
      .option('--dead-watch-timeout <ms>', 'kube: a watch with no event and no bookmark for this long is dead and the resource is listed again; failing reconnects for this long make /readyz fail', '120000')
      .option('--list-timeout <ms>', 'kube: the deadline for the whole answer to one list request (a page of a list); one not complete by then is retried with backoff', '60000')
      .addOption(maxInputSizeOption());
    addWebOptions(addAuthOptions(command))
      .action(async (paths: string[], opts: ServeOptions) => {
        const log = createLogger({ level: opts.logLevel, format: opts.logFormat, write: (l) => io.stderr.write(l) });
        const listen = parseListen(opts.listen);
        if (Boolean(opts.tlsCertFile) !== Boolean(opts.tlsKeyFile)) {
          throw new PoolwatchError('invalid-argument', '--tls-cert-file and --tls-key-file go together');
        }
        const tls = opts.tlsCertFile && opts.tlsKeyFile
          ? { cert: readSecretFile(opts.tlsCertFile, 'TLS certificate'), key: readSecretFile(opts.tlsKeyFile, 'TLS key') }
          : null;
        const auth = await createAuthenticator(opts, io.env, log);
        // Aborted once the server has closed: reads of a Prometheus store still in flight end then, not at their timeout.
        const storeReads = new AbortController();
        let server: ReturnType<typeof createServer>;
        let startParts: () => Promise<void>;
        let stopParts: () => Promise<void>;
        if (opts.source === 'lab' && paths.length > 0) throw new PoolwatchError('invalid-argument', `--source lab simulates a cluster and reads no files: drop ${paths.join(' ')}`);
        const lab = opts.source === 'lab' ? createLabSource(opts) : null;
        if (opts.source === 'prometheus') {
          if (paths.length > 0) throw new PoolwatchError('invalid-argument', `--source prometheus reads a store, not files: drop ${paths.join(' ')}`);
          const { deps, fleet } = fleetDeps({ url: storeUrl(opts.prometheusUrl, '--source prometheus'), lookback: opts.lookback, log, signal: storeReads.signal });
          server = createServer({ deps, auth, tls });
          // One read at start says at once whether the store answers; the server runs either way and retries on request.
          // A fleet server has no source to restart: an unhandled error is logged and the next request reads the store again.
          let unguard = () => {};
          startParts = () => {
            unguard = guardUnhandledRejections(process, log, {});
            return fleet.overview().then(
              () => undefined,
              (err: unknown) => {
                if (!storeReads.signal.aborted) log.warn('store', { error: err instanceof Error ? err.message : String(err) });
              },
            );
          };
          stopParts = async () => {
            storeReads.abort();
            unguard();
          };
        } else {
          const source: LiveSource = lab ?? (await createLiveSource(paths, opts, io, log));
          let forecasts = () => [] as ReturnType<HistoryProvider['latest']>;
          const app = createApp({
            store: () => source.store(),
            health: () => source.health(),
            compat: opts.compat === 'metallb',
            serviceMetrics: opts.serviceMetrics,
            forecasts: () => forecasts(),
            log,
          });
          const history = await createHistory(opts, { report: app.report, log, lab, signal: storeReads.signal });
          forecasts = () => history.latest();
          const info = { mode: 'cluster' as const, source: source.health().source, simulatedSpeed: lab ? lab.speed : null };
          const live = singleClusterFeeds({ report: app.report, history }, (err) => log.warn('live updates', { error: err instanceof Error ? err.message : String(err) }));
          server = createServer({ deps: { ...app, history, info, live }, auth, tls });
          let unguard = () => {};
          startParts = async () => {
            unguard = guardUnhandledRejections(process, log, source);
            await source.start();
            history.start();
          };
          stopParts = async () => {
            storeReads.abort();
            await history.stop();
            await source.stop();
            unguard();
          };
        }
        let starting = true;
        const stopping = shutdownSignal().then((signal) => {
          // A signal while starting (a slow first read of a store) ends the reads at once, and nothing listens.
          if (starting) storeReads.abort();
          return signal;
        });
        await startParts();
        starting = false;
        if (!storeReads.signal.aborted) {
          let address;
          try {
            address = await server.listen(listen.port, listen.host);
          } catch (err) {
            await stopParts();
            throw new PoolwatchError('invalid-argument', `cannot listen: ${systemErrorText(err, opts.listen)}`);
          }
          const base = `${tls ? 'https' : 'http'}://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
          io.stdout.write(urlsBanner(servingWhat(opts, paths), address, tls !== null));
          log.info('serving', {
            address: base,
            compat: opts.compat ?? null,
            serviceMetrics: opts.serviceMetrics,
            auth: auth?.kind ?? 'none',
          });
        }
        const signal = await stopping;
        log.info('shutting down', { signal });
        await server.close(5000);
        await stopParts();
        log.info('stopped');
        done(EXIT_OK);
      });
  },
};
