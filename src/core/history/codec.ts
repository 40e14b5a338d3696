// The history file format (JSON lines): a header naming the series and their totals, then one line per sample time.
//
//   {"series":[["web","ipv4","254"],["web","ipv6","18446744073709551616"]]}
//   {"t":1795000000,"u":["12","3"]}
//   {"t":1795000060,"u":["13",null]}
//
// A new header is written whenever the set of series or a total changes. Counts are decimal strings
// (exact); null means the series had no point at that time.
import type { IpFamily } from '../address/index.ts';
import type { HistoryStore, UsageSample } from './store.ts';

export interface HistoryHeader {
  series: Array<{ pool: string; family: IpFamily; total: bigint }>;
}

export function headerFor(samples: readonly Pick<UsageSample, 'pool' | 'family' | 'total'>[]): HistoryHeader {
  return { series: samples.map((s) => ({ pool: s.pool, family: s.family, total: s.total })) };
}

/** True when the samples are exactly the header's series, in order, with the same totals. */
function matchesHeader(samples: readonly UsageSample[], header: HistoryHeader | null): boolean {
  if (!header || header.series.length !== samples.length) return false;
  for (let i = 0; i < samples.length; i++) {
    const a = samples[i]!;
    const b = header.series[i]!;
    if (a.pool !== b.pool || a.family !== b.family || a.total !== b.total) return false;
  }
  return true;
}

export function encodeHeader(h: HistoryHeader): string {
  return JSON.stringify({ series: h.series.map((s) => [s.pool, s.family, s.total.toString()]) });
}

/** One sample line for values in the header's order. */
export function encodeSample(t: number, inUse: ReadonlyArray<bigint | null>): string {
  return JSON.stringify({ t, u: inUse.map((v) => (v === null ? null : v.toString())) });
}

/** Lines for one recording (a header first when the series changed); `previous` is the header last written. */
export function encodeRecording(t: number, samples: readonly UsageSample[], previous: HistoryHeader | null): { lines: string[]; header: HistoryHeader } {
  const same = matchesHeader(samples, previous);
  const header = same ? previous! : headerFor(samples);
  const lines = same ? [] : [encodeHeader(header)];
  lines.push(encodeSample(t, samples.map((s) => s.inUse)));
  return { lines, header };
}

/** The whole store as file text, grouping points by time (one cursor per series, no per-point objects). */
export function encodeStore(store: HistoryStore): { text: string; header: HistoryHeader | null } {
  const series = store.all();
  const times = new Set<number>();
  for (const sr of series) for (const p of sr.points) times.add(p.t);
  const cursors = new Array<number>(series.length).fill(0);
  const lines: string[] = [];
  let header: HistoryHeader | null = null;
  for (const t of [...times].sort((a, b) => a - b)) {
    const present: UsageSample[] = [];
    for (let i = 0; i < series.length; i++) {
      const sr = series[i]!;
      const p = sr.points[cursors[i]!];
      if (p && p.t === t) {
        present.push({ pool: sr.pool, family: sr.family, inUse: p.inUse, total: p.total });
        cursors[i]!++;
      }
    }
    const encoded = encodeRecording(t, present, header);
    for (const line of encoded.lines) lines.push(line);
    header = encoded.header;
  }
  return { text: lines.length ? `${lines.join('\n')}\n` : '', header };
}

const COUNT = /^(0|[1-9][0-9]*)$/;
const FAMILIES: readonly string[] = ['ipv4', 'ipv6'];

function parseHeader(value: unknown): HistoryHeader | string {
  const list = (value as { series?: unknown }).series;
  if (!Array.isArray(list)) return 'a header needs a "series" list';
  const samples: Array<{ pool: string; family: IpFamily; total: bigint }> = [];
  for (const entry of list) {
    if (!Array.isArray(entry) || entry.length !== 3) return 'each series is [pool, family, total]';
    const [pool, family, total] = entry as unknown[];
    if (typeof pool !== 'string' || typeof family !== 'string' || !FAMILIES.includes(family) || typeof total !== 'string' || !COUNT.test(total)) {
      return `bad series entry ${JSON.stringify(entry)}`;
    }
    samples.push({ pool, family: family as IpFamily, total: BigInt(total) });
  }
  return headerFor(samples);
}

/**
 * Reads file text into the store. Bad lines (not JSON, truncated by a crash, wrong shape, samples with
 * no header) are skipped; each gives a warning `line N: why`. Nothing else is lost.
 */
export function decodeInto(store: HistoryStore, text: string): string[] {
  const warnings: string[] = [];
  let header: HistoryHeader | null = null;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    const where = `line ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      warnings.push(`${where}: skipped: not a JSON line${i === lines.length - 1 ? ' (truncated?)' : ''}`);
      continue;
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      warnings.push(`${where}: skipped: not a JSON object`);
      continue;
    }
    if ('series' in value) {
      const parsed = parseHeader(value);
      if (typeof parsed === 'string') {
        // Samples after a bad header cannot be attributed; they are skipped until the next good header.
        header = null;
        warnings.push(`${where}: skipped header: ${parsed}`);
      } else {
        header = parsed;
      }
      continue;
    }
    const { t, u } = value as { t?: unknown; u?: unknown };
    if (typeof t !== 'number' || !Number.isFinite(t) || !Array.isArray(u)) {
      warnings.push(`${where}: skipped: a sample needs a numeric "t" and a "u" list`);
      continue;
    }
    if (!header) {
      warnings.push(`${where}: skipped: sample without a valid header before it`);
      continue;
    }
    if (u.length !== header.series.length) {
      warnings.push(`${where}: skipped: ${u.length} values for ${header.series.length} series`);
      continue;
    }
    if (!u.every((v) => v === null || (typeof v === 'string' && COUNT.test(v)))) {
      warnings.push(`${where}: skipped: values must be decimal strings or null`);
      continue;
    }
    const samples: UsageSample[] = [];
    u.forEach((v, k) => {
      if (v === null) return;
      const s = header!.series[k]!;
      samples.push({ pool: s.pool, family: s.family, total: s.total, inUse: BigInt(v as string) });
    });
    store.record(t, samples);
  }
  return warnings;
}
