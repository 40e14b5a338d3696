// The build shares dist/ with whatever runs at the same moment (a test run, the fault corpus): it never leaves a file missing or half-written there.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
// @ts-expect-error: a plain ES module without type declarations
import { buildAll } from '../../../scripts/build.mjs';

/** Every file under `dir` with its inode and modification time: what a rewrite in place or a delete-and-write changes. */
function files(dir: string, under = dir): Map<string, string> {
  const out = new Map<string, string>();
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) for (const [k, v] of files(full, under)) out.set(k, v);
    else {
      const s = statSync(full);
      out.set(relative(under, full), `${s.ino}:${s.mtimeMs}:${s.size}`);
    }
  }
  return out;
}

test('building the same source again writes nothing: a process reading the build meanwhile sees the same files', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'poolwatch-build-'));
  try {
    await buildAll({ quiet: true, outdir });
    const first = files(outdir);
    assert.ok(first.has(join('cli', 'main.js')) && first.has(join('ui', 'app.js')) && first.has(join('ui', 'index.html')), [...first.keys()].join(' '));
    await buildAll({ quiet: true, outdir });
    assert.deepEqual(files(outdir), first);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});

test('a changed file is replaced whole (a new file renamed over it, never rewritten in place); files the build no longer makes go', async () => {
  const outdir = mkdtempSync(join(tmpdir(), 'poolwatch-build-'));
  try {
    await buildAll({ quiet: true, outdir });
    const main = join(outdir, 'cli', 'main.js');
    const good = readFileSync(main, 'utf8');
    writeFileSync(main, '// an older build\n');
    const before = statSync(main).ino;
    writeFileSync(join(outdir, 'cli', 'removed-module.js'), 'export {};\n');
    // A temporary file of a build that died (its process is gone) is cleaned up too.
    const dead = spawnSync(process.execPath, ['-e', '0']).pid;
    writeFileSync(join(outdir, 'cli', `.main.js.${dead}.tmp`), 'half');
    await buildAll({ quiet: true, outdir });
    assert.equal(readFileSync(main, 'utf8'), good);
    assert.notEqual(statSync(main).ino, before, 'replaced by rename: a reader that opened the old file still reads it whole');
    assert.equal(existsSync(join(outdir, 'cli', 'removed-module.js')), false);
    assert.deepEqual(readdirSync(join(outdir, 'cli')).filter((n) => n.endsWith('.tmp')), []);
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
});
