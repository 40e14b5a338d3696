// Monitoring config: documented defaults, required selectors, and errors that name the key and its file:line:col.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { PoolwatchError } from '../../../src/core/errors.ts';
import { DEFAULT_CONFIG, durationSeconds, resolveConfig } from '../../../src/core/generate/config.ts';
import { loadMonitoringConfig } from '../../../src/cli/monitoring-config-file.ts';
import { tempDir } from '../../support/monitoring-bundle.ts';

const selectors = {
  controller: 'job="ctl"',
  speaker: 'job="spk"',
  frrK8s: 'job="frr", namespace="frr-k8s-system"',
  poolwatch: 'job="pw"',
  kubeStateMetrics: 'job=~"kube-state-metrics|ksm"',
};

function rejects(raw: unknown, pattern: RegExp): PoolwatchError {
  try {
    resolveConfig(raw);
  } catch (err) {
    assert.ok(err instanceof PoolwatchError, String(err));
    assert.equal(err.code, 'invalid-argument');
    assert.match(err.message, pattern);
    return err;
  }
  assert.fail(`accepted ${JSON.stringify(raw)}`);
}

describe('resolveConfig', () => {
  test('fills everything but the selectors from the documented defaults', () => {
    const config = resolveConfig({ selectors, excludePools: ['static'], forecast: { lookback: '12h' } });
    assert.deepEqual(config.selectors, selectors);
    assert.deepEqual(config.excludePools, ['static']);
    assert.equal(config.forecast.lookback, '12h');
    assert.equal(config.forecast.warningHorizon, DEFAULT_CONFIG.forecast.warningHorizon);
    assert.deepEqual(config.capacity, DEFAULT_CONFIG.capacity);
  });

  test('a config without selectors, or with one missing or empty, is an error, not a silent default', () => {
    rejects({}, /^selectors is required: give selectors\.controller, selectors\.speaker/);
    const { speaker: _speaker, ...withoutSpeaker } = selectors;
    rejects({ selectors: withoutSpeaker }, /^selectors: selectors\.speaker is required/);
    rejects({ selectors: { ...selectors, poolwatch: '' } }, /^selectors: selectors\.poolwatch is required/);
  });

  test('bad values name their key', () => {
    rejects({ selectors: { ...selectors, controller: '{job="x"}' } }, /^selectors\.controller: must be PromQL label matchers/);
    rejects({ selectors, capacity: { highFor: '10 minutes' } }, /^capacity\.highFor: must be a Prometheus duration/);
    rejects({ selectors, capacity: { highRatio: 80 } }, /^capacity\.highRatio: must be a number in \(0, 1\]/);
    rejects({ selectors, capacity: { hihgRatio: 0.8 } }, /^capacity\.hihgRatio: unknown key/);
    rejects({ selectors, clusterLabel: 'k8s-cluster' }, /^clusterLabel: must be a Prometheus label name/);
    rejects({ selectors, showMultiCluster: 'no' }, /^showMultiCluster: must be true or false/);
    rejects({ selectors, runbookUrlPattern: 'https://example.com/runbook' }, /^runbookUrlPattern: must be a URL containing \{anchor\}/);
    rejects({ selectors, excludePools: 'static' }, /^excludePools: must be a list of pool names/);
  });

  test('tiers must stay in order', () => {
    rejects({ selectors, capacity: { highRatio: 0.96 } }, /^capacity\.highRatio: must be lower than capacity\.nearlyExhaustedRatio/);
    rejects({ selectors, forecast: { criticalHorizon: '2d' } }, /^forecast\.criticalHorizon: must be shorter than forecast\.warningHorizon/);
  });

  test('durations convert to seconds', () => {
    assert.equal(durationSeconds('6h'), 21600);
    assert.equal(durationSeconds('1h30m'), 5400);
    assert.equal(durationSeconds('1d'), 86400);
  });
});

describe('loadMonitoringConfig (the CLI edge)', () => {
  const dir = tempDir('config');
  const write = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  test('reads YAML and JSON', () => {
    const yaml = write('ok.yaml', `selectors:\n${Object.entries(selectors).map(([k, v]) => `  ${k}: '${v}'`).join('\n')}\nclusterLabel: region\n`);
    assert.equal(loadMonitoringConfig(yaml, dir).clusterLabel, 'region');
    const json = write('ok.json', JSON.stringify({ selectors, excludePools: ['a'] }, null, 2));
    assert.deepEqual(loadMonitoringConfig(json, dir).excludePools, ['a']);
  });

  test('a bad value is reported at its file:line:col', () => {
    const path = write('bad.yaml', `selectors:\n${Object.entries(selectors).map(([k, v]) => `  ${k}: '${v}'`).join('\n')}\ncapacity:\n  highFor: soon\n`);
    assert.throws(() => loadMonitoringConfig(path, dir), (err: PoolwatchError) => err.oneLine() === 'bad.yaml:8:12: capacity.highFor: must be a Prometheus duration such as 5m or 6h');
  });

  test('a missing selector points at the selectors map', () => {
    const path = write('missing.yaml', `# monitoring\nselectors:\n  controller: 'job="ctl"'\n`);
    assert.throws(() => loadMonitoringConfig(path, dir), (err: PoolwatchError) => err.oneLine() === 'missing.yaml:3:3: selectors: selectors.speaker is required (no default: it depends on how you scrape)');
  });

  test('YAML syntax errors and unreadable files carry a location', () => {
    const path = write('broken.yaml', 'selectors:\n  controller: "unterminated\n');
    assert.throws(() => loadMonitoringConfig(path, dir), (err: PoolwatchError) => err.code === 'invalid-manifest' && /^broken\.yaml:\d+:\d+: /.test(err.oneLine()));
    assert.throws(() => loadMonitoringConfig(join(dir, 'nope.yaml'), dir), (err: PoolwatchError) => err.oneLine() === 'cannot read the config: nope.yaml does not exist');
  });
});
