// generate dashboards and scrape: the dashboard also as a sidecar ConfigMap and a GrafanaDashboard; the monitors' header and endpoints.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parse } from 'yaml';
import { DASHBOARD_CONFIGMAP_FILE, DASHBOARD_FILE, GRAFANA_DASHBOARD_FILE, generateBundle } from '../../../src/core/generate/bundle.ts';
import { DEFAULT_CONFIG } from '../../../src/core/generate/config.ts';
import { renderBundleFile } from '../../../src/cli/render/bundle-files.ts';

const file = (files: ReturnType<typeof generateBundle>, path: string) => {
  const f = files.find((x) => x.path === path);
  assert.ok(f, path);
  return f;
};

test('the ConfigMap carries grafana_dashboard: "1" and the GrafanaDashboard the same dashboard JSON', () => {
  const files = [...generateBundle(DEFAULT_CONFIG, 'dashboards'), ...generateBundle(DEFAULT_CONFIG, 'dashboard-objects')];
  const dashboard = JSON.parse(renderBundleFile(file(files, DASHBOARD_FILE)));
  const configMap = parse(renderBundleFile(file(files, DASHBOARD_CONFIGMAP_FILE)));
  assert.equal(configMap.kind, 'ConfigMap');
  assert.equal(configMap.metadata.labels.grafana_dashboard, '1');
  assert.equal(configMap.metadata.namespace, DEFAULT_CONFIG.operator.namespace);
  assert.deepEqual(JSON.parse(configMap.data['poolwatch-metallb.json']), dashboard);
  const operator = parse(renderBundleFile(file(files, GRAFANA_DASHBOARD_FILE)));
  assert.equal(operator.apiVersion, 'grafana.integreatly.org/v1beta1');
  assert.equal(operator.kind, 'GrafanaDashboard');
  assert.equal(operator.metadata.name, DEFAULT_CONFIG.dashboard.uid);
  assert.deepEqual(operator.spec.instanceSelector, { matchLabels: { dashboards: 'grafana' } });
  assert.deepEqual(JSON.parse(operator.spec.json), dashboard);
});

test('the monitors header names the selector labels, namespace and Secret of this config', () => {
  const config = { ...DEFAULT_CONFIG, operator: { namespace: 'obs', labels: { release: 'kps' } }, scrape: { ...DEFAULT_CONFIG.scrape, metallbTokenSecret: 'mlb-token' } };
  const text = renderBundleFile(file(generateBundle(config, 'scrape'), 'prometheus-operator/monitors.yaml'));
  const header = text.split('\n').filter((l) => l.startsWith('#')).join('\n');
  assert.match(header, /match app\.kubernetes\.io\/part-of=poolwatch, release=kps in namespace obs;/);
  assert.match(header, /the Secret mlb-token \(key token\) in namespace obs/);
  assert.match(header, /ClusterRole poolwatch-reader/);
  const noToken = renderBundleFile(file(generateBundle({ ...config, scrape: { ...config.scrape, metallbTokenSecret: '' } }, 'scrape'), 'prometheus-operator/monitors.yaml'));
  assert.match(noToken, /# MetalLB scraped without a token/);
  // poolwatch's ServiceMonitor sends Prometheus's own token.
  const docs = text.split('\n---\n').map((d) => parse(d));
  const sm = docs.find((d) => d.kind === 'ServiceMonitor');
  assert.equal(sm.spec.endpoints[0].bearerTokenFile, '/var/run/secrets/kubernetes.io/serviceaccount/token');
});

test('the speaker job also scrapes the deprecated FRR mode\'s frrmetricshttps port, unless scrape.speakerFrrPort is ""', () => {
  const speaker = (config: typeof DEFAULT_CONFIG) => {
    const files = generateBundle(config, 'scrape');
    const monitors = renderBundleFile(file(files, 'prometheus-operator/monitors.yaml')).split('\n---\n').map((d) => parse(d));
    const pm = monitors.find((d) => d.kind === 'PodMonitor' && d.metadata.name === 'metallb-speaker');
    const plain = parse(renderBundleFile(file(files, 'prometheus/scrape-configs.yaml'))).scrape_configs.find((j: { job_name: string }) => j.job_name === 'metallb-speaker');
    const portKeep = plain.relabel_configs.find((r: { source_labels: string[] }) => r.source_labels[0] === '__meta_kubernetes_pod_container_port_name');
    return { ports: pm.spec.podMetricsEndpoints.map((e: { port: string; relabelings: Array<{ replacement?: string }> }) => `${e.port}:${e.relabelings[0]!.replacement}`), regex: portKeep.regex };
  };
  assert.deepEqual(speaker(DEFAULT_CONFIG), { ports: ['metricshttps:metallb-speaker', 'frrmetricshttps:metallb-speaker'], regex: 'metricshttps|frrmetricshttps' });
  assert.deepEqual(speaker({ ...DEFAULT_CONFIG, scrape: { ...DEFAULT_CONFIG.scrape, speakerFrrPort: '' } }), { ports: ['metricshttps:metallb-speaker'], regex: 'metricshttps' });
});
