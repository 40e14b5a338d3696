// The live-cluster source (current kube context). This build has none yet: asking for it is a clear usage error.
import { PoolwatchError } from '../core/errors.ts';
import type { SnapshotSource } from './source.ts';

export interface KubeSourceOptions {
  /** Kube context name; the current context when absent. */
  context?: string;
}

export function createKubeSource(_options: KubeSourceOptions): SnapshotSource {
  return {
    description: 'kube context',
    load: () =>
      Promise.reject(
        new PoolwatchError('source-unavailable', 'reading a live cluster is not available in this build; pass manifest files or directories: poolwatch status PATH...'),
      ),
  };
}
