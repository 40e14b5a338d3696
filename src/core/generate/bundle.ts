// Assembles the monitoring bundle: which files each `generate` kind writes, and the objects in each file.
import { alertmanagerExample } from './alertmanager/routing.ts';
import { generateAlertGroups } from './alerts/index.ts';
import type { MonitoringConfig } from './config.ts';
import { generateDashboard } from './dashboard/index.ts';
import { generateRecordingGroups } from './recording/index.ts';
import { scrapeKinds } from './scrape/index.ts';
import type { PrometheusRuleObject, RuleFile } from './types.ts';

export const BUNDLE_KINDS = ['rules', 'dashboards', 'scrape', 'all'] as const;
export type BundleKind = (typeof BUNDLE_KINDS)[number];

export interface BundleFile {
  /** Path relative to the output folder, with `/` separators. */
  path: string;
  kind: Exclude<BundleKind, 'all'>;
  format: 'yaml' | 'json';
  /** One entry per YAML document (JSON files have exactly one). */
  documents: unknown[];
  /** What the file is for, written as a leading comment in YAML files. */
  about: string;
}

export const RULES_FILE = 'prometheus/poolwatch-rules.yaml';
export const DASHBOARD_FILE = 'grafana/poolwatch-metallb.json';
export const ALERTMANAGER_FILE = 'alertmanager/alertmanager-example.yaml';
export const SCRAPE_CONFIGS_FILE = 'prometheus/scrape-configs.yaml';

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

/** Every file of the bundle for a kind (`all` is every kind), in a stable order. */
export function generateBundle(config: MonitoringConfig, kind: BundleKind): BundleFile[] {
  const wanted = (k: BundleFile['kind']) => kind === 'all' || kind === k;
  // Only the wanted kinds are generated: scrape configs need job matchers that rules alone do not.
  const rules = wanted('rules') ? generateRuleFile(config) : { groups: [] };
  const lazy = <T>(k: BundleFile['kind'], make: () => T[]): T[] => (wanted(k) ? make() : []);
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
      documents: lazy('dashboards', () => [generateDashboard(config)]),
      about: 'Grafana dashboard.',
    },
    {
      path: 'prometheus-operator/monitors.yaml',
      kind: 'scrape',
      format: 'yaml',
      documents: lazy('scrape', () => scrapeKinds.operatorMonitors(config)),
      about: 'PodMonitors for the MetalLB controller, speakers and frr-k8s, and a ServiceMonitor for poolwatch.',
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
