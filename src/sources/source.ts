// The seam between where a cluster's objects come from and everything that analyses them.
import type { ClusterSnapshot } from '../core/model/snapshot.ts';

/**
 * A place poolwatch reads a cluster from: manifest files (src/sources/manifests.ts), the current
 * kube context (src/sources/kube-source.ts), or the lab. `load` reads everything once; problems in
 * the input come back in `snapshot.problems`, and a source that cannot be read at all throws a
 * PoolwatchError (`unreadable-input`, `no-manifests` or `source-unavailable`).
 */
export interface SnapshotSource {
  /** For messages, e.g. `manifests (3 files)` or `kube context prod`. */
  readonly description: string;
  load(): Promise<ClusterSnapshot>;
}
