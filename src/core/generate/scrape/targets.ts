// The scrape targets of the bundle: what each job scrapes, and the job name the alert selectors expect.
import { PoolwatchError } from '../../errors.ts';
import type { MonitoringConfig, Selectors } from '../config.ts';

export interface ScrapeTarget {
  /** The selector (config key) whose `job="..."` matcher names this job. */
  selector: keyof Selectors;
  /** Object name of the generated monitor. */
  name: string;
  kind: 'pod' | 'service';
  namespace: string;
  /** Pod (or Service) labels that pick the targets. */
  matchLabels: Record<string, string>;
  /** Container (or Service) port names to scrape, each into the same job. */
  ports: string[];
  scheme: 'http' | 'https';
  /** Secret with a bearer token for the scrape (MetalLB v0.16+ authorizes /metrics), or none. */
  tokenSecret?: string;
  /** Prometheus sends its own ServiceAccount token (poolwatch's `--auth=kubernetes` checks it). */
  serviceAccountToken?: boolean;
  /** Self-signed serving certificates (MetalLB and frr-k8s without configured TLS secrets). */
  insecureSkipVerify: boolean;
}

/** Where Prometheus (and every pod) finds its own ServiceAccount token. */
export const SERVICE_ACCOUNT_TOKEN_FILE = '/var/run/secrets/kubernetes.io/serviceaccount/token';

/** MetalLB's Helm chart labels: app.kubernetes.io/name=metallb plus component controller or speaker. */
export function scrapeTargets(config: MonitoringConfig): ScrapeTarget[] {
  const s = config.scrape;
  const https = (scheme: 'http' | 'https') => scheme === 'https';
  const token = s.metallbTokenSecret === '' ? {} : { tokenSecret: s.metallbTokenSecret };
  return [
    {
      selector: 'controller',
      name: 'metallb-controller',
      kind: 'pod',
      namespace: s.metallbNamespace,
      matchLabels: { 'app.kubernetes.io/name': 'metallb', 'app.kubernetes.io/component': 'controller' },
      ports: [s.metallbPort],
      scheme: s.metallbScheme,
      ...token,
      insecureSkipVerify: https(s.metallbScheme),
    },
    {
      selector: 'speaker',
      name: 'metallb-speaker',
      kind: 'pod',
      namespace: s.metallbNamespace,
      matchLabels: { 'app.kubernetes.io/name': 'metallb', 'app.kubernetes.io/component': 'speaker' },
      // The deprecated FRR mode serves the BGP and BFD metrics from a sidecar on a port of its own; in the other
      // modes the speaker pod has no such port and the extra endpoint finds nothing.
      ports: [s.metallbPort, ...(s.speakerFrrPort === '' ? [] : [s.speakerFrrPort])],
      scheme: s.metallbScheme,
      ...token,
      insecureSkipVerify: https(s.metallbScheme),
    },
    {
      selector: 'frrK8s',
      name: 'frr-k8s',
      kind: 'pod',
      namespace: s.frrK8sNamespace,
      matchLabels: { 'app.kubernetes.io/name': 'frr-k8s', 'app.kubernetes.io/component': 'frr-k8s' },
      ports: [s.frrK8sPort],
      scheme: s.frrK8sScheme,
      ...token,
      insecureSkipVerify: https(s.frrK8sScheme),
    },
    {
      selector: 'poolwatch',
      name: 'poolwatch',
      kind: 'service',
      namespace: s.poolwatchNamespace,
      matchLabels: { 'app.kubernetes.io/name': 'poolwatch' },
      ports: [s.poolwatchPort],
      scheme: 'http',
      serviceAccountToken: true,
      insecureSkipVerify: false,
    },
  ];
}

/**
 * The job name a target must carry for the alert selectors to match it: the `job="..."` matcher of its selector.
 * A selector without one cannot be honoured by generated scrape configs, so that is an error, not a guess.
 */
export function jobName(config: MonitoringConfig, target: ScrapeTarget): string {
  const match = config.selectors[target.selector].match(/(?:^|,)\s*job\s*=\s*"((?:[^"\\]|\\.)*)"/);
  if (!match) {
    throw new PoolwatchError(
      'invalid-argument',
      `selectors.${target.selector}: generated scrape configs need a job="..." matcher to name the ${target.name} job (got ${config.selectors[target.selector]})`,
    );
  }
  return match[1]!;
}
