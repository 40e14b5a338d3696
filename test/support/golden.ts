// Golden-file assertions: compare emitted text with a committed file; `npm run golden` (UPDATE_GOLDEN=1) rewrites them.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';

export const updatingGolden = process.env['UPDATE_GOLDEN'] === '1';

/** Asserts `actual` equals the golden file at `path` (absolute); with UPDATE_GOLDEN=1 writes it instead. */
export function assertGolden(path: string, actual: string): void {
  if (updatingGolden) {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  const shown = relative(process.cwd(), path);
  assert.ok(existsSync(path), `golden file ${shown} is missing: run \`npm run golden\` and review the diff`);
  const expected = readFileSync(path, 'utf8');
  assert.equal(actual, expected, `output differs from ${shown}: if the change is intended, run \`npm run golden\` and review the diff`);
}
