// `poolwatch simulate PATH...`: what MetalLB will do with these manifests: which services get which address, which stay pending and why.
import { simulationReport } from '../../core/pipeline/simulation-report.ts';
import type { IpFamily } from '../../core/address/index.ts';
import { PoolwatchError } from '../../core/errors.ts';
import { toJson } from '../../core/report/json.ts';
import { createManifestSource } from '../../sources/manifests.ts';
import { EXIT_CHECK_FAILED, EXIT_OK, type CliCommand } from '../command.ts';
import { nowOf } from '../io.ts';
import { manifestOptions, maxInputSizeOption, metallbNamespaceOption, outputOption } from '../options.ts';
import { colorsFor } from '../render/color.ts';
import { renderStatusTable } from '../render/status-table.ts';

interface SimulateOptions {
  output: 'table' | 'json';
  failOnPending?: boolean;
  lbClass?: string;
  clusterIpFamilies: string;
  maxInputSize: string;
  metallbNamespace: string;
}

/** `ipv4,ipv6` (primary first) into families; anything else is a usage error. */
export function parseClusterFamilies(text: string): IpFamily[] {
  const parts = text.split(',').map((p) => p.trim().toLowerCase());
  const ok = parts.every((p) => p === 'ipv4' || p === 'ipv6') && parts.length >= 1 && parts.length <= 2 && new Set(parts).size === parts.length;
  if (!ok) throw new PoolwatchError('invalid-argument', `--cluster-ip-families "${text}": expected ipv4, ipv6, ipv4,ipv6 or ipv6,ipv4`);
  return parts as IpFamily[];
}

export const simulateCommand: CliCommand = {
  name: 'simulate',
  examples: [
    ['poolwatch simulate manifests/', 'who gets which address, who stays pending and why'],
    ['poolwatch simulate --fail-on-pending manifests/ live-services.yaml', 'exit 1 if a service would stay pending'],
    ['poolwatch simulate -o json manifests/', 'the simulated report as JSON'],
  ],
  register(program, io, done) {
    program
      .command('simulate')
      .description("predict MetalLB's allocation for these manifests: who gets which address, who stays pending and why")
      .argument('<paths...>', 'manifest files or directories (- for stdin): pools, namespaces and services')
      .addOption(outputOption(['table', 'json'], 'table'))
      .option('--fail-on-pending', 'exit 1 when any service would stay pending')
      .option('--lb-class <class>', "MetalLB's --lb-class: handle services of this loadBalancerClass (default: services without one)")
      .option('--cluster-ip-families <families>', 'service IP families of the cluster, primary first, for services not applied yet', 'ipv4,ipv6')
      .addOption(metallbNamespaceOption())
      .addOption(maxInputSizeOption())
      .action(async (paths: string[], opts: SimulateOptions) => {
        const clusterIpFamilies = parseClusterFamilies(opts.clusterIpFamilies);
        const snapshot = await createManifestSource({ ...manifestOptions(io, paths, opts.maxInputSize), metallbNamespace: opts.metallbNamespace }).load();
        const { report, assigned } = simulationReport(snapshot, { now: nowOf(io), lbClass: opts.lbClass ?? null, clusterIpFamilies, metallbNamespace: opts.metallbNamespace });
        if (opts.output === 'json') io.stdout.write(`${JSON.stringify(toJson(report), null, 2)}\n`);
        else io.stdout.write(renderStatusTable(report, { wide: false, colors: colorsFor(io), simulated: assigned }));
        const pending = report.services.some((s) => s.state === 'pending');
        done(opts.failOnPending && pending ? EXIT_CHECK_FAILED : EXIT_OK);
      });
  },
};
