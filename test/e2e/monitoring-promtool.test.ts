// The monitoring bundle checked by Prometheus' and Alertmanager's own tools: check rules/config, promtool unit tests.
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { parse, stringify } from 'yaml';
import { generateBundle, generateRuleFile, type BundleFile } from '../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG, resolveConfig, type MonitoringConfig } from '../../src/core/generate/config.ts';
import { dashboardExpressions, generateDashboard } from '../../src/core/generate/dashboard/index.ts';
import type { AlertingRule } from '../../src/core/generate/types.ts';
import { renderBundleFile } from '../../src/cli/render/bundle-files.ts';
import { AMTOOL, PROMTOOL, runTool, tempDir, writeRuleFile } from '../support/monitoring-bundle.ts';

const FIXTURES = new URL('../fixtures/monitoring/promtool/', import.meta.url).pathname;
const testFiles = readdirSync(FIXTURES).filter((f) => f.endsWith('.test.yaml')).sort();
const EXCLUDED: MonitoringConfig = { ...DEFAULT_CONFIG, excludePools: ['static', 'lab.v2'] };

function file(files: BundleFile[], path: string): BundleFile {
  const found = files.find((f) => f.path === path);
  assert.ok(found, `bundle has no ${path}`);
  return found;
}

/** A folder with the generated rule files and the promtool unit tests next to them. */
function unitTestFolder(config: MonitoringConfig = DEFAULT_CONFIG): string {
  const dir = tempDir('promtool');
  writeRuleFile(dir, 'poolwatch-rules.yaml', config);
  writeRuleFile(dir, 'poolwatch-rules-excluded.yaml', { ...config, excludePools: EXCLUDED.excludePools });
  for (const name of testFiles) copyFileSync(join(FIXTURES, name), join(dir, name));
  return dir;
}

