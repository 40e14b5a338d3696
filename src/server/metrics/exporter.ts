// Renders the family list on each scrape: the report's families as bytes reused while the report is the same (per block of services while its entries are, per entry while it is), the live ones and histograms through prom-client.
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

/** One block of consecutive report entries and, per family with `serviceSamples`, their sample lines. */
interface Block {
  entries: readonly ServiceReport[];
  /** Per service family: every entry's lines (each line after a newline), one entry after the other. */
  bytes: readonly Buffer[];
  /** Per service family: where each entry's lines end in `bytes` (entry i's run from the end of entry i - 1, or 0). */
  ends: readonly Uint32Array[];
}

/** Where an entry's lines were written at the last scrape: its block and its place in it. */
interface Written {
  block: Block;
  index: number;
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

  /**
   * Rebuilds the blocks whose entries are not, one for one, the same objects as at the last scrape. An entry
   * the last scrape wrote has its bytes copied from there (consecutive ones in one copy); only new entries
   * are formatted.
   */
  private updateBlocks(entries: readonly ServiceReport[]): void {
    const blocks: Block[] = [];
    // Built only when entries moved (a service came or went): where each entry of the last scrape was written.
    let written: Map<ServiceReport, Written> | null = null;
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
      const sources = slice.map((entry, i): Written | readonly string[] => {
        const before = last?.entries[i];
        if (before === entry) return { block: last!, index: i };
        // The same service in the same place (the common case) changed: its lines are new.
        if (before !== undefined && before.namespace === entry.namespace && before.name === entry.name) return this.entryText(entry);
        written ??= this.written();
        return written.get(entry) ?? this.entryText(entry);
      });
      blocks.push(this.block(slice, sources));
    }
    this.blocks = blocks;
  }

  /** A block's bytes per family: runs of entries written consecutively before are copied at once, the rest encoded. */
  private block(entries: readonly ServiceReport[], sources: ReadonlyArray<Written | readonly string[]>): Block {
    const bytes: Buffer[] = [];
    const ends: Uint32Array[] = [];
    for (let f = 0; f < this.serviceFamilies.length; f++) {
      let total = 0;
      for (const source of sources) total += 'block' in source ? spanEnd(source, f) - spanStart(source, f) : Buffer.byteLength(source[f]!);
      const buf = Buffer.allocUnsafe(total);
      const at = new Uint32Array(sources.length);
      let pos = 0;
      for (let i = 0; i < sources.length; ) {
        const source = sources[i]!;
        if (!('block' in source)) {
          pos += buf.write(source[f]!, pos);
          at[i++] = pos;
          continue;
        }
        // The run of entries that follow this one in the same old block.
        let j = i + 1;
        for (; j < sources.length; j++) {
          const next = sources[j]!;
          if (!('block' in next) || next.block !== source.block || next.index !== source.index + (j - i)) break;
        }
        const from = spanStart(source, f);
        const oldEnds = source.block.ends[f]!;
        source.block.bytes[f]!.copy(buf, pos, from, oldEnds[source.index + (j - i) - 1]!);
        for (let k = i; k < j; k++) at[k] = pos + oldEnds[source.index + (k - i)]! - from;
        pos = at[j - 1]!;
        i = j;
      }
      bytes.push(buf);
      ends.push(at);
    }
    return { entries, bytes, ends };
  }

  /** Where each entry of the last scrape's blocks was written. */
  private written(): Map<ServiceReport, Written> {
    const written = new Map<ServiceReport, Written>();
    for (const block of this.blocks) block.entries.forEach((entry, index) => written.set(entry, { block, index }));
    return written;
  }

  /** One entry's sample lines in each service family, each line after a newline. */
  private entryText(entry: ServiceReport): string[] {
    return this.serviceFamilies.map((decl) => {
      const text = sampleLines(decl, decl.serviceSamples!(entry));
      return text === '' ? '' : `\n${text}`;
    });
  }

  get contentType(): string {
    return this.liveRegistry.contentType;
  }
}

/** Where a written entry's lines start and end in its block's bytes of family f. */
const spanStart = ({ block, index }: Written, f: number): number => (index === 0 ? 0 : block.ends[f]![index - 1]!);
const spanEnd = ({ block, index }: Written, f: number): number => block.ends[f]![index]!;
