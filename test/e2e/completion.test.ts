// `poolwatch completion bash|zsh|fish`: each script parses in its real shell, and bash and fish complete commands, options and their values.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../support/cli.ts';

async function scriptFile(shell: string, dir: string): Promise<string> {
  const r = await runInProcess(['completion', shell]);
  assert.equal(r.code, 0, r.stderr);
  const file = join(dir, `poolwatch.${shell}`);
  writeFileSync(file, r.stdout);
  return file;
}

function run(shell: string, args: string[]): string {
  const r = spawnSync(shell, args, { encoding: 'utf8', timeout: 20_000, env: { PATH: process.env['PATH'] ?? '', HOME: tmpdir() } });
  assert.equal(r.status, 0, `${shell} ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

test('bash completes commands, options, option values and generate kinds', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-completion-'));
  try {
    const file = await scriptFile('bash', dir);
    const complete = (line: string) => {
      const words = line.split(' ');
      const script = `source ${file}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _poolwatch; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return run('bash', ['-c', script]).split('\n').filter(Boolean);
    };
    assert.deepEqual(complete('poolwatch s'), ['status', 'simulate', 'serve']);
    assert.deepEqual(complete('poolwatch lint --fail-on '), ['error', 'warning', 'info']);
    assert.deepEqual(complete('kubectl-poolwatch serve --sou'), ['--source']);
    assert.deepEqual(complete('poolwatch serve --source '), ['kube', 'manifests', 'lab', 'prometheus']);
    assert.deepEqual(complete('poolwatch generate '), ['rules', 'dashboards', 'dashboard-objects', 'scrape', 'all']);
    assert.deepEqual(complete('poolwatch completion '), ['bash', 'zsh', 'fish']);
    assert.deepEqual(complete('poolwatch e'), ['explain']);
    assert.deepEqual(complete('poolwatch explain -o '), ['text', 'json']);
    assert.ok(complete('poolwatch status -').includes('--version'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fish completes the same, for poolwatch and kubectl-poolwatch', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-completion-'));
  try {
    const file = await scriptFile('fish', dir);
    run('fish', ['--no-execute', file]);
    const complete = (line: string) => run('fish', ['-c', `source ${file}; complete -C '${line}'`]).split('\n').filter(Boolean).map((l) => l.split('\t')[0]);
    assert.deepEqual(complete('poolwatch lint --fail-on '), ['error', 'info', 'warning']);
    assert.ok(complete('kubectl-poolwatch ').includes('serve'));
    assert.ok(complete('poolwatch serve --so').includes('--source'));
    assert.deepEqual(complete('poolwatch generate '), ['all', 'dashboards', 'dashboard-objects', 'rules', 'scrape']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('zsh: the script parses and describes every command and option', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-completion-'));
  try {
    const file = await scriptFile('zsh', dir);
    run('zsh', ['-n', file]);
    // Loaded the way users load it (compinit, then the script): it defines the function without an error.
    const out = run('zsh', ['-f', '-c', `autoload -U compinit && compinit -u -d ${join(dir, 'zcompdump')} && source ${file} && whence -w _poolwatch`]);
    assert.equal(out.trim(), '_poolwatch: function');
    const text = (await runInProcess(['completion', 'zsh'])).stdout;
    for (const needle of ["'status:show how full", "'(-o --output)'{-o,--output}'[output format]:value:(table wide json)'", "'1:kind:(rules dashboards dashboard-objects scrape all)'", "'--auth-token-file[require the bearer token in this file"]) {
      assert.ok(text.includes(needle), needle);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an unknown shell is a usage error', async () => {
  const r = await runInProcess(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /value 'tcsh' is invalid for argument 'shell'\. Allowed choices are bash, zsh, fish\./);
});
