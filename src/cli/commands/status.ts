// `poolwatch status [PATH...]`: pool usage per family, pending services with reasons, and findings.
import { analyze } from '../../core/pipeline/analyze.ts';
import { PoolwatchError } from '../../core/errors.ts';
import { filterReport } from '../../core/report/filter.ts';
import { toJson } from '../../core/report/json.ts';
import { createKubeSource } from '../../sources/kube-source.ts';
import { createManifestSource } from '../../sources/manifests.ts';
import type { SnapshotSource } from '../../sources/source.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { nowOf, type CliIO } from '../io.ts';
import { manifestOptions, maxInputSizeOption, outputOption } from '../options.ts';
import { colorsFor } from '../render/color.ts';
import { renderStatusTable } from '../render/status-table.ts';

interface StatusOptions {
  output: 'table' | 'wide' | 'json';
  pool?: string;
  namespace?: string;
  context?: string;
  maxInputSize: string;
}

/** Manifest paths when given, else the current (or named) kube context. */
export function sourceFor(paths: readonly string[], io: CliIO, context: string | undefined, maxInputSize: string): SnapshotSource {
  if (paths.length === 0) return createKubeSource(context ? { context, env: io.env } : { env: io.env });
  return createManifestSource(manifestOptions(io, paths, maxInputSize));
}

export const statusCommand: CliCommand = {
  name: 'status',
  examples: [
    ['poolwatch status', 'every pool of the current kube context'],
    ['poolwatch status --context prod -o wide', 'another context, with more columns'],
    ['poolwatch status manifests/ live-services.yaml', 'manifests instead of a cluster'],
    ['kubectl get svc -A -o yaml | poolwatch status pools.yaml -', 'services from stdin'],
    ['poolwatch status -o json --pool default', "one pool's exact report as JSON"],
  ],
  register(program, io, done) {
    program
      .command('status')
      .description('show how full every pool is, pending services with reasons, and findings')
      .argument('[paths...]', 'manifest files or directories (- for stdin); none reads the current kube context')
      .addOption(outputOption(['table', 'wide', 'json'], 'table'))
      .option('--pool <name>', 'only this pool')
      .option('--namespace <name>', 'only services (and their findings) in this namespace')
      .option('--context <name>', 'kube context to read when no PATH is given')
      .addOption(maxInputSizeOption())
      .action(async (paths: string[], opts: StatusOptions) => {
        const snapshot = await sourceFor(paths, io, opts.context, opts.maxInputSize).load();
        const full = analyze(snapshot, { now: nowOf(io) });
        if (opts.pool && !full.pools.some((p) => p.name === opts.pool)) {
          throw new PoolwatchError('not-found', `no pool named "${opts.pool}" (pools: ${full.pools.map((p) => p.name).join(', ') || 'none'})`);
        }
        const report = filterReport(full, { pool: opts.pool ?? null, namespace: opts.namespace ?? null });
        if (opts.output === 'json') io.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
        else io.stdout.write(renderStatusTable(report, { wide: opts.output === 'wide', colors: colorsFor(io) }));
        done(EXIT_OK);
      });
  },
};
