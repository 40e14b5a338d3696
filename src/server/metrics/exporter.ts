// Renders the family list on each scrape: the report's families as text reused while the report is the same, the live ones and histograms through prom-client.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FamilyDeclaration, ScrapeContext } from '../../core/metrics/family.ts';
import { families as allFamilies } from '../../core/metrics/families/index.ts';
import { familyText } from './exposition.ts';

export interface ExporterOptions {
  /** --compat=metallb: also export the MetalLB names the guides use. */
  compat: boolean;
  /** false with --no-service-metrics: leave out the families with one series per service. */
  serviceMetrics: boolean;
  /** Node.js process metrics (CPU, memory, event loop) in a registry of their own. */
  processMetrics?: boolean;
  families?: readonly FamilyDeclaration[];
}

type Computed = { decl: FamilyDeclaration; metric: Gauge | Counter };

/** Which declared families an exporter with these options publishes. */
export function enabledFamilies(options: ExporterOptions): FamilyDeclaration[] {
  return (options.families ?? allFamilies).filter((f) => (f.set === 'native' || options.compat) && (options.serviceMetrics || !f.perService));
}

export class MetricsExporter {
  /** Families computed from the report: written as text once per report and reused while it is the same. */
  private readonly reportFamilies: FamilyDeclaration[] = [];
  /** How many times the report families' text was computed (it is reused while the report is the same). */
  reportRenders = 0;
  /** The exporter's own health and the histograms: computed on every scrape. */
  readonly liveRegistry = new Registry();
  readonly processRegistry = new Registry();
  private readonly computed: Computed[] = [];
  private readonly histograms = new Map<string, Histogram>();
  private cache: { report: ScrapeContext['report']; forecasts: ScrapeContext['forecasts']; text: string } | null = null;

  constructor(options: ExporterOptions) {
    for (const decl of enabledFamilies(options)) {
      if (!decl.live && decl.type !== 'histogram') {
        this.reportFamilies.push(decl);
        continue;
      }
      const config = { name: decl.name, help: decl.help, labelNames: [...decl.labels], registers: [this.liveRegistry] };
      if (decl.type === 'histogram') {
        this.histograms.set(decl.name, new Histogram({ ...config, buckets: [...(decl.buckets ?? [])] }));
      } else {
        this.computed.push({ decl, metric: decl.type === 'gauge' ? new Gauge(config) : new Counter(config) });
      }
    }
    if (options.processMetrics !== false) collectDefaultMetrics({ register: this.processRegistry });
  }

  /** Records one observation of a histogram family (e.g. the time one object event took to apply). */
  observe(name: string, value: number): void {
    this.histograms.get(name)?.observe(value);
  }

  /** The exposition text: every enabled family computed from `ctx`, then the process metrics. */
  async render(ctx: ScrapeContext): Promise<string> {
    const fresh = !this.cache || this.cache.report !== ctx.report || this.cache.forecasts !== ctx.forecasts;
    for (const { decl, metric } of this.computed) {
      metric.reset();
      for (const [labels, value] of decl.samples?.(ctx) ?? []) {
        if (metric instanceof Gauge) metric.set(labels, value);
        else metric.inc(labels, value);
      }
    }
    if (fresh) {
      this.reportRenders++;
      const text = this.reportFamilies.map((decl) => familyText(decl, decl.samples?.(ctx) ?? [])).join('\n\n');
      this.cache = { report: ctx.report, forecasts: ctx.forecasts, text: text === '' ? '' : `${text}\n` };
    }
    const parts = [this.cache!.text, await this.liveRegistry.metrics(), await this.processRegistry.metrics()];
    return parts.filter((p) => p !== '').join('\n');
  }

  get contentType(): string {
    return this.liveRegistry.contentType;
  }
}
