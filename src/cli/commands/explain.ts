// `poolwatch explain NAMESPACE/NAME [PATH...]`: everything about one service, from the cluster or from manifests.
import { PoolwatchError } from '../../core/errors.ts';
import { EVENTS_FROM_CLUSTER_ONLY, explainService, type EventsInput } from '../../core/explain/explain-service.ts';
import { unknownService } from '../../core/explain/near-names.ts';
import { ledgerFromSnapshot } from '../../core/pipeline/analyze.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { nowOf, type CliIO } from '../io.ts';
import { addClusterOptions, maxInputSizeOption, outputOption, type ClusterFlags } from '../options.ts';
import { colorsFor } from '../render/color.ts';
import { renderExplainText } from '../render/explain-text.ts';
import { sourceFor } from '../snapshot-source.ts';

interface ExplainOptions extends ClusterFlags {
  output: 'text' | 'json';
  maxInputSize: string;
}

/** `namespace/name`, checked: one slash, neither part empty. */
export function parseServiceName(arg: string): { namespace: string; name: string } {
  const parts = arg.split('/');
  if (parts.length !== 2 || parts[0] === '' || parts[1] === '') {
    throw new PoolwatchError('invalid-argument', `name the service as NAMESPACE/NAME, not ${JSON.stringify(arg)}`);
  }
  return { namespace: parts[0]!, name: parts[1]! };
}

async function clusterEvents(io: CliIO, cluster: ClusterFlags, namespace: string, name: string): Promise<EventsInput> {
  // The Kubernetes client is loaded only when a cluster is read.
  const { readServiceEvents } = await import('../../sources/kube/service-events.ts');
  return readServiceEvents({ context: cluster.context, kubeconfig: cluster.kubeconfig, env: io.env }, namespace, name);
}

export const explainCommand: CliCommand = {
  name: 'explain',
  examples: [
    ['poolwatch explain shop/web', 'one service of the current kube context'],
    ['poolwatch explain shop/web --context prod -o json', 'another context, as JSON'],
    ['poolwatch explain shop/web manifests/', 'from manifests instead of a cluster'],
  ],
  register(program, io, done) {
    const command = program
      .command('explain')
      .description('everything about one service: pool and why, addresses, pending reason, announcement, events, findings, next steps')
      .argument('<service>', 'the service, as NAMESPACE/NAME')
      .argument('[paths...]', 'manifest files or directories (- for stdin); none reads the current kube context')
      .addOption(outputOption(['text', 'json'], 'text'));
    addClusterOptions(command)
      .addOption(maxInputSizeOption())
      .action(async (service: string, paths: string[], opts: ExplainOptions) => {
        const { namespace, name } = parseServiceName(service);
        const key = `${namespace}/${name}`;
        const fromCluster = paths.length === 0;
        const snapshot = await sourceFor(paths, io, opts, opts.maxInputSize).load();
        const ledger = ledgerFromSnapshot(snapshot, { metallbNamespace: opts.metallbNamespace });
        if (!ledger.service(key)) throw unknownService(key, [...ledger.services()].map((r) => r.key), fromCluster ? ' in the cluster' : ' in the manifests');
        const events = fromCluster ? await clusterEvents(io, opts, namespace, name) : EVENTS_FROM_CLUSTER_ONLY;
        const explanation = explainService(ledger, key, { now: nowOf(io), events })!;
        io.stdout.write(opts.output === 'json' ? `${JSON.stringify(explanation, null, 2)}\n` : renderExplainText(explanation, colorsFor(io)));
        done(EXIT_OK);
      });
  },
};
