// Builds the prom-client registries from the family list and fills them lazily on each scrape.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FamilyDeclaration, ScrapeContext } from './family.ts';
import { families as allFamilies } from './families/index.ts';

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
  readonly registry = new Registry();
  readonly processRegistry = new Registry();
  private readonly computed: Computed[] = [];
  private readonly histograms = new Map<string, Histogram>();

  constructor(options: ExporterOptions) {
    for (const decl of enabledFamilies(options)) {
      const config = { name: decl.name, help: decl.help, labelNames: [...decl.labels], registers: [this.registry] };
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
    for (const { decl, metric } of this.computed) {
      metric.reset();
      for (const [labels, value] of decl.samples?.(ctx) ?? []) {
        if (metric instanceof Gauge) metric.set(labels, value);
        else metric.inc(labels, value);
      }
    }
    const own = await this.registry.metrics();
    const processText = await this.processRegistry.metrics();
    return processText === '' ? own : `${own}\n${processText}`;
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
