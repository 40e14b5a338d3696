// Colour only on a terminal, and never with NO_COLOR.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runInProcess } from '../../support/cli.ts';

const ESC = '\u001b[';

test('status is coloured on a terminal, plain with NO_COLOR or when piped', async () => {
  const tty = await runInProcess(['status', 'test/fixtures/exhausted-pool'], { tty: true });
  assert.ok(tty.stdout.includes(ESC), 'colour on a terminal');
  const noColor = await runInProcess(['status', 'test/fixtures/exhausted-pool'], { tty: true, env: { NO_COLOR: '1' } });
  assert.ok(!noColor.stdout.includes(ESC), 'NO_COLOR wins');
  const piped = await runInProcess(['status', 'test/fixtures/exhausted-pool']);
  assert.ok(!piped.stdout.includes(ESC), 'plain when not a terminal');
  assert.equal(noColor.stdout, piped.stdout);
  const lint = await runInProcess(['lint', 'test/fixtures/overlapping-pools'], { tty: true });
  assert.ok(lint.stdout.includes(ESC));
});
