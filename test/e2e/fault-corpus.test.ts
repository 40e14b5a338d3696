// A seeded sample of the fault corpus (one input of each family and a few more) through status, lint and explain as real processes: exit 0, 1 or 2, never a stack trace.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Rng } from '../../src/core/lab/rng.ts';
import { faultCorpus, materialise, runCase, type FaultCase } from '../support/fault-corpus.ts';

/** One case of every family, then a few drawn by the seed; the big inputs are left to `npm run faults`. */
function sample(seed: number, extra: number): FaultCase[] {
  const corpus = faultCorpus(seed).filter((c) => !/100mb|60mib|2m-numbers|many-documents/.test(c.name));
  const rng = new Rng(seed);
  const picked = new Map<string, FaultCase>();
  for (const c of corpus) if (![...picked.values()].some((p) => p.family === c.family)) picked.set(c.name, c);
  const families = new Set(corpus.map((c) => c.family)).size;
  while (picked.size < families + extra) {
    const c = rng.pick(corpus);
    picked.set(c.name, c);
  }
  return [...picked.values()];
}

test('a sample of the fault corpus: every command answers 0, 1 or 2 without a stack trace', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-fault-sample-'));
  try {
    for (const c of sample(Number(process.env['POOLWATCH_FAULT_SEED'] ?? 1), 6)) {
      const path = materialise(c, dir);
      for (const command of ['status', 'lint', 'explain']) {
        const run = await runCase(c, path, command);
        assert.ok(run.code !== null && [0, 1, 2].includes(run.code), `${command} ${c.name}: exit ${run.code ?? run.signal}`);
        assert.equal(run.stackTrace, false, `${command} ${c.name}: a stack trace`);
        assert.equal(run.internalError, false, `${command} ${c.name}: an internal error`);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
