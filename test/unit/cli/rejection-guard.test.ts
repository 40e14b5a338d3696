// The last guard of `serve`: an unhandled rejection is logged with its stack and the source restarted, once at a time.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { EventEmitter } from 'node:events';
import { guardUnhandledRejections } from '../../../src/cli/rejection-guard.ts';
import { createLogger } from '../../../src/log.ts';

test('an unhandled rejection is logged and restarts the source; removing the guard stops that', async () => {
  const emitter = new EventEmitter();
  const lines: string[] = [];
  const log = createLogger({ level: 'debug', format: 'json', write: (l) => lines.push(l) });
  let restarts = 0;
  let release: () => void = () => undefined;
  const source = {
    restart: () => {
      restarts++;
      return new Promise<void>((resolve) => (release = resolve));
    },
  };
  const unguard = guardUnhandledRejections(emitter, log, source);
  emitter.emit('unhandledRejection', new TypeError("Cannot read properties of undefined (reading 'namespace')"));
  // A second one while the restart is under way does not start another.
  emitter.emit('unhandledRejection', 'a plain string');
  assert.equal(restarts, 1);
  const records = lines.map((l) => JSON.parse(l) as { level: string; msg: string; error: string });
  assert.deepEqual(records.map((r) => [r.level, r.msg]), [['error', 'unhandled error: restarting the source'], ['error', 'unhandled error: restarting the source']]);
  assert.match(records[0]!.error, /^TypeError: Cannot read properties of undefined \(reading 'namespace'\)\n\s+at /);
  assert.equal(records[1]!.error, 'a plain string');
  release();
  await new Promise((r) => setImmediate(r));
  emitter.emit('unhandledRejection', new Error('again'));
  assert.equal(restarts, 2, 'a later one restarts again');
  unguard();
  assert.equal(emitter.listenerCount('unhandledRejection'), 0);
});
