// A kubeconfig whose user gets its token from an exec credential plugin (a small Node script) that hangs until told to answer; the plugin's runs are recorded by PID.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ExecPlugin {
  /** The kubeconfig (YAML) of the fake API server, with the plugin instead of a token. */
  kubeconfig: string;
  /** Where it is written, for KUBECONFIG. */
  kubeconfigFile: string;
  /** The PIDs of every run of the plugin so far, in order. */
  pids(): number[];
  /** From now on the plugin prints a credential at once. */
  answer(): void;
  /** From now on the plugin fails at once: exit 1, with an error on standard error. */
  fail(): void;
  /** Whether a process runs (or is a zombie not yet reaped) with that PID. */
  alive(pid: number): boolean;
  remove(): void;
}

/** `kubeconfig`: the fake API server's kubeconfig, whose user's `token:` line is replaced by the plugin. */
export function execPlugin(kubeconfig: string): ExecPlugin {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-exec-'));
  const script = join(dir, 'plugin.mjs');
  const runs = join(dir, 'runs');
  const answerFile = join(dir, 'answer');
  const failFile = join(dir, 'fail');
  writeFileSync(runs, '');
  writeFileSync(
    script,
    [
      "import { appendFileSync, existsSync } from 'node:fs';",
      `appendFileSync(${JSON.stringify(runs)}, process.pid + '\\n');`,
      `if (existsSync(${JSON.stringify(failFile)})) {`,
      "  process.stderr.write('error: you must be logged in to the server\\nrun the login command first\\n');",
      '  process.exit(1);',
      '}',
      `if (existsSync(${JSON.stringify(answerFile)})) {`,
      "  process.stdout.write(JSON.stringify({ apiVersion: 'client.authentication.k8s.io/v1', kind: 'ExecCredential', status: { token: 'from-the-plugin' } }));",
      '} else {',
      '  // Never answers, as a plugin waiting on a network that is not there.',
      '  setInterval(() => {}, 60_000);',
      '}',
      '',
    ].join('\n'),
  );
  const exec = [
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1',
    `      command: ${JSON.stringify(process.execPath)}`,
    `      args: [${JSON.stringify(script)}]`,
    '      interactiveMode: Never',
  ].join('\n');
  if (!kubeconfig.includes('    token: fake-token')) throw new Error('the kubeconfig has no token line to replace');
  const withPlugin = kubeconfig.replace('    token: fake-token', exec);
  const kubeconfigFile = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigFile, withPlugin);
  return {
    kubeconfig: withPlugin,
    kubeconfigFile,
    pids: () => readFileSync(runs, 'utf8').split('\n').filter((l) => l !== '').map(Number),
    answer: () => writeFileSync(answerFile, ''),
    fail: () => writeFileSync(failFile, ''),
    alive(pid) {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    },
    remove() {
      // A plugin left running by a failed test must not outlive it.
      for (const pid of existsSync(runs) ? readFileSync(runs, 'utf8').split('\n').filter((l) => l !== '').map(Number) : []) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
