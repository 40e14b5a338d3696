// The one typed configuration of the monitoring bundle: documented defaults, and validation that names the offending key.
import { PoolwatchError } from '../errors.ts';

/** Label matchers (PromQL syntax, without braces) that select each scrape job. No silent default in a config file. */
export interface Selectors {
  /** MetalLB controller (allocator metrics, config state). */
  controller: string;
  /** MetalLB speakers (layer 2, native BGP, deprecated FRR-mode sidecar). */
  speaker: string;
  /** FRR-K8s pods (BGP/BFD in the default mode since MetalLB v0.16). */
  frrK8s: string;
  /** poolwatch serve. */
  poolwatch: string;
  /** kube-state-metrics (fallback pending-service alert). */
  kubeStateMetrics: string;
}

export interface MonitoringConfig {
  selectors: Selectors;
  /** Label that tells clusters apart in federated/Thanos/Mimir setups; kept by every rule and used by the dashboard. */
  clusterLabel: string;
  /** Shows the dashboard's cluster variable and puts the cluster in legends (kubernetes-mixin's `showMultiCluster`). Off: the variable is hidden; queries still keep the label. */
  showMultiCluster: boolean;
  /** Runbook link pattern; `{anchor}` becomes the alert's heading anchor in docs/runbook.md. */
  runbookUrlPattern: string;
  /** Pool names (exact) left out of the capacity and forecast alerts, e.g. static pools that are full by design. */
  excludePools: string[];
  capacity: {
    highRatio: number;
    highFor: string;
    nearlyExhaustedRatio: number;
    nearlyExhaustedFor: string;
    exhaustedFor: string;
  };
  forecast: {
    /** Range that `predict_linear` and `deriv` look back over. */
    lookback: string;
    warningHorizon: string;
    criticalHorizon: string;
    /** Gates (available / usable) under which a forecast may fire, as in node-mixin's FillingUp alerts. */
    warningAvailableRatio: number;
    criticalAvailableRatio: number;
    for: string;
  };
  services: { pendingFor: string; allocationFailureWindow: string };
  findings: { for: string };
  metallb: {
    configFor: string;
    targetDownFor: string;
    bgpSessionDownFor: string;
    bfdSessionDownFor: string;
    layer2Window: string;
    /** Fraction of layer-2 requests without a response above which the speaker is alerted on. */
    layer2UnansweredRatio: number;
    layer2For: string;
    /** An allocated address that no speaker announces (MetalLBAddressNotAnnounced). */
    notAnnouncedFor: string;
    /** A layer-2 service that more than one node announces (MetalLBLayer2MultipleAnnouncers). */
    multipleAnnouncersFor: string;
  };
  poolwatch: { absentFor: string; notSyncedFor: string };
  scrape: {
    interval: string;
    metallbNamespace: string;
    frrK8sNamespace: string;
    poolwatchNamespace: string;
    /** Container port name of the MetalLB metrics endpoint (Helm chart v0.16+: `metricshttps`, 9120, HTTPS; earlier releases: `monitoring` in the manifests or `metrics` in the chart, 7472, HTTP). */
    metallbPort: string;
    metallbScheme: 'http' | 'https';
    /** Secret holding a token allowed to GET /metrics (MetalLB v0.16+ authorizes scrapes). Empty: no token. */
    metallbTokenSecret: string;
    /** Container port name of the deprecated FRR mode's metrics sidecar in the speaker pod (MetalLB's chart: `frrmetricshttps`, 9121), scraped into the speaker job; "" not to scrape it. */
    speakerFrrPort: string;
    frrK8sPort: string;
    frrK8sScheme: 'http' | 'https';
    poolwatchPort: string;
  };
  operator: {
    /** Namespace of the generated PrometheusRule, PodMonitors and ServiceMonitor. */
    namespace: string;
    /** Labels your Prometheus' ruleSelector / podMonitorSelector / serviceMonitorSelector match. */
    labels: Record<string, string>;
  };
  dashboard: { uid: string; title: string; refresh: string };
}

