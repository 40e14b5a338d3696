// Every command answers --version and ends its --help with examples that name real commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { commandLoaders } from '../../../src/cli/commands/index.ts';
import { VERSION } from '../../../src/version.ts';
import { runInProcess } from '../../support/cli.ts';

for (const [name] of commandLoaders) {
  test(`poolwatch ${name} --version and --help`, async () => {
    const version = await runInProcess([name, '--version']);
    assert.deepEqual([version.code, version.stdout], [0, `${VERSION}\n`]);
    const help = await runInProcess([name, '--help']);
    assert.equal(help.code, 0);
    const examples = help.stdout.slice(help.stdout.lastIndexOf('\nExamples:\n'));
    assert.ok(examples.length > 12, `${name} --help has an Examples section`);
    const lines = examples.trim().split('\n').slice(1);
    assert.ok(lines.length >= 2, `${name} --help shows at least two examples`);
    for (const line of lines) assert.match(line, new RegExp(`^  (\\S.*)?\\bpoolwatch ${name}\\b.*  # \\S`), line);
  });
}

test('poolwatch --version prints the version alone; --help lists every command', async () => {
  assert.deepEqual(await runInProcess(['--version']), { code: 0, stdout: `${VERSION}\n`, stderr: '' });
  const help = await runInProcess(['--help']);
  for (const [name] of commandLoaders) assert.match(help.stdout, new RegExp(`^  ${name}\\b`, 'm'));
});

test('the commands that read a cluster take --kubeconfig, --context and --metallb-namespace, and the no-cluster message names only flags they have', async () => {
  const noClusterRun: Record<string, string[]> = { status: ['status'], serve: ['serve', '--source', 'kube'], explain: ['explain', 'shop/web'] };
  for (const [name, argv] of Object.entries(noClusterRun)) {
    const help = (await runInProcess([name, '--help'])).stdout;
    for (const flag of ['--kubeconfig <file>', '--context <name>', '--metallb-namespace <name>']) assert.ok(help.includes(`  ${flag}`), `${name} takes ${flag}`);
    const r = await runInProcess(argv);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^poolwatch: no Kubernetes configuration found/);
    const suggested = [...r.stderr.matchAll(/--[a-z-]+/g)].map((m) => m[0]);
    assert.ok(suggested.length > 0);
    for (const flag of suggested) assert.match(help, new RegExp(`^  (-\\w, )?${flag}\\b`, 'm'), `${name}'s message suggests ${flag}, which ${name} takes`);
  }
  // Commands that read MetalLB objects from files take the namespace too: one flag name everywhere.
  for (const name of ['lint', 'simulate']) assert.match((await runInProcess([name, '--help'])).stdout, /^ {2}--metallb-namespace <name>/m);
});
