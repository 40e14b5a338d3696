// Typed shapes of everything the monitoring bundle emits: Prometheus rules, Kubernetes objects, scrape configs, Alertmanager config.

export type Severity = 'critical' | 'warning' | 'info';

export interface AlertingRule {
  alert: string;
  expr: string;
  for?: string;
  labels: { severity: Severity } & Record<string, string>;
  annotations: { summary: string; description: string; runbook_url: string } & Record<string, string>;
}

export interface RecordingRule {
  record: string;
  expr: string;
  labels?: Record<string, string>;
}

export type Rule = AlertingRule | RecordingRule;

export interface RuleGroup<R extends Rule = Rule> {
  name: string;
  interval?: string;
  rules: R[];
}

/** A generated Prometheus rule file (`promtool check rules` format). */
export interface RuleFile {
  groups: RuleGroup[];
}

export interface ObjectMeta {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
}

export interface PrometheusRuleObject {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'PrometheusRule';
  metadata: ObjectMeta;
  spec: RuleFile;
}

export interface Relabeling {
  sourceLabels?: string[];
  targetLabel?: string;
  replacement?: string;
  regex?: string;
  action?: string;
}

export interface MonitorEndpoint {
  port: string;
  path: string;
  interval: string;
  scheme: 'http' | 'https';
  tlsConfig?: { insecureSkipVerify: boolean };
  authorization?: { type: 'Bearer'; credentials: { name: string; key: string } };
  /** Prometheus's own ServiceAccount token (ServiceMonitor endpoints only). */
  bearerTokenFile?: string;
  relabelings: Relabeling[];
}

export interface PodMonitorObject {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'PodMonitor';
  metadata: ObjectMeta;
  spec: {
    selector: { matchLabels: Record<string, string> };
    namespaceSelector: { matchNames: string[] };
    podMetricsEndpoints: MonitorEndpoint[];
  };
}

export interface ServiceMonitorObject {
  apiVersion: 'monitoring.coreos.com/v1';
  kind: 'ServiceMonitor';
  metadata: ObjectMeta;
  spec: {
    selector: { matchLabels: Record<string, string> };
    namespaceSelector: { matchNames: string[] };
    endpoints: MonitorEndpoint[];
  };
}

export type MonitorObject = PodMonitorObject | ServiceMonitorObject;

/** One `scrape_configs` entry using Kubernetes service discovery (for Prometheus without the Operator). */
export interface ScrapeConfig {
  job_name: string;
  scrape_interval: string;
  metrics_path: string;
  scheme: 'http' | 'https';
  authorization?: { credentials_file: string };
  tls_config?: { insecure_skip_verify: boolean };
  kubernetes_sd_configs: Array<{ role: 'pod' | 'endpoints'; namespaces: { names: string[] } }>;
  relabel_configs: Array<{
    source_labels?: string[];
    regex?: string;
    action?: 'keep' | 'drop' | 'replace';
    target_label?: string;
    replacement?: string;
  }>;
}

export interface AlertmanagerRoute {
  receiver: string;
  group_by?: string[];
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  matchers?: string[];
  continue?: boolean;
  routes?: AlertmanagerRoute[];
}

export interface AlertmanagerConfig {
  route: AlertmanagerRoute;
  inhibit_rules: Array<{ source_matchers: string[]; target_matchers: string[]; equal: string[] }>;
  receivers: Array<{ name: string; webhook_configs?: Array<{ url: string; send_resolved: boolean }> }>;
}

/** An alert as a group file writes it; the runbook link is added for every alert in one pass (alerts/index.ts). */
export interface AlertDraft extends Omit<AlertingRule, 'annotations'> {
  annotations: { summary: string; description: string };
}

export interface AlertGroupDraft {
  name: string;
  rules: AlertDraft[];
}
