// Alert group: services without an address (from poolwatch, or from kube-state-metrics alone) and allocation failures.
import type { MonitoringConfig } from '../config.ts';
import { KUBE_STATE_METRICS, POOLWATCH, PROMETHEUS } from '../metric-names.ts';
import { inCluster, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function serviceAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, services, clusterLabel } = config;
  const ksm = selectors.kubeStateMetrics;
  return {
    name: 'metallb-services',
    rules: [
      {
        alert: 'MetalLBServicePending',
        expr: `${series(POOLWATCH.servicePending, selectors.poolwatch)} > 0\n`,
        for: services.pendingFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A LoadBalancer service has had no address from MetalLB for a while.',
          description:
            `Service {{ $labels.namespace }}/{{ $labels.service }}${inCluster(config)} has been pending for more than ${services.pendingFor}: ` +
            `reason {{ $labels.reason }}. Run \`poolwatch status --namespace {{ $labels.namespace }}\` for the details.`,
        },
      },
      {
        alert: 'MetalLBServiceWithoutIngress',
        // The guide's `kube_service_spec_type == "LoadBalancer"` does not parse, and KSM emits no ingress series at
        // all for a pending service, so `== 0` never matches: `unless` finds the missing series instead.
        // Only a fallback: it stays silent wherever poolwatch is scraped, which reports the reason as well.
        expr:
          `(\n  ${series(KUBE_STATE_METRICS.serviceSpecType, ksm, 'type="LoadBalancer"')}\n` +
          `  unless on(${clusterLabel}, namespace, service)\n  ${series(KUBE_STATE_METRICS.serviceLoadBalancerIngress, ksm)}\n)\n` +
          `unless on(${clusterLabel})\n${series(PROMETHEUS.up, selectors.poolwatch)} == 1\n`,
        for: services.pendingFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A LoadBalancer service has no external address (kube-state-metrics).',
          description:
            `Service {{ $labels.namespace }}/{{ $labels.service }}${inCluster(config)} is of type LoadBalancer and has had no ingress address ` +
            `for more than ${services.pendingFor}. kube-state-metrics cannot tell why, nor whether MetalLB handles its loadBalancerClass; run poolwatch for the reason.`,
        },
      },
      {
        alert: 'MetalLBAllocationFailures',
        expr: `increase(${series(POOLWATCH.allocationFailuresTotal, selectors.poolwatch)}[${services.allocationFailureWindow}]) > 0\n`,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'MetalLB could not give LoadBalancer services an address.',
          description:
            `In namespace {{ $labels.namespace }}${inCluster(config)}, about {{ $value | humanize }} services entered pending with reason ` +
            `{{ $labels.reason }} in the last ${services.allocationFailureWindow}.`,
        },
      },
    ],
  };
}
