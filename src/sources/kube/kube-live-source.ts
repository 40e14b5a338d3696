// `serve --source kube`: the watch source feeding one incremental cluster store.
import type { AnalysisOptions } from '../../core/analysis/options.ts';
import type { Logger } from '../../log.ts';
import { ClusterStore } from '../cluster-store.ts';
import type { SourceHealth } from '../../core/report/source-health.ts';
import type { LiveSource, ReportSource } from '../live-source.ts';
import type { BackoffOptions } from './backoff.ts';
import { loadKubeConfig } from './kubeconfig.ts';
import { KubeWatchSource } from './watch-source.ts';

export interface KubeLiveOptions {
  kubeconfig?: string | undefined;
  context?: string | undefined;
  env: Record<string, string | undefined>;
  metallbNamespace?: string;
  logger: Logger;
  analysis?: AnalysisOptions;
  backoff?: BackoffOptions;
  /** See KubeWatchSourceOptions.deadWatchMs. */
  deadWatchMs?: number;
  /** See KubeWatchSourceOptions.listTimeoutMs. */
  listTimeoutMs?: number;
}

export class KubeLiveSource implements LiveSource {
  readonly clusterStore: ClusterStore;
  readonly watch: KubeWatchSource;

  constructor(options: KubeLiveOptions) {
    // Reads and checks the kubeconfig now, so a bad one is a usage error before anything listens.
    const { kc, origin, context, server } = loadKubeConfig(options);
    options.logger.info('using Kubernetes configuration', { from: origin, context, server });
    // The findings about MetalLB's namespace judge against the namespace the objects are read from.
    this.clusterStore = new ClusterStore({ ...options.analysis, ...(options.metallbNamespace ? { metallbNamespace: options.metallbNamespace } : {}) });
    this.watch = new KubeWatchSource({
      kc,
      sink: this.clusterStore,
      logger: options.logger,
      ...(options.metallbNamespace ? { metallbNamespace: options.metallbNamespace } : {}),
      ...(options.backoff ? { backoff: options.backoff } : {}),
      ...(options.deadWatchMs !== undefined ? { deadWatchMs: options.deadWatchMs } : {}),
      ...(options.listTimeoutMs !== undefined ? { listTimeoutMs: options.listTimeoutMs } : {}),
    });
  }

  store(): ReportSource {
    return this.clusterStore;
  }

  health(): SourceHealth {
    return this.watch.health();
  }

  async start(): Promise<void> {
    this.watch.start();
  }

  async stop(): Promise<void> {
    await this.watch.stop();
  }

  async restart(): Promise<void> {
    await this.watch.restart();
  }
}