/** The defaults: MetalLB installed by its Helm chart in metallb-system, poolwatch in namespace poolwatch. */
export const DEFAULT_CONFIG: MonitoringConfig = {
  selectors: {
    controller: 'job="metallb-controller"',
    speaker: 'job="metallb-speaker"',
    frrK8s: 'job="frr-k8s"',
    poolwatch: 'job="poolwatch"',
    kubeStateMetrics: 'job="kube-state-metrics"',
  },
  clusterLabel: 'cluster',
  showMultiCluster: true,
  runbookUrlPattern: 'https://github.com/poolwatch/poolwatch/blob/main/docs/runbook.md#{anchor}',
  excludePools: [],
  capacity: { highRatio: 0.8, highFor: '10m', nearlyExhaustedRatio: 0.95, nearlyExhaustedFor: '5m', exhaustedFor: '1m' },
  forecast: {
    lookback: '6h',
    warningHorizon: '24h',
    criticalHorizon: '4h',
    warningAvailableRatio: 0.4,
    criticalAvailableRatio: 0.2,
    for: '1h',
  },
  services: { pendingFor: '10m', allocationFailureWindow: '10m' },
  findings: { for: '5m' },
  metallb: {
    configFor: '5m',
    targetDownFor: '5m',
    bgpSessionDownFor: '5m',
    bfdSessionDownFor: '5m',
    layer2Window: '10m',
    layer2UnansweredRatio: 0.1,
    layer2For: '10m',
    notAnnouncedFor: '10m',
    multipleAnnouncersFor: '5m',
  },
  poolwatch: { absentFor: '15m', notSyncedFor: '10m' },
  scrape: {
    interval: '30s',
    metallbNamespace: 'metallb-system',
    frrK8sNamespace: 'metallb-system',
    poolwatchNamespace: 'poolwatch',
    metallbPort: 'metricshttps',
    metallbScheme: 'https',
    metallbTokenSecret: 'metallb-metrics-token',
    speakerFrrPort: 'frrmetricshttps',
    frrK8sPort: 'frrmetricshttps',
    frrK8sScheme: 'https',
    poolwatchPort: 'metrics',
  },
  operator: { namespace: 'monitoring', labels: {} },
  dashboard: { uid: 'poolwatch-metallb', title: 'MetalLB address pools (poolwatch)', refresh: '1m' },
};

type Path = ReadonlyArray<string | number>;
/** Maps a key path of the raw config to `file:line:col`, when the caller knows where the config came from. */
export type Locate = (path: Path) => string | undefined;

const DURATION = /^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/;
const UNIT_SECONDS: Record<string, number> = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
const MATCHER = String.raw`[a-zA-Z_][a-zA-Z0-9_]*\s*(?:=~|!~|!=|=)\s*"(?:[^"\\]|\\.)*"`;
const SELECTOR = new RegExp(String.raw`^\s*${MATCHER}(?:\s*,\s*${MATCHER})*\s*,?\s*$`);
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const K8S_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Seconds in a Prometheus duration such as `6h` or `1h30m`. */
export function durationSeconds(value: string): number {
  let total = 0;
  for (const part of value.match(/\d+(ms|[ywdhms])/g) ?? []) {
    const unit = part.replace(/^\d+/, '');
    total += Number(part.slice(0, part.length - unit.length)) * UNIT_SECONDS[unit]!;
  }
  return total;
}

