// Every rule and dashboard query of the monitoring bundle keeps the cluster label, read with Prometheus' own PromQL grammar.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { generateRuleFile } from '../../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG, resolveConfig, type MonitoringConfig } from '../../../src/core/generate/config.ts';
import { dashboardExpressions, generateDashboard } from '../../../src/core/generate/dashboard/index.ts';
import { labelLosses } from '../../support/promql-labels.ts';

function bundleExpressions(config: MonitoringConfig): Array<{ where: string; expr: string }> {
  const rules = generateRuleFile(config).groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${'alert' in r ? r.alert : r.record}`, expr: r.expr })));
  // Grafana's variables become values PromQL accepts; the rest of each expression is read as written.
  const concrete = (expr: string) => expr.replaceAll('$__rate_interval', '5m').replaceAll('$cluster', '.*').replaceAll('$pool', '.*');
  const panels = dashboardExpressions(generateDashboard(config)).map((e) => ({ where: `dashboard ${e.panel}`, expr: concrete(e.expr) }));
  return [...rules, ...panels];
}

describe('the cluster label', () => {
  test('the checker bites: it finds each way of losing the label', () => {
    const lost = (expr: string) => labelLosses(expr, 'cluster');
    assert.equal(lost('sum by (pool) (x)').length, 1);
    assert.equal(lost('count(x > 0)').length, 1);
    assert.equal(lost('sum without (cluster) (x)').length, 1);
    assert.equal(lost('x / on(pool) y').length, 1);
    assert.equal(lost('x unless ignoring(cluster) y').length, 1);
    assert.equal(lost('count by (cluster) (x) or vector(0)').length, 1);
    assert.equal(lost('absent(up{job="poolwatch"} == 1)').length, 1);
    assert.deepEqual(lost('sum by (cluster, pool) (rate(x[5m])) / on(cluster, pool) group_left y unless ignoring(instance) z'), []);
    assert.deepEqual(lost('max without (instance) (x) * 3600'), []);
    assert.throws(() => lost('sum by (pool (x)'), /does not parse/);
  });

  for (const [name, config] of [
    ['default config', DEFAULT_CONFIG],
    ['clusterLabel k8s_cluster, one cluster shown', resolveConfig({ selectors: DEFAULT_CONFIG.selectors, clusterLabel: 'k8s_cluster', showMultiCluster: false })],
  ] as const) {
    test(`every rule and dashboard query keeps ${config.clusterLabel} (${name})`, () => {
      const expressions = bundleExpressions(config);
      assert.ok(expressions.length >= 40, `only ${expressions.length} expressions`);
      const problems = expressions.flatMap((e) => labelLosses(e.expr, config.clusterLabel).map((p) => `${e.where}: ${p}`));
      assert.deepEqual(problems, []);
    });
  }

  test('showMultiCluster shows the cluster variable and leads legends with the cluster; off, it hides the variable', () => {
    const shown = generateDashboard(DEFAULT_CONFIG);
    const hidden = generateDashboard(resolveConfig({ selectors: DEFAULT_CONFIG.selectors, showMultiCluster: false }));
    const cluster = (d: typeof shown) => d.templating.list.find((v) => v.name === 'cluster')!;
    assert.equal(cluster(shown).hide, 0);
    assert.equal(cluster(hidden).hide, 2);
    const legends = (d: typeof shown) => d.panels.flatMap((p) => (p.type === 'row' ? [] : p.targets.map((t) => t.legendFormat))).filter((l) => l !== undefined);
    assert.ok(legends(shown).length >= 10);
    for (const l of legends(shown)) assert.match(l, /^\{\{cluster\}\}/);
    for (const l of legends(hidden)) assert.doesNotMatch(l, /cluster/);
    // Hidden, the queries still filter on the variable: its "All" (.*) matches series with and without the label.
    assert.deepEqual(
      dashboardExpressions(hidden).map((e) => e.expr),
      dashboardExpressions(shown).map((e) => e.expr),
    );
  });
});
