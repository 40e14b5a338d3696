// `poolwatch generate rules|dashboards|dashboard-objects|scrape|all`: writes the monitoring bundle to a folder or prints it.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { Argument } from 'commander';
import { BUNDLE_KINDS, generateBundle, type BundleKind } from '../../core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../core/generate/config.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { loadMonitoringConfig } from '../monitoring-config-file.ts';
import { renderBundleFile, renderBundleStream } from '../render/bundle-files.ts';

export const generateCommand: CliCommand = {
  name: 'generate',
  examples: [
    ['poolwatch generate all --out monitoring/', 'every file of the monitoring bundle'],
    ['poolwatch generate rules --config monitoring.yaml', 'alert rules with your thresholds, to stdout'],
    ['poolwatch generate dashboards --out grafana/', 'the Grafana dashboard'],
  ],
  register(program, io, done) {
    program
      .command('generate')
      .description('generate alert and recording rules, Grafana dashboards and scrape configs for MetalLB and poolwatch')
      .addArgument(new Argument('<kind>', 'what to generate').choices(BUNDLE_KINDS))
      .option('--out <dir>', 'write the files into DIR (default: print them to standard output)')
      .option('--config <file>', 'monitoring config (YAML or JSON); without it the documented defaults apply')
      .action((kind: BundleKind, options: { out?: string; config?: string }) => {
        const config = options.config ? loadMonitoringConfig(resolve(io.cwd, options.config), io.cwd) : DEFAULT_CONFIG;
        const files = generateBundle(config, kind);
        if (options.out === undefined) {
          io.stdout.write(renderBundleStream(files));
        } else {
          const out = resolve(io.cwd, options.out);
          for (const file of files) {
            const target = join(out, ...file.path.split('/'));
            mkdirSync(dirname(target), { recursive: true });
            writeFileSync(target, renderBundleFile(file));
          }
          io.stdout.write(`wrote ${files.length} files to ${options.out}\n`);
        }
        done(EXIT_OK);
      });
  },
};