function isDuration(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && DURATION.test(value) && durationSeconds(value) > 0;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A check for one leaf value: returns an error message, or null when the value is fine. */
type Check = (value: unknown) => string | null;

const duration: Check = (v) => (isDuration(v) ? null : 'must be a Prometheus duration such as 5m or 6h');
const ratio: Check = (v) => (typeof v === 'number' && v > 0 && v <= 1 ? null : 'must be a number in (0, 1]');
const text = (pattern: RegExp, what: string): Check => (v) => (typeof v === 'string' && pattern.test(v) ? null : `must be ${what}`);
const selector: Check = (v) =>
  typeof v === 'string' && SELECTOR.test(v) ? null : 'must be PromQL label matchers without braces, e.g. job="metallb-controller"';
const scheme: Check = (v) => (v === 'http' || v === 'https' ? null : 'must be http or https');
const anyString: Check = (v) => (typeof v === 'string' ? null : 'must be a string');
const poolList: Check = (v) => (Array.isArray(v) && v.every((p) => typeof p === 'string' && p !== '') ? null : 'must be a list of pool names');
const labelMap: Check = (v) =>
  isRecord(v) && Object.entries(v).every(([k, val]) => typeof val === 'string' && /^[a-zA-Z0-9./_-]+$/.test(k))
    ? null
    : 'must be a map of label names to string values';
const boolean: Check = (v) => (typeof v === 'boolean' ? null : 'must be true or false');
const runbookPattern: Check = (v) => (typeof v === 'string' && v.includes('{anchor}') ? null : 'must be a URL containing {anchor}');

/** The schema: one check per leaf, grouped like MonitoringConfig. `required` leaves have no default in a config file. */
const SCHEMA = {
  selectors: {
    controller: selector,
    speaker: selector,
    frrK8s: selector,
    poolwatch: selector,
    kubeStateMetrics: selector,
  },
  clusterLabel: text(LABEL_NAME, 'a Prometheus label name'),
  showMultiCluster: boolean,
  runbookUrlPattern: runbookPattern,
  excludePools: poolList,
  capacity: { highRatio: ratio, highFor: duration, nearlyExhaustedRatio: ratio, nearlyExhaustedFor: duration, exhaustedFor: duration },
  forecast: {
    lookback: duration,
    warningHorizon: duration,
    criticalHorizon: duration,
    warningAvailableRatio: ratio,
    criticalAvailableRatio: ratio,
    for: duration,
  },
  services: { pendingFor: duration, allocationFailureWindow: duration },
  findings: { for: duration },
  metallb: {
    configFor: duration,
    targetDownFor: duration,
    bgpSessionDownFor: duration,
    bfdSessionDownFor: duration,
    layer2Window: duration,
    layer2UnansweredRatio: ratio,
    layer2For: duration,
    notAnnouncedFor: duration,
    multipleAnnouncersFor: duration,
  },
  poolwatch: { absentFor: duration, notSyncedFor: duration },
  scrape: {
    interval: duration,
    metallbNamespace: text(K8S_NAME, 'a Kubernetes namespace name'),
    frrK8sNamespace: text(K8S_NAME, 'a Kubernetes namespace name'),
    poolwatchNamespace: text(K8S_NAME, 'a Kubernetes namespace name'),
    metallbPort: text(/^[a-z0-9-]+$/, 'a port name'),
    metallbScheme: scheme,
    metallbTokenSecret: anyString,
    speakerFrrPort: text(/^([a-z0-9-]+)?$/, 'a port name, or "" not to scrape it'),
    frrK8sPort: text(/^[a-z0-9-]+$/, 'a port name'),
    frrK8sScheme: scheme,
    poolwatchPort: text(/^[a-z0-9-]+$/, 'a port name'),
  },
  operator: { namespace: text(K8S_NAME, 'a Kubernetes namespace name'), labels: labelMap },
  dashboard: { uid: text(/^[a-zA-Z0-9_-]{1,40}$/, 'a Grafana uid (letters, digits, - and _, at most 40)'), title: anyString, refresh: duration },
} as const;

/** Sections whose every key must be given when a config file has the section or not: the selectors. */
const REQUIRED_SECTIONS = new Set(['selectors']);

function fail(locate: Locate | undefined, path: Path, message: string): never {
  const location = locate?.(path);
  const text = path.length > 0 ? `${path.join('.')}: ${message}` : message;
  throw new PoolwatchError('invalid-argument', text, location ? { location } : {});
}

function merge(schema: Record<string, unknown>, defaults: Record<string, unknown>, raw: unknown, path: Path, locate?: Locate): Record<string, unknown> {
  if (!isRecord(raw)) fail(locate, path, 'must be a map');
  for (const key of Object.keys(raw)) {
    if (!(key in schema)) fail(locate, [...path, key], `unknown key (expected one of: ${Object.keys(schema).join(', ')})`);
  }
  const out: Record<string, unknown> = {};
  for (const [key, check] of Object.entries(schema)) {
    const here = [...path, key];
    const value = raw[key];
    if (typeof check === 'function') {
      if (value === undefined || value === null) {
        out[key] = defaults[key];
        continue;
      }
      const problem = (check as Check)(value);
      if (problem) fail(locate, here, problem);
      out[key] = value;
    } else if (REQUIRED_SECTIONS.has(key)) {
      if (value === undefined || value === null) fail(locate, path, `${key} is required: give ${Object.keys(check as object).map((k) => `${key}.${k}`).join(', ')}`);
      if (!isRecord(value)) fail(locate, here, 'must be a map');
      for (const sub of Object.keys(check as object)) {
        if (value[sub] === undefined || value[sub] === null || value[sub] === '') fail(locate, here, `${key}.${sub} is required (no default: it depends on how you scrape)`);
      }
      out[key] = merge(check as Record<string, unknown>, defaults[key] as Record<string, unknown>, value, here, locate);
    } else {
      out[key] = merge(check as Record<string, unknown>, defaults[key] as Record<string, unknown>, value ?? {}, here, locate);
    }
  }
  return out;
}

/**
 * Validates a raw config (parsed YAML or JSON) and fills unset keys from DEFAULT_CONFIG, except the selectors,
 * which a config file must state. Cross-field rules (tiers in order) are checked after merging.
 */
export function resolveConfig(raw: unknown, locate?: Locate): MonitoringConfig {
  const config = merge(SCHEMA, DEFAULT_CONFIG as unknown as Record<string, unknown>, raw ?? {}, [], locate) as unknown as MonitoringConfig;
  if (config.capacity.highRatio >= config.capacity.nearlyExhaustedRatio) {
    fail(locate, ['capacity', 'highRatio'], 'must be lower than capacity.nearlyExhaustedRatio');
  }
  if (durationSeconds(config.forecast.criticalHorizon) >= durationSeconds(config.forecast.warningHorizon)) {
    fail(locate, ['forecast', 'criticalHorizon'], 'must be shorter than forecast.warningHorizon');
  }
  if (config.forecast.criticalAvailableRatio > config.forecast.warningAvailableRatio) {
    fail(locate, ['forecast', 'criticalAvailableRatio'], 'must not exceed forecast.warningAvailableRatio');
  }
  return config;
}
