// Where a one-shot command reads a cluster from: manifest PATHs when given, else the kube context the cluster flags name.
import { createKubeSource } from '../sources/kube-source.ts';
import { createManifestSource } from '../sources/manifests.ts';
import type { SnapshotSource } from '../sources/source.ts';
import type { CliIO } from './io.ts';
import { manifestOptions, type ClusterFlags } from './options.ts';

/** Manifest paths when given, else the current (or named) kube context. */
export function sourceFor(paths: readonly string[], io: CliIO, cluster: ClusterFlags, maxInputSize: string): SnapshotSource {
  if (paths.length === 0) {
    return createKubeSource({
      env: io.env,
      metallbNamespace: cluster.metallbNamespace,
      ...(cluster.context ? { context: cluster.context } : {}),
      ...(cluster.kubeconfig ? { kubeconfig: cluster.kubeconfig } : {}),
    });
  }
  return createManifestSource({ ...manifestOptions(io, paths, maxInputSize), metallbNamespace: cluster.metallbNamespace });
}
