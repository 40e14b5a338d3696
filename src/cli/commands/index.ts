// The one list of CLI commands, each loaded only when it runs: adding a command is one file plus one line here.
import type { CliCommand } from '../command.ts';

/**
 * Command name to its module. A command module pulls in what it needs (the Kubernetes client, the
 * server and prom-client, the generators), so `poolwatch lint` never loads what `serve` uses.
 */
export const commandLoaders: ReadonlyArray<readonly [string, () => Promise<CliCommand>]> = [
  ['status', async () => (await import('./status.ts')).statusCommand],
  ['explain', async () => (await import('./explain.ts')).explainCommand],
  ['lint', async () => (await import('./lint.ts')).lintCommand],
  ['simulate', async () => (await import('./simulate.ts')).simulateCommand],
  ['serve', async () => (await import('./serve.ts')).serveCommand],
  ['generate', async () => (await import('./generate.ts')).generateCommand],
  ['forecast', async () => (await import('./forecast.ts')).forecastCommand],
  ['completion', async () => (await import('./completion.ts')).completionCommand],
];

/** Every command, in the order `--help` lists them. */
export async function loadAllCommands(): Promise<CliCommand[]> {
  return Promise.all(commandLoaders.map(([, load]) => load()));
}
