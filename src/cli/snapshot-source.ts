// Where a one-shot command reads a cluster from: manifest PATHs when given, else the current (or named) kube context.
import { createKubeSource } from '../sources/kube-source.ts';
import { createManifestSource } from '../sources/manifests.ts';
import type { SnapshotSource } from '../sources/source.ts';
import type { CliIO } from './io.ts';
import { manifestOptions } from './options.ts';

/** Manifest paths when given, else the current (or named) kube context. */
export function sourceFor(paths: readonly string[], io: CliIO, context: string | undefined, maxInputSize: string): SnapshotSource {
  if (paths.length === 0) return createKubeSource(context ? { context, env: io.env } : { env: io.env });
  return createManifestSource(manifestOptions(io, paths, maxInputSize));
}
