// No module under src imports itself back through others, type-only imports included (scripts/check-cycles.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error: a plain script without type declarations
import { cycles, importGraph } from '../../scripts/check-cycles.mjs';

const src = join(import.meta.dirname, '..', '..', 'src');

test('src has no import cycle', () => {
  const found = (cycles as (g: unknown) => string[][])(importGraph(src));
  assert.deepEqual(found, []);
});

test('the check sees a cycle made of type-only imports and re-exports', () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-cycles-'));
  try {
    writeFileSync(join(dir, 'a.ts'), "import type { B } from './b.ts';\nexport type A = B;\n");
    writeFileSync(join(dir, 'b.ts'), "export type { A as B } from './a.ts';\n");
    writeFileSync(join(dir, 'c.ts'), "import type { A } from './a.ts';\nexport const c: A | null = null;\n");
    const found = (cycles as (g: unknown) => string[][])(importGraph(dir));
    assert.deepEqual(found, [[join(dir, 'a.ts'), join(dir, 'b.ts')]]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
