// The test helpers' temporary folders are deleted when the test process exits, with what was written into them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const helper = new URL('../../support/monitoring-bundle.ts', import.meta.url).pathname;

test('tempDir folders are gone once the process that made them exits', () => {
  const script = `
    import { writeFileSync, mkdirSync } from 'node:fs';
    import { tempDir } from ${JSON.stringify(helper)};
    const a = tempDir('cleanup-a');
    const b = tempDir('cleanup-b');
    mkdirSync(a + '/nested');
    writeFileSync(a + '/nested/rules.yaml', 'groups: []');
    console.log(JSON.stringify([a, b]));
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  const dirs = JSON.parse(run.stdout) as string[];
  assert.equal(dirs.length, 2);
  for (const dir of dirs) assert.equal(existsSync(dir), false, `${dir} was left behind`);
});
