// Option parsing shared by commands: output formats and severities as commander choices.
import { Option, type Command } from 'commander';
import { PoolwatchError } from '../core/errors.ts';
import { SEVERITIES } from '../core/report/codes.ts';
import { visible } from '../core/report/visible.ts';
import { DEFAULT_METALLB_NAMESPACE } from '../core/model/kinds/metallb.ts';
import { DEFAULT_MAX_INPUT_BYTES, formatSize, type ManifestSourceOptions } from '../sources/manifests.ts';
import type { CliIO } from './io.ts';

export function outputOption(formats: readonly string[], fallback: string): Option {
  return new Option('-o, --output <format>', 'output format').choices(formats).default(fallback);
}

export function failOnOption(): Option {
  return new Option('--fail-on <severity>', 'exit 1 when a finding at or above this severity exists').choices(SEVERITIES).default('error');
}

/** A map, not an object: a unit named like an object member (`5constructor`) must be unknown, not NaN bytes. */
const UNITS = new Map(Object.entries({ '': 1, b: 1, k: 1e3, kb: 1e3, kib: 2 ** 10, m: 1e6, mb: 1e6, mib: 2 ** 20, g: 1e9, gb: 1e9, gib: 2 ** 30 }));

/** `64MiB`, `100MB`, `1G` or a number of bytes. */
export function parseSize(text: string): number {
  const m = /^(\d+(?:\.\d+)?)\s*([a-z]*)$/i.exec(text.trim());
  const unit = m ? UNITS.get(m[2]!.toLowerCase()) : undefined;
  if (!m || unit === undefined || Number(m[1]) * unit < 1) {
    throw new PoolwatchError('invalid-argument', `--max-input-size "${text}": expected a size such as 64MiB, 100MB or 1G`);
  }
  return Math.floor(Number(m[1]) * unit);
}

export function maxInputSizeOption(): Option {
  return new Option('--max-input-size <size>', `read at most this much, per file and in total (YAML: a sixteenth of it)`).default(formatSize(DEFAULT_MAX_INPUT_BYTES).replace(' ', ''));
}

/** How a command reads manifest paths: bounded, with notices about skipped files on standard error. */
export function manifestOptions(io: CliIO, paths: readonly string[], maxInputSize: string): ManifestSourceOptions {
  return {
    paths,
    cwd: io.cwd,
    readStdin: io.readStdin,
    maxInputBytes: parseSize(maxInputSize),
    notice: (message) => io.stderr.write(`poolwatch: ${visible(message)}\n`),
  };
}

/** `--metallb-namespace`: where MetalLB keeps its configuration; every command that reads MetalLB objects takes it. */
export function metallbNamespaceOption(): Option {
  return new Option('--metallb-namespace <name>', "namespace MetalLB reads its configuration from (its pools and advertisements elsewhere are refused)").default(DEFAULT_METALLB_NAMESPACE);
}

/** How to reach a cluster: the options of every command that reads one. */
export interface ClusterFlags {
  kubeconfig?: string;
  context?: string;
  metallbNamespace: string;
}

/** `--kubeconfig`, `--context` and `--metallb-namespace`, defined once for every command that reads a cluster. */
export function addClusterOptions(command: Command): Command {
  return command
    .addOption(new Option('--kubeconfig <file>', 'kubeconfig file (default: KUBECONFIG, ~/.kube/config, then the in-cluster service account)'))
    .addOption(new Option('--context <name>', 'kube context (default: the current context)'))
    .addOption(metallbNamespaceOption());
}
