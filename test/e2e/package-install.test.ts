// The package as users get it: `npm pack` holds only what runs, and installing the tarball into an empty prefix gives working `poolwatch` and `kubectl poolwatch` commands.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/cli.ts';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { loadFixture } from '../support/fixture-cluster.ts';
import { VERSION } from '../../src/version.ts';

const exec = promisify(execFile);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command without blocking this process (the fake API server answers from it meanwhile). */
async function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<Run> {
  try {
    const { stdout, stderr } = await exec(command, args, { cwd: options.cwd ?? repoRoot, env: options.env ?? process.env, timeout: 240_000, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string; message: string };
    return { code: typeof e.code === 'number' ? e.code : -1, stdout: e.stdout ?? '', stderr: e.stderr ?? e.message };
  }
}

test('npm pack, install into an empty prefix, then poolwatch and kubectl poolwatch run', { timeout: 300_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-package-'));
  const fake = await startFakeApiServer();
  try {
    // --ignore-scripts: `npm test` built dist/ already, and rebuilding it here would pull it from under the other tests.
    const packed = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', dir]);
    assert.equal(packed.code, 0, packed.stderr);
    const [info] = JSON.parse(packed.stdout) as Array<{ filename: string; files: Array<{ path: string }> }>;
    const paths = info!.files.map((f) => f.path);
    assert.ok(paths.includes('bin/poolwatch.js') && paths.includes('dist/cli/main.js') && paths.includes('dist/ui/index.html'), paths.join(' '));
    const stray = paths.filter((p) => !/^(bin\/|dist\/|package\.json$|README\.md$|LICENSE$)/.test(p));
    assert.deepEqual(stray, [], 'the package holds only what runs');

    const prefix = join(dir, 'prefix');
    const installed = await run('npm', ['install', '--global', '--prefix', prefix, '--prefer-offline', '--no-audit', '--no-fund', join(dir, info!.filename)], { cwd: dir });
    assert.equal(installed.code, 0, installed.stderr);

    const env = { PATH: `${join(prefix, 'bin')}:${process.env['PATH'] ?? ''}`, HOME: dir, NO_COLOR: '1' };
    // Run from an empty folder, so nothing of the repository is found by accident.
    const fixture = join(repoRoot, 'test', 'fixtures', 'basic-ipv4');
    const version = await run('poolwatch', ['--version'], { cwd: dir, env });
    assert.deepEqual([version.code, version.stdout], [0, `${VERSION}\n`], version.stderr);
    const lint = await run('poolwatch', ['lint', fixture], { cwd: dir, env });
    assert.equal(lint.code, 0, lint.stderr);
    assert.match(lint.stdout, /1 finding: 0 error, 1 warning, 0 info\n$/);
    const status = await run('poolwatch', ['status', fixture], { cwd: dir, env });
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /default +IPv4 +3\/256/);

    // kubectl finds kubectl-poolwatch on the PATH; the plugin reads the cluster of kubectl's kubeconfig.
    const plugins = await run('kubectl', ['plugin', 'list'], { cwd: dir, env });
    assert.match(plugins.stdout, /kubectl-poolwatch\n/);
    const pluginVersion = await run('kubectl', ['poolwatch', '--version'], { cwd: dir, env });
    assert.deepEqual([pluginVersion.code, pluginVersion.stdout], [0, `${VERSION}\n`], pluginVersion.stderr);
    assert.ok(loadFixture(fake, fixture) > 0);
    writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
    const live = await run('kubectl', ['poolwatch', 'status'], { cwd: dir, env: { ...env, KUBECONFIG: join(dir, 'kubeconfig') } });
    assert.equal(live.code, 0, live.stderr);
    assert.match(live.stdout, /default +IPv4 +3\/256/);
  } finally {
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
