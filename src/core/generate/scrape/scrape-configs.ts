// Scrape kind: plain Prometheus `scrape_configs` with Kubernetes service discovery, for Prometheus without the Operator.
import type { MonitoringConfig } from '../config.ts';
import type { ScrapeConfig } from '../types.ts';
import { jobName, scrapeTargets, SERVICE_ACCOUNT_TOKEN_FILE } from './targets.ts';

/** Prometheus' meta label for a Kubernetes label: non-alphanumerics become `_`. */
function metaLabel(role: 'pod' | 'service', label: string): string {
  return `__meta_kubernetes_${role}_label_${label.replace(/[^a-zA-Z0-9_]/g, '_')}`;
}

export function scrapeConfigs(config: MonitoringConfig): ScrapeConfig[] {
  return scrapeTargets(config).map((target): ScrapeConfig => {
    const role = target.kind === 'pod' ? 'pod' : 'endpoints';
    const labelRole = target.kind === 'pod' ? 'pod' : 'service';
    const labels = Object.entries(target.matchLabels);
    const portLabel = target.kind === 'pod' ? '__meta_kubernetes_pod_container_port_name' : '__meta_kubernetes_endpoint_port_name';
    return {
      job_name: jobName(config, target),
      scrape_interval: config.scrape.interval,
      metrics_path: '/metrics',
      scheme: target.scheme,
      // MetalLB v0.16+ authorizes scrapes: Prometheus' own service account needs `get` on the /metrics non-resource URL.
      ...(target.tokenSecret || target.serviceAccountToken ? { authorization: { credentials_file: SERVICE_ACCOUNT_TOKEN_FILE } } : {}),
      ...(target.insecureSkipVerify ? { tls_config: { insecure_skip_verify: true } } : {}),
      kubernetes_sd_configs: [{ role, namespaces: { names: [target.namespace] } }],
      relabel_configs: [
        { source_labels: labels.map(([k]) => metaLabel(labelRole, k)), regex: labels.map(([, v]) => v).join(';'), action: 'keep' },
        { source_labels: [portLabel], regex: target.ports.join('|'), action: 'keep' },
        { source_labels: ['__meta_kubernetes_namespace'], target_label: 'namespace' },
        { source_labels: ['__meta_kubernetes_pod_name'], target_label: 'pod' },
        ...(target.kind === 'pod' ? [{ source_labels: ['__meta_kubernetes_pod_node_name'], target_label: 'node' }] : []),
      ],
    };
  });
}