describe('monitoring bundle with promtool and amtool', () => {
  const files = generateBundle(DEFAULT_CONFIG, 'all');

  test('promtool check rules accepts the rule file and the PrometheusRule spec', () => {
    const dir = tempDir('check-rules');
    const plain = join(dir, 'rules.yaml');
    writeFileSync(plain, renderBundleFile(file(files, 'prometheus/poolwatch-rules.yaml')));
    const operator = parse(renderBundleFile(file(files, 'prometheus-operator/prometheusrule.yaml'))) as { kind: string; spec: unknown };
    assert.equal(operator.kind, 'PrometheusRule');
    const spec = join(dir, 'prometheusrule-spec.yaml');
    writeFileSync(spec, stringify(operator.spec));
    const excluded = writeRuleFile(dir, 'excluded.yaml', EXCLUDED);
    const result = runTool(PROMTOOL, ['check', 'rules', plain, spec, excluded], dir);
    assert.equal(result.status, 0, result.output);
    const rules = generateRuleFile(DEFAULT_CONFIG).groups.flatMap((g) => g.rules).length;
    assert.equal(result.output.match(new RegExp(`SUCCESS: ${rules} rules found`, 'g'))?.length, 3, result.output);
  });

  test('promtool test rules passes every unit test', () => {
    assert.ok(testFiles.length >= 7, `expected the unit test files, found ${testFiles.join(', ')}`);
    const result = runTool(PROMTOOL, ['test', 'rules', ...testFiles], unitTestFolder());
    assert.equal(result.status, 0, result.output);
    assert.equal(result.output.match(/SUCCESS/g)?.length, testFiles.length, result.output);
  });

  test('the unit tests bite: moving a threshold makes them fail', () => {
    const moved = resolveConfig({ selectors: DEFAULT_CONFIG.selectors, capacity: { highRatio: 0.9 } });
    const result = runTool(PROMTOOL, ['test', 'rules', 'pool-capacity.test.yaml'], unitTestFolder(moved));
    assert.notEqual(result.status, 0, result.output);
    assert.match(result.output, /MetalLBPoolUtilizationHigh/);
  });

  test('every alert has a firing case with labels and annotations, and a case that must not fire', () => {
    const alerts = generateRuleFile(DEFAULT_CONFIG).groups.flatMap((g) => g.rules).filter((r): r is AlertingRule => 'alert' in r);
    const firing = new Set<string>();
    const silent = new Set<string>();
    for (const name of testFiles) {
      const doc = parse(readFileSync(join(FIXTURES, name), 'utf8')) as {
        tests: Array<{ alert_rule_test?: Array<{ alertname: string; exp_alerts?: Array<{ exp_labels?: Record<string, string>; exp_annotations?: Record<string, string> }> }> }>;
      };
      for (const group of doc.tests) {
        for (const check of group.alert_rule_test ?? []) {
          const expected = check.exp_alerts ?? [];
          if (expected.length === 0) silent.add(check.alertname);
          for (const alert of expected) {
            assert.ok(alert.exp_annotations?.['runbook_url'] && alert.exp_annotations['description'] && alert.exp_annotations['summary'], `${name}: ${check.alertname} case without all annotations`);
            firing.add(`${check.alertname}/${alert.exp_labels?.['severity']}`);
          }
        }
      }
    }
    for (const alert of alerts) {
      assert.ok(firing.has(`${alert.alert}/${alert.labels.severity}`), `no firing case for ${alert.alert} (${alert.labels.severity})`);
      assert.ok(silent.has(alert.alert), `no must-not-fire case for ${alert.alert}`);
    }
  });

  test('every dashboard expression parses (checked as recording rules)', () => {
    const expressions = dashboardExpressions(generateDashboard(DEFAULT_CONFIG));
    assert.ok(expressions.length >= 15, `only ${expressions.length} expressions`);
    // Grafana's variables become values PromQL accepts; the rest of each expression is checked as written.
    const concrete = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$cluster', '.*').replaceAll('$pool', '.*');
    const rules = { groups: [{ name: 'dashboard', rules: expressions.map((e, i) => ({ record: `dashboard:expression_${i}:check`, expr: concrete(e.expr) })) }] };
    const dir = tempDir('dashboard');
    writeFileSync(join(dir, 'dashboard-rules.yaml'), stringify(rules, { lineWidth: 0 }));
    const result = runTool(PROMTOOL, ['check', 'rules', 'dashboard-rules.yaml'], dir);
    assert.equal(result.status, 0, `${result.output}\n${expressions.map((e) => `${e.panel}: ${e.expr}`).join('\n')}`);
  });

  test('promtool check config accepts the plain scrape configs', () => {
    const dir = tempDir('scrape');
    const scrape = parse(renderBundleFile(file(files, 'prometheus/scrape-configs.yaml'))) as {
      scrape_configs: Array<{ job_name: string; authorization?: { credentials_file: string }; kubernetes_sd_configs?: Array<{ role: string; namespaces: { names: string[] } }>; static_configs?: unknown }>;
    };
    assert.deepEqual(scrape.scrape_configs.map((s) => s.job_name), ['metallb-controller', 'metallb-speaker', 'frr-k8s', 'poolwatch']);
    assert.deepEqual(
      scrape.scrape_configs.map((s) => s.kubernetes_sd_configs?.map((sd) => `${sd.role}:${sd.namespaces.names.join(',')}`)),
      [['pod:metallb-system'], ['pod:metallb-system'], ['pod:metallb-system'], ['endpoints:poolwatch']],
    );
    // Debian's Prometheus is built without Kubernetes service discovery, so its promtool rejects the
    // kubernetes_sd_configs key itself; everything else (relabeling, auth, TLS, intervals) is checked as generated.
    // promtool also opens the token file, which exists only inside a pod: a local stand-in takes its place.
    writeFileSync(join(dir, 'token'), 'stand-in');
    for (const job of scrape.scrape_configs) {
      if (job.authorization) {
        assert.equal(job.authorization.credentials_file, '/var/run/secrets/kubernetes.io/serviceaccount/token');
        job.authorization.credentials_file = join(dir, 'token');
      }
      delete job.kubernetes_sd_configs;
      job.static_configs = [{ targets: ['127.0.0.1:9'] }];
    }
    writeFileSync(join(dir, 'prometheus.yml'), stringify({ global: { scrape_interval: '30s' }, rule_files: ['rules.yaml'], ...scrape }));
    writeFileSync(join(dir, 'rules.yaml'), renderBundleFile(file(files, 'prometheus/poolwatch-rules.yaml')));
    const result = runTool(PROMTOOL, ['check', 'config', 'prometheus.yml'], dir);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /SUCCESS: 1 rule files found/);
  });

  test('amtool check-config accepts the Alertmanager routing example', () => {
    const dir = tempDir('amtool');
    writeFileSync(join(dir, 'alertmanager.yml'), renderBundleFile(file(files, 'alertmanager/alertmanager-example.yaml')));
    const result = runTool(AMTOOL, ['check-config', 'alertmanager.yml'], dir);
    assert.equal(result.status, 0, result.output);
    assert.match(result.output, /5 inhibit rules/);
  });

  test('the routing example sends a critical pool alert to the pager and a warning to tickets', () => {
    const dir = tempDir('amtool-routes');
    writeFileSync(join(dir, 'alertmanager.yml'), renderBundleFile(file(files, 'alertmanager/alertmanager-example.yaml')));
    const route = (...labels: string[]) => runTool(AMTOOL, ['config', 'routes', 'test', '--config.file=alertmanager.yml', ...labels], dir);
    const critical = route('alertname=MetalLBPoolExhausted', 'severity=critical', 'pool=web');
    assert.equal(critical.stdout.trim(), 'metallb-pager', critical.output);
    const warning = route('alertname=MetalLBPoolFillingUp', 'severity=warning', 'pool=web');
    assert.equal(warning.stdout.trim(), 'metallb-tickets', warning.output);
    const other = route('alertname=Watchdog', 'severity=none');
    assert.equal(other.stdout.trim(), 'default', other.output);
  });
});
