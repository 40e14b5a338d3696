// Finds the Kubernetes connection: --kubeconfig, then KUBECONFIG, then ~/.kube/config, then the in-cluster service account.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { PoolwatchError } from '../../core/errors.ts';
import { boundCredentialPlugin } from './credential-plugin.ts';

export interface KubeConfigOptions {
  /** --kubeconfig: one file, used instead of KUBECONFIG. */
  kubeconfig?: string | undefined;
  /** --context: a context of the kubeconfig instead of its current-context. */
  context?: string | undefined;
  env: Record<string, string | undefined>;
  /** Where ~/.kube/config is looked for; defaults to HOME from `env` (none: not looked for). */
  home?: string;
  /** How long an exec credential plugin may take (default 60 s). */
  pluginTimeoutMs?: number;
}

function loadFile(kc: KubeConfig, file: string): void {
  if (!existsSync(file)) throw new PoolwatchError('unreadable-input', `kubeconfig ${file} does not exist`, { location: file });
  try {
    kc.loadFromFile(file);
  } catch (err) {
    throw new PoolwatchError('unreadable-input', `cannot read kubeconfig: ${(err as Error).message.split('\n')[0]}`, { location: file });
  }
}

/** Where the configuration came from, for the startup log line. */
export interface LoadedKubeConfig {
  kc: KubeConfig;
  origin: string;
  context: string;
  server: string;
}

export function loadKubeConfig(options: KubeConfigOptions): LoadedKubeConfig {
  const kc = new KubeConfig();
  let origin: string;
  const fromEnv = (options.env['KUBECONFIG'] ?? '').split(delimiter).filter((f) => f !== '');
  const home = options.home ?? options.env['HOME'];
  const homeConfig = home ? join(home, '.kube', 'config') : null;
  if (options.kubeconfig) {
    loadFile(kc, options.kubeconfig);
    origin = options.kubeconfig;
  } else if (fromEnv.length > 0) {
    // Like kubectl: the first file that sets a value wins.
    loadFile(kc, fromEnv[0]!);
    for (const file of fromEnv.slice(1)) {
      const more = new KubeConfig();
      loadFile(more, file);
      kc.mergeConfig(more, true);
    }
    origin = `KUBECONFIG=${fromEnv.join(delimiter)}`;
  } else if (homeConfig && existsSync(homeConfig)) {
    loadFile(kc, homeConfig);
    origin = homeConfig;
  } else if (options.env['KUBERNETES_SERVICE_HOST']) {
    kc.loadFromCluster();
    origin = 'in-cluster service account';
  } else {
    throw new PoolwatchError(
      'source-unavailable',
      'no Kubernetes configuration found: set KUBECONFIG, pass --kubeconfig, or run inside a cluster (or pass manifest files)',
    );
  }
  if (options.context) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(options.context)) {
      throw new PoolwatchError('invalid-argument', `context "${options.context}" is not in the kubeconfig (${origin}); known contexts: ${names.join(', ') || 'none'}`);
    }
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) {
    throw new PoolwatchError('invalid-argument', `the kubeconfig (${origin}) has no current context with a cluster: pass --context`);
  }
  // Every use of this configuration (poolwatch's own requests and the client library's) runs a plugin bounded.
  boundCredentialPlugin(kc, options.pluginTimeoutMs);
  return { kc, origin, context: kc.getCurrentContext(), server: cluster.server };
}
