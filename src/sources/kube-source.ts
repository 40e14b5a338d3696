// The current kube context as a one-shot source (`status` with no PATH): lists every resource once into a snapshot.
import { PoolwatchError } from '../core/errors.ts';
import { addToSnapshot, decodeObject } from '../core/model/kinds/decode-object.ts';
import { emptySnapshot } from '../core/model/snapshot.ts';
import { getJson, KubeRequestError } from './kube/list-request.ts';
import { typedObject, watchedResources } from './kube/resources.ts';
import type { SnapshotSource } from './source.ts';

export interface KubeSourceOptions {
  /** Kube context name; the current context when absent. */
  context?: string;
  /** A kubeconfig file instead of KUBECONFIG / ~/.kube/config. */
  kubeconfig?: string;
  /** Environment (KUBECONFIG, in-cluster variables); defaults to the process's. */
  env?: Record<string, string | undefined>;
  metallbNamespace?: string;
  /** How long a list may go without a byte (default 30 s). */
  timeoutMs?: number;
  /** How long the whole answer of a list may take (default 5 minutes: it is not paginated). */
  deadlineMs?: number;
  /** How long an exec credential plugin may take (default 60 s). */
  pluginTimeoutMs?: number;
}

/** The whole answer of one list: generous, since it holds every object of a kind (100,000 Services can be hundreds of MB). */
const LIST_DEADLINE_MS = 300_000;

export function createKubeSource(options: KubeSourceOptions): SnapshotSource {
  return {
    description: options.context ? `kube context ${options.context}` : 'current kube context',
    async load() {
      // The Kubernetes client takes seconds to load: only reading a cluster pays for it.
      const { loadKubeConfig } = await import('./kube/kubeconfig.ts');
      const { kc, context, server } = loadKubeConfig({ context: options.context, kubeconfig: options.kubeconfig, env: options.env ?? process.env, pluginTimeoutMs: options.pluginTimeoutMs });
      const snapshot = emptySnapshot();
      // All resources at once: a slow API server costs one round trip, not seven.
      const lists = await Promise.all(
        watchedResources(options.metallbNamespace ?? 'metallb-system').map(async (resource) => {
          const query: Record<string, string> = resource.fieldSelector ? { fieldSelector: resource.fieldSelector } : {};
          try {
            return { resource, items: (await getJson(kc, resource.path, query, { totalMs: options.deadlineMs ?? LIST_DEADLINE_MS, idleMs: options.timeoutMs ?? 30_000 })).items };
          } catch (err) {
            const status = err instanceof KubeRequestError ? err.statusCode : undefined;
            // A MetalLB CRD that is not installed: nothing of that kind exists.
            if (resource.optional && status === 404) return { resource, items: [] };
            const why = status === 401 || status === 403 ? `${(err as Error).message} (check the credentials and RBAC of context ${context})` : (err as Error).message;
            throw new PoolwatchError('source-unavailable', `cannot read ${resource.kind} objects from ${server}: ${why}`);
          }
        }),
      );
      for (const { resource, items } of lists) for (const item of items) addToSnapshot(snapshot, decodeObject(typedObject(resource, item)));
      return snapshot;
    },
  };
}
