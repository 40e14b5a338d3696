// Assembles the monitoring bundle: which files each `generate` kind writes, and the objects in each file.
import { alertmanagerExample } from './alertmanager/routing.ts';
import { generateAlertGroups } from './alerts/index.ts';
import type { MonitoringConfig } from './config.ts';
import { generateDashboard } from './dashboard/index.ts';
import { generateRecordingGroups } from './recording/index.ts';
import { scrapeKinds } from './scrape/index.ts';
import type { PrometheusRuleObject, RuleFile } from './types.ts';

/** `dashboard-objects`: the dashboard as Kubernetes objects (sidecar ConfigMap, GrafanaDashboard); `dashboards` stays the JSON alone. */
export const BUNDLE_KINDS = ['rules', 'dashboards', 'dashboard-objects', 'scrape', 'all'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

export interface BundleFile {
  /** Path relative to the output folder, with `/` separators. */
  path: string;
  kind: Exclude<BundleKind, 'all'>;
  format: 'yaml' | 'json';
  /** One entry per YAML document (JSON files have exactly one). */
  documents: unknown[];
  /** What the file is for and what it needs, written as leading comment lines in YAML files. */
  about: string;
}

export const RULES_FILE = 'prometheus/poolwatch-rules.yaml';
export const DASHBOARD_FILE = 'grafana/poolwatch-metallb.json';
export const ALERTMANAGER_FILE = 'alertmanager/alertmanager-example.yaml';
export const SCRAPE_CONFIGS_FILE = 'prometheus/scrape-configs.yaml';
export const DASHBOARD_CONFIGMAP_FILE = 'grafana/poolwatch-metallb-configmap.yaml';
export const GRAFANA_DASHBOARD_FILE = 'grafana/poolwatch-metallb-grafanadashboard.yaml';

/** The plain Prometheus rule file: recording groups first (alerts do not depend on them), then alert groups. */
export function generateRuleFile(config: MonitoringConfig): RuleFile {
  return { groups: [...generateRecordingGroups(config), ...generateAlertGroups(config)] };
}

function prometheusRule(config: MonitoringConfig, rules: RuleFile): PrometheusRuleObject {
  return {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    metadata: { name: 'poolwatch-metallb', namespace: config.operator.namespace, labels: { 'app.kubernetes.io/part-of': 'poolwatch', ...config.operator.labels } },
    spec: rules,
  };
}

/** The header of the monitors file: what the Prometheus Operator must select, and the Secret and role the scrapes need. */
function monitorsAbout(config: MonitoringConfig): string {
  const labels = Object.entries({ 'app.kubernetes.io/part-of': 'poolwatch', ...config.operator.labels }).map(([k, v]) => `${k}=${v}`).join(', ');
  const secret = config.scrape.metallbTokenSecret;
  return [
    'PodMonitors for the MetalLB controller, speakers and frr-k8s, and a ServiceMonitor for poolwatch.',
    `Needs: a Prometheus whose podMonitorSelector and serviceMonitorSelector match ${labels} in namespace ${config.operator.namespace};`,
    secret === ''
      ? 'MetalLB scraped without a token (scrape.metallbTokenSecret is empty);'
      : `the Secret ${secret} (key token) in namespace ${config.operator.namespace}, a token allowed to get /metrics on MetalLB (v0.16+);`,
    "for poolwatch (serve --auth=kubernetes), Prometheus's ServiceAccount bound to the ClusterRole poolwatch-reader.",
  ].join('\n');
}

/** The dashboard for Grafana's sidecar (a ConfigMap labelled grafana_dashboard: "1") and for the Grafana operator. */
function dashboardObjects(config: MonitoringConfig, dashboard: unknown): { configMap: unknown; grafanaDashboard: unknown } {
  const json = `${JSON.stringify(dashboard, null, 2)}\n`;
  const labels = { 'app.kubernetes.io/part-of': 'poolwatch' };
  return {
    configMap: {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${config.dashboard.uid}-dashboard`, namespace: config.operator.namespace, labels: { grafana_dashboard: '1', ...labels } },
      data: { [DASHBOARD_FILE.split('/').at(-1)!]: json },
    },
    grafanaDashboard: {
      apiVersion: 'grafana.integreatly.org/v1beta1',
      kind: 'GrafanaDashboard',
      metadata: { name: config.dashboard.uid, namespace: config.operator.namespace, labels },
      spec: { instanceSelector: { matchLabels: { dashboards: 'grafana' } }, json },
    },
  };
}

/** Every file of the bundle for a kind (`all` is every kind), in a stable order. */
export function generateBundle(config: MonitoringConfig, kind: BundleKind): BundleFile[] {
  const wanted = (k: BundleFile['kind']) => kind === 'all' || kind === k;
  // Only the wanted kinds are generated: scrape configs need job matchers that rules alone do not.
  const rules = wanted('rules') ? generateRuleFile(config) : { groups: [] };
  const lazy = <T>(k: BundleFile['kind'], make: () => T[]): T[] => (wanted(k) ? make() : []);
  const dashboard = wanted('dashboards') || wanted('dashboard-objects') ? generateDashboard(config) : null;
  const dashboards = dashboard && wanted('dashboard-objects') ? dashboardObjects(config, dashboard) : null;
  const files: BundleFile[] = [
    { path: RULES_FILE, kind: 'rules', format: 'yaml', documents: [rules], about: 'Prometheus rule file (rule_files:): recording rules and alerts for MetalLB pools.' },
    {
      path: 'prometheus-operator/prometheusrule.yaml',
      kind: 'rules',
      format: 'yaml',
      documents: lazy('rules', () => [prometheusRule(config, rules)]),
      about: 'The same rules as a PrometheusRule for the Prometheus Operator.',
    },
    {
      path: ALERTMANAGER_FILE,
      kind: 'rules',
      format: 'yaml',
      documents: lazy('rules', () => [alertmanagerExample(config)]),
      about: 'Example Alertmanager routing and inhibition for these alerts: replace the receivers with yours.',
    },
    {
      path: DASHBOARD_FILE,
      kind: 'dashboards',
      format: 'json',
      documents: dashboard && wanted('dashboards') ? [dashboard] : [],
      about: 'Grafana dashboard.',
    },
    {
      path: DASHBOARD_CONFIGMAP_FILE,
      kind: 'dashboard-objects',
      format: 'yaml',
      documents: dashboards ? [dashboards.configMap] : [],
      about: 'The dashboard as a ConfigMap for Grafana\'s dashboard sidecar, which loads ConfigMaps labelled grafana_dashboard: "1".\nNeeds: the sidecar enabled (Helm chart: sidecar.dashboards.enabled=true) and watching this namespace.',
    },
    {
      path: GRAFANA_DASHBOARD_FILE,
      kind: 'dashboard-objects',
      format: 'yaml',
      documents: dashboards ? [dashboards.grafanaDashboard] : [],
      about: 'The dashboard as a GrafanaDashboard for the Grafana operator.\nNeeds: a Grafana resource labelled dashboards: grafana (change spec.instanceSelector to match yours).',
    },
    {
      path: 'prometheus-operator/monitors.yaml',
      kind: 'scrape',
      format: 'yaml',
      documents: lazy('scrape', () => scrapeKinds.operatorMonitors(config)),
      about: monitorsAbout(config),
    },
    {
      path: SCRAPE_CONFIGS_FILE,
      kind: 'scrape',
      format: 'yaml',
      documents: lazy('scrape', () => [{ scrape_configs: scrapeKinds.scrapeConfigs(config) }]),
      about: 'scrape_configs for prometheus.yml (Kubernetes service discovery), for Prometheus without the Operator.',
    },
  ];
  return files.filter((f) => wanted(f.kind));
}
