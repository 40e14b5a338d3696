// Scrape kind: Prometheus Operator PodMonitors (MetalLB controller, speakers, frr-k8s) and the ServiceMonitor (poolwatch).
import type { MonitoringConfig } from '../config.ts';
import type { MonitorEndpoint, MonitorObject } from '../types.ts';
import { jobName, scrapeTargets, SERVICE_ACCOUNT_TOKEN_FILE } from './targets.ts';

export function operatorMonitors(config: MonitoringConfig): MonitorObject[] {
  return scrapeTargets(config).map((target): MonitorObject => {
    const endpoints = target.ports.map((port): MonitorEndpoint => ({
      port,
      path: '/metrics',
      interval: config.scrape.interval,
      scheme: target.scheme,
      ...(target.insecureSkipVerify ? { tlsConfig: { insecureSkipVerify: true } } : {}),
      ...(target.tokenSecret ? { authorization: { type: 'Bearer' as const, credentials: { name: target.tokenSecret, key: 'token' } } } : {}),
      ...(target.serviceAccountToken ? { bearerTokenFile: SERVICE_ACCOUNT_TOKEN_FILE } : {}),
      // The Operator names jobs after the monitor's namespace/name; the alerts select on one fixed job label instead.
      relabelings: [
        { targetLabel: 'job', replacement: jobName(config, target) },
        ...(target.kind === 'pod' ? [{ sourceLabels: ['__meta_kubernetes_pod_node_name'], targetLabel: 'node' }] : []),
      ],
    }));
    const metadata = {
      name: target.name,
      namespace: config.operator.namespace,
      labels: { 'app.kubernetes.io/part-of': 'poolwatch', ...config.operator.labels },
    };
    const common = { selector: { matchLabels: target.matchLabels }, namespaceSelector: { matchNames: [target.namespace] } };
    return target.kind === 'pod'
      ? { apiVersion: 'monitoring.coreos.com/v1', kind: 'PodMonitor', metadata, spec: { ...common, podMetricsEndpoints: endpoints } }
      : { apiVersion: 'monitoring.coreos.com/v1', kind: 'ServiceMonitor', metadata, spec: { ...common, endpoints } };
  });
}
