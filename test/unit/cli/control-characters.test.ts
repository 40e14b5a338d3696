// Control characters in names and files reach a terminal only as visible escapes; JSON keeps them exact.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInProcess } from '../../support/cli.ts';
import { visible } from '../../../src/core/report/visible.ts';
import { createLogger } from '../../../src/log.ts';

const EVIL = 'web\x1b[2J\x1b]0;pwned\x07\nerror: forged\r\u202egnp.exe\x9b';

function manifest(): string {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-ctl-'));
  const file = join(dir, 'evil.json');
  writeFileSync(
    file,
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'metallb.io/v1beta1', kind: 'IPAddressPool', metadata: { name: EVIL, namespace: 'metallb-system' }, spec: { addresses: ['10.0.0.0/30', `bad${EVIL}`] } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: EVIL, namespace: 'shop' }, spec: { type: 'LoadBalancer' }, status: { loadBalancer: { ingress: [{ ip: '172.16.0.1' }] } } },
        { apiVersion: 'v1', kind: 'Service', metadata: { name: `${EVIL}-pending`, namespace: 'shop', annotations: { 'metallb.io/address-pool': EVIL.repeat(2) } }, spec: { type: 'LoadBalancer' } },
      ],
    }),
  );
  return file;
}

/** No raw control character but the line breaks the renderer writes itself. */
function assertNoRawControls(text: string, what: string): void {
  // eslint-disable-next-line no-control-regex -- the point of the check
  assert.doesNotMatch(text, /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202e]/, what);
  for (const line of text.split('\n')) assert.doesNotMatch(line, /^error: forged/, `${what}: a forged line`);
}

test('visible writes control characters as escapes and leaves other text alone', () => {
  assert.equal(visible('a\x1b[2Jb\nc\td\u202e\x7f\x9b é 名'), 'a\\x1b[2Jb\\nc\\td\\u202e\\x7f\\x9b é 名');
  assert.equal(visible('plain'), 'plain');
});

test('status, lint and simulate print names with escapes, never raw control characters', async () => {
  const file = manifest();
  for (const argv of [['status', file], ['status', '-o', 'wide', file], ['lint', file], ['simulate', file]]) {
    const { stdout, stderr } = await runInProcess(argv);
    assertNoRawControls(stdout, argv.join(' '));
    assertNoRawControls(stderr, argv.join(' '));
    assert.match(stdout, /web\\x1b\[2J\\x1b\]0;pwned\\x07\\nerror: forged\\r\\u202egnp\.exe\\x9b/, `${argv.join(' ')}: the name is shown, escaped`);
  }
});

test('JSON output keeps names exact', async () => {
  const { stdout } = await runInProcess(['status', '-o', 'json', manifest()]);
  const report = JSON.parse(stdout) as { pools: Array<{ name: string }>; services: Array<{ name: string }> };
  assert.equal(report.pools[0]!.name, EVIL);
  assert.ok(report.services.some((s) => s.name === EVIL));
});

test('error messages and log lines show control characters as escapes', async () => {
  const { code, stderr } = await runInProcess(['status', `missing${EVIL}.yaml`]);
  assert.equal(code, 2);
  assertNoRawControls(stderr.slice(0, -1), 'error message');
  let logged = '';
  createLogger({ write: (l) => (logged += l) }).warn(`read ${EVIL}`, { file: EVIL });
  assertNoRawControls(logged.slice(0, -1), 'log line');
  assert.equal(logged.split('\n').length, 2, 'one record, one line');
});

test('forecast prints pool names from a history file with escapes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'poolwatch-ctl-history-'));
  const file = join(dir, 'history.jsonl');
  const lines = [JSON.stringify({ series: [[EVIL, 'ipv4', '254']] })];
  for (let i = 0; i < 30; i++) lines.push(JSON.stringify({ t: 1795226400 + i * 300, u: [String(100 + i)] }));
  writeFileSync(file, `${lines.join('\n')}\n`);
  const { code, stdout, stderr } = await runInProcess(['forecast', '--history-file', file]);
  assert.equal(code, 0, stderr);
  assertNoRawControls(stdout, 'forecast');
  assert.match(stdout, /web\\x1b\[2J/);
});
