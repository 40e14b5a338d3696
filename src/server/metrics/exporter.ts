// Renders the family list on each scrape: the report's families as bytes reused while the report is the same (per block of services while its entries are), the live ones and histograms through prom-client.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { FamilyDeclaration, ScrapeContext } from '../../core/metrics/family.ts';
import type { ServiceReport } from '../../core/report/types.ts';
import { families as allFamilies } from '../../core/metrics/families/index.ts';
import { familyHeader, familyText, sampleLines } from './exposition.ts';

export interface ExporterOptions {
  /** --compat=metallb: also export the MetalLB names the guides use. */
  compat: boolean;
  /** false with --no-service-metrics: leave out the families with one series per service. */
  serviceMetrics: boolean;
  /** Node.js process metrics (CPU, memory, event loop) in a registry of their own. */
  processMetrics?: boolean;
  families?: readonly FamilyDeclaration[];
  /** Report entries per block of kept text (default BLOCK; tests use small blocks to cover their edges). */
  blockSize?: number;
}

type Computed = { decl: FamilyDeclaration; metric: Gauge | Counter };

/**
 * Report entries per block (the default of `blockSize`). A scrape rebuilds only the blocks whose entries
 * changed since the last one, and the body is served as the blocks' bytes, never joined into one: each copy
 * of a multi-megabyte body takes fresh memory and costs about as much as formatting a thousand services.
 */
const BLOCK = 128;
const NEWLINE = Buffer.from('\n');
const BLANK_LINE = Buffer.from('\n\n');
const NOTHING = Buffer.alloc(0);

/** One block of consecutive report entries and, per family with `serviceSamples`, their sample lines. */
interface Block {
  entries: readonly ServiceReport[];
  /** Per entry (in the order of `entries`): its lines in each service family (see `entryLines`). */
  lines: ReadonlyArray<readonly Buffer[]>;
  /** Per service family: every entry's lines, one after the other. */
  bytes: readonly Buffer[];
}

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
  private cache: { report: ScrapeContext['report']; forecasts: ScrapeContext['forecasts']; chunks: Buffer[] } | null = null;
  /** The families with `serviceSamples`, in the order of reportFamilies. */
  private readonly serviceFamilies: FamilyDeclaration[] = [];
  /** Each report entry's lines in each service family, kept while reports give the same entry. */
  private readonly entryBytes = new WeakMap<ServiceReport, readonly Buffer[]>();
  /** The last report's entries in blocks of `blockSize` (the ledger keeps an unchanged service's entry object). */
  private blocks: Block[] = [];
  private readonly blockSize: number;

  constructor(options: ExporterOptions) {
    this.blockSize = options.blockSize ?? BLOCK;
    for (const decl of enabledFamilies(options)) {
      if (!decl.live && decl.type !== 'histogram') {
        this.reportFamilies.push(decl);
        if (decl.serviceSamples) this.serviceFamilies.push(decl);
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
    return Buffer.concat(await this.exposition(ctx)).toString('utf8');
  }

  /** The exposition as consecutive pieces of UTF-8, to be written one after the other (as /metrics does). */
  async exposition(ctx: ScrapeContext): Promise<readonly Buffer[]> {
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
      this.cache = { report: ctx.report, forecasts: ctx.forecasts, chunks: this.reportChunks(ctx) };
    }
    const chunks = [...this.cache!.chunks];
    for (const text of [await this.liveRegistry.metrics(), await this.processRegistry.metrics()]) {
      if (text === '') continue;
      if (chunks.length > 0) chunks.push(NEWLINE);
      chunks.push(Buffer.from(text));
    }
    return chunks;
  }

  /** The report's families, blank-line separated and ending in a newline (nothing when there is none). */
  private reportChunks(ctx: ScrapeContext): Buffer[] {
    this.updateBlocks(ctx.report.services);
    const chunks: Buffer[] = [];
    for (const decl of this.reportFamilies) {
      if (chunks.length > 0) chunks.push(BLANK_LINE);
      if (!decl.serviceSamples) {
        chunks.push(Buffer.from(familyText(decl, decl.samples?.(ctx) ?? [])));
        continue;
      }
      // The same text as familyText over every entry's samples: no two entries share a label set.
      chunks.push(Buffer.from(familyHeader(decl)));
      const f = this.serviceFamilies.indexOf(decl);
      for (const block of this.blocks) if (block.bytes[f]!.length > 0) chunks.push(block.bytes[f]!);
    }
    if (chunks.length > 0) chunks.push(NEWLINE);
    return chunks;
  }

  /** Rebuilds the blocks whose entries are not, one for one, the same objects as at the last scrape. */
  private updateBlocks(entries: readonly ServiceReport[]): void {
    const blocks: Block[] = [];
    for (let start = 0, b = 0; start < entries.length; start += this.blockSize, b++) {
      const end = Math.min(start + this.blockSize, entries.length);
      const last = this.blocks[b];
      let same = last !== undefined && last.entries.length === end - start;
      for (let i = start; same && i < end; i++) same = last!.entries[i - start] === entries[i];
      if (same) {
        blocks.push(last!);
        continue;
      }
      const slice = entries.slice(start, end);
      // An entry in the same place as in the last block: its lines are there (no lookup by entry).
      const lines = slice.map((entry, i) => (last !== undefined && last.entries[i] === entry ? last.lines[i]! : this.entryLines(entry)));
      const bytes = this.serviceFamilies.map((_, f) => Buffer.concat(lines.map((l) => l[f]!)));
      blocks.push({ entries: slice, lines, bytes });
    }
    this.blocks = blocks;
  }

  /** One entry's sample lines in each service family, each line after a newline, encoded once per entry object. */
  private entryLines(entry: ServiceReport): readonly Buffer[] {
    let lines = this.entryBytes.get(entry);
    if (lines === undefined) {
      lines = this.serviceFamilies.map((decl) => {
        const text = sampleLines(decl, decl.serviceSamples!(entry));
        return text === '' ? NOTHING : Buffer.from(`\n${text}`);
      });
      this.entryBytes.set(entry, lines);
    }
    return lines;
  }

  get contentType(): string {
    return this.liveRegistry.contentType;
  }
}
