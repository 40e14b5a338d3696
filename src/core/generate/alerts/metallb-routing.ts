// Alert group: announcement health with each mode's real names (native/FRR `metallb_*`, FRR-K8s `frrk8s_*` or renamed `metallb_*`, layer 2).
import type { MonitoringConfig } from '../config.ts';
import { FRR_K8S, METALLB } from '../metric-names.ts';
import { inCluster, num, percent, series } from '../promql.ts';
import type { AlertGroupDraft } from '../types.ts';

export function metallbRoutingAlerts(config: MonitoringConfig): AlertGroupDraft {
  const { selectors, metallb } = config;
  const requests = `rate(${series(METALLB.layer2RequestsReceived, selectors.speaker)}[${metallb.layer2Window}])`;
  const responses = `rate(${series(METALLB.layer2ResponsesSent, selectors.speaker)}[${metallb.layer2Window}])`;
  const sessionDown = (speakerName: string, frrName: string) =>
    [series(speakerName, selectors.speaker), series(frrName, selectors.frrK8s), series(speakerName, selectors.frrK8s)].map((e) => `${e} == 0\n`).join('or\n');
  const peer = 'peer {{ $labels.peer }}{{ with $labels.vrf }} (VRF {{ . }}){{ end }} of {{ $labels.job }} target {{ $labels.instance }}';
  return {
    name: 'metallb-routing',
    rules: [
      {
        alert: 'MetalLBBGPSessionDown',
        // Native and deprecated FRR mode speakers export metallb_bgp_session_up; in FRR-K8s mode (MetalLB's default since
        // v0.16) the speaker exports none and frr-k8s exports frrk8s_bgp_session_up, renamed to metallb_bgp_session_up by
        // MetalLB's kustomize files and operator. Watching all three covers every mode and install.
        expr: sessionDown(METALLB.bgpSessionUp, FRR_K8S.bgpSessionUp),
        for: metallb.bgpSessionDownFor,
        labels: { severity: 'critical' },
        annotations: {
          summary: 'A BGP session of MetalLB is down.',
          description: `The BGP session with ${peer}${inCluster(config)} is down: the router no longer learns the service addresses from this node.`,
        },
      },
      {
        alert: 'MetalLBBFDSessionDown',
        expr: sessionDown(METALLB.bfdSessionUp, FRR_K8S.bfdSessionUp),
        for: metallb.bfdSessionDownFor,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A BFD session of MetalLB is down.',
          description: `The BFD session with ${peer}${inCluster(config)} is down: link failures toward this peer are no longer detected quickly.`,
        },
      },
      {
        alert: 'MetalLBLayer2RequestsUnanswered',
        // The speaker counts a request only for an address it owns, then counts the response once it is written,
        // so a gap between the two counters means replies fail to go out. The real names have no `_total` suffix.
        // `unless` also fires when the responses counter does not exist yet (no reply was ever sent).
        expr: `(\n  ${requests} > 0\n)\nunless\n(\n  ${responses}\n  >=\n  ${num(1 - metallb.layer2UnansweredRatio)} * ${requests}\n)\n`,
        for: metallb.layer2For,
        labels: { severity: 'warning' },
        annotations: {
          summary: 'A MetalLB speaker does not answer layer-2 requests for an address it owns.',
          description:
            `{{ $labels.job }} target {{ $labels.instance }}${inCluster(config)} receives {{ $value | printf "%.2f" }} ARP/NDP requests per second for {{ $labels.ip }} ` +
            `and answers fewer than ${percent(1 - metallb.layer2UnansweredRatio)} of them.`,
        },
      },
    ],
  };
}
