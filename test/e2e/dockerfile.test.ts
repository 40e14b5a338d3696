// The image without a Docker engine: runs the Dockerfile's build stage in a temporary folder, assembles the runtime stage from it, and starts its entry point as the image would.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '../support/cli.ts';
import { startFakeApiServer } from '../support/fake-apiserver.ts';
import { loadFixture } from '../support/fixture-cluster.ts';
import { freePort, startProcess, waitFor } from '../support/processes.ts';
import { VERSION } from '../../src/version.ts';

const exec = promisify(execFile);

interface Instruction {
  op: string;
  args: string;
}

interface Stage {
  from: string;
  instructions: Instruction[];
}

/** Dockerfile instructions per stage (comments dropped, `\` continuations joined, build args expanded). */
function parseDockerfile(text: string): Stage[] {
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of lines) {
    const [op, ...rest] = line.split(/\s+/);
    const expanded = rest.join(' ').replace(/\$\{(\w+)\}/g, (_, name: string) => args.get(name) ?? `\${${name}}`);
    if (op === 'ARG' && stages.length === 0) {
      const [name, value] = expanded.split('=');
      args.set(name!, value ?? '');
    } else if (op === 'FROM') {
      stages.push({ from: expanded, instructions: [] });
    } else if (stages.length > 0) {
      stages.at(-1)!.instructions.push({ op: op!, args: expanded });
    }
  }
  return stages;
}

const dockerfile = parseDockerfile(readFileSync(join(repoRoot, 'Dockerfile'), 'utf8'));
const [buildStage, runStage] = dockerfile;
const get = (stage: Stage, op: string) => stage.instructions.filter((i) => i.op === op).map((i) => i.args);

test('the Dockerfile pins its bases by digest, runs as non-root and carries OCI labels', () => {
  assert.equal(dockerfile.length, 2);
  assert.match(buildStage!.from, /^--platform=\$BUILDPLATFORM node:20-bookworm-slim@sha256:[0-9a-f]{64} AS build$/);
  assert.match(runStage!.from, /^gcr\.io\/distroless\/nodejs20-debian12@sha256:[0-9a-f]{64}$/);
  const [user] = get(runStage!, 'USER');
  assert.match(user!, /^[1-9]\d*:[1-9]\d*$/, 'a numeric non-root user, so runAsNonRoot can verify it');
  const labels = get(runStage!, 'LABEL').join(' ');
  for (const key of ['title', 'description', 'version', 'revision', 'licenses', 'base.name']) assert.ok(labels.includes(`org.opencontainers.image.${key}=`), key);
  assert.deepEqual(get(runStage!, 'ENV'), ['NODE_ENV=production']);
  assert.ok(!readFileSync(join(repoRoot, 'Dockerfile'), 'utf8').includes('VOLUME'), 'no writable volume is needed');
});

test('the build stage, run in a folder, gives what the runtime stage copies; its entry point starts with NODE_ENV=production and no dev dependencies', { timeout: 600_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-image-'));
  const build = join(dir, 'build');
  const app = join(dir, 'app');
  mkdirSync(build);
  mkdirSync(app);
  const fake = await startFakeApiServer();
  let serve: ReturnType<typeof startProcess> | null = null;
  try {
    // Build stage: COPY from the build context, RUN in the working folder.
    for (const { op, args } of buildStage!.instructions) {
      if (op === 'COPY') {
        const parts = args.split(/\s+/);
        const target = join(build, parts.at(-1)!);
        for (const source of parts.slice(0, -1)) cpSync(join(repoRoot, source), parts.length > 2 ? join(target, source) : target, { recursive: true });
      } else if (op === 'RUN') {
        const r = await exec('sh', ['-c', args], { cwd: build, timeout: 400_000, maxBuffer: 64 << 20 }).catch((e: { stderr?: string; message: string }) => assert.fail(`RUN ${args}: ${e.stderr ?? e.message}`));
        void r;
      } else {
        assert.ok(op === 'WORKDIR', `build stage: ${op} is not emulated`);
      }
    }
    assert.ok(!existsSync(join(build, 'node_modules', 'esbuild')), 'dev dependencies are pruned');
    assert.ok(!existsSync(join(build, 'node_modules', 'tsx')), 'tsx is a dev dependency');
    // Runtime stage: everything it copies exists after the build stage.
    const copies = get(runStage!, 'COPY');
    assert.ok(copies.length > 0);
    for (const copy of copies) {
      const [from, source, target] = copy.split(/\s+/);
      assert.equal(from, '--from=build');
      const path = join(build, source!.replace(/^\/app\/?/, ''));
      assert.ok(existsSync(path), `${source} exists after the build stage`);
      cpSync(path, join(app, target!.replace(/^\.\//, '')), { recursive: true });
    }
    // Read-only, like the image's root filesystem: poolwatch must not write into its own folder or a temporary one.
    await exec('chmod', ['-R', 'a-w', app]);
    const env = { NODE_ENV: get(runStage!, 'ENV')[0]!.split('=')[1]!, PATH: '/usr/bin:/bin', TMPDIR: join(dir, 'no-such-tmp'), HOME: join(dir, 'no-such-home') };
    const entry = (JSON.parse(get(runStage!, 'ENTRYPOINT')[0]!) as string[]).map((a) => (a === '/nodejs/bin/node' ? process.execPath : a.replace(/^\/app\//, `${app}/`)));
    const cmd = JSON.parse(get(runStage!, 'CMD')[0]!) as string[];
    const version = await exec(entry[0]!, [...entry.slice(1), '--version'], { cwd: app, env });
    assert.equal(version.stdout, `${VERSION}\n`);
    // The default command against a cluster (the fake API server), on a loopback port instead of :9742.
    assert.ok(loadFixture(fake, join(repoRoot, 'test', 'fixtures', 'basic-ipv4')) > 0);
    writeFileSync(join(dir, 'kubeconfig'), fake.kubeconfig());
    const port = await freePort();
    serve = startProcess(entry[0]!, [...entry.slice(1), ...cmd, '--listen', `127.0.0.1:${port}`], { cwd: app, env: { ...env, KUBECONFIG: join(dir, 'kubeconfig') }, lifetimeMs: 120_000 });
    const metrics = await waitFor('the image to serve /metrics', async () => {
      const res = await fetch(`http://127.0.0.1:${port}/metrics`).catch(() => null);
      const text = res?.status === 200 ? await res.text() : '';
      return text.includes('poolwatch_pool_addresses{') ? text : undefined;
    }, 60_000).catch((err: Error) => assert.fail(`${err.message}\n${serve!.output()}`));
    assert.match(metrics, /^poolwatch_pool_addresses\{pool="default",family="ipv4"\} 256$/m);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200, 'the web page is in the image');
  } finally {
    await serve?.stop();
    await fake.stop();
    chmodSync(dir, 0o755);
    await exec('chmod', ['-R', 'u+w', dir]).catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
  }
});
