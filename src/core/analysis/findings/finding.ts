// The shape of a finding rule, its context, and helpers shared by the rules.
import { formatLocation, type SourceLocation } from '../../model/types.ts';
import { FINDING_SEVERITY, severityRank, type FindingCode } from '../../report/codes.ts';
import type { Finding, Reason } from '../../report/types.ts';
import type { LedgerView, ServiceRecord } from '../ledger-view.ts';
import type { ResolvedOptions } from '../options.ts';

export interface FindingContext {
  ledger: LedgerView;
  options: ResolvedOptions;
  /** Reasons of pending services by `namespace/name`, when known. */
  reasons: ReadonlyMap<string, Reason>;
}

/** A rule about the pools, the configuration or the whole ledger: evaluated once per report. */
export interface LedgerRule {
  code: FindingCode;
  evaluate(ctx: FindingContext): Finding[];
}

/**
 * A rule about one service at a time. `concerns` says, from the service alone, whether the rule has
 * anything to say about it; it runs when the service comes into the ledger (so it must be cheap, and must
 * read only the record: its service, state, addresses and their pools). The ledger keeps the services each
 * rule is concerned with, so `evaluate` runs only for those, never over every service. MetalLB ignores the
 * services the ledger marks `ignored`; no rule sees them.
 */
export interface ServiceRule {
  code: FindingCode;
  concerns(rec: ServiceRecord): boolean;
  /**
   * The ledger keeps a service's findings until its record or anything but the services changes; a rule
   * whose findings read what other services change (the pending reasons) says so and is evaluated on every report.
   */
  readsOtherServices?: boolean;
  evaluate(rec: ServiceRecord, ctx: FindingContext): Finding[];
}

/** One file, one rule: add it to the list in ./index.ts. */
export type FindingRule = LedgerRule | ServiceRule;

export function isServiceRule(rule: FindingRule): rule is ServiceRule {
  return 'concerns' in rule;
}

export function finding(code: FindingCode, message: string, objects: string[], location: SourceLocation | null | undefined): Finding {
  return { code, severity: FINDING_SEVERITY[code], message, objects, location: formatLocation(location) };
}

type LocationKey = readonly [string, number, number];
/** Findings without a location (all of a live cluster's) sort last; one key serves them all. */
const NO_LOCATION: LocationKey = Object.freeze(['\uffff', 0, 0] as const);

/** Splits `file:line:col` for sorting (file names may hold colons, so split from the right). */
function locationKey(l: string | null): LocationKey {
  if (l === null) return NO_LOCATION;
  const m = /^(.*):(\d+):(\d+)$/.exec(l);
  return m ? [m[1]!, Number(m[2]), Number(m[3])] : [l, 0, 0];
}

/** A finding with its location split once, for sorting and merging. */
export interface KeyedFinding {
  finding: Finding;
  location: LocationKey;
}

export function keyFinding(f: Finding): KeyedFinding {
  return { finding: f, location: locationKey(f.location) };
}

/** keyFinding, with the record the finding is about kept alongside. */
export function keyFindingOf<R>(f: Finding, rec: R): KeyedFinding & { rec: R } {
  return { finding: f, location: locationKey(f.location), rec };
}

/**
 * By file, line and column (findings without a location last), then severity, code, message and the
 * objects named. Two findings compare equal only when they read the same, so merging sorted lists gives
 * what one sort of them all gives.
 */
function compareKeyed(x: KeyedFinding, y: KeyedFinding): number {
  const [fa, la, ca] = x.location;
  const [fb, lb, cb] = y.location;
  if (fa !== fb) return fa < fb ? -1 : 1;
  if (la !== lb) return la - lb;
  if (ca !== cb) return ca - cb;
  const a = x.finding;
  const b = y.finding;
  const s = severityRank(b.severity) - severityRank(a.severity);
  if (s !== 0) return s;
  if (a.code !== b.code) return a.code < b.code ? -1 : 1;
  if (a.message !== b.message) return a.message < b.message ? -1 : 1;
  for (let i = 0; i < Math.min(a.objects.length, b.objects.length); i++) {
    if (a.objects[i] !== b.objects[i]) return a.objects[i]! < b.objects[i]! ? -1 : 1;
  }
  return a.objects.length - b.objects.length;
}

/** Sorts keyed findings in compareKeyed order, in place. */
export function sortKeyed<T extends KeyedFinding>(list: T[]): T[] {
  return list.sort(compareKeyed);
}

/** The findings in compareKeyed order; each location is split once, not once per comparison. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return sortKeyed(findings.map(keyFinding)).map((k) => k.finding);
}

/**
 * Two sorted lists as one, leaving out the long list's items that `drop` names. A short list much shorter
 * than the long one is placed by binary search (log comparisons per item); otherwise the two are merged
 * side by side (one comparison per item), whichever compares less.
 */
export function mergeKeyed<T extends KeyedFinding>(long: readonly T[], short: readonly T[], drop?: ((item: T) => boolean) | null): T[] {
  const out: T[] = [];
  const copy = (from: number, to: number) => {
    if (drop) {
      for (let i = from; i < to; i++) if (!drop(long[i]!)) out.push(long[i]!);
    } else for (let i = from; i < to; i++) out.push(long[i]!);
  };
  if (short.length * Math.log2(long.length + 1) > long.length + short.length) {
    let i = 0;
    for (const k of short) {
      const from = i;
      while (i < long.length && compareKeyed(long[i]!, k) <= 0) i++;
      copy(from, i);
      out.push(k);
    }
    copy(i, long.length);
    return out;
  }
  let from = 0;
  for (const k of short) {
    let lo = from;
    let hi = long.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeyed(long[mid]!, k) <= 0) lo = mid + 1;
      else hi = mid;
    }
    copy(from, lo);
    out.push(k);
    from = lo;
  }
  copy(from, long.length);
  return out;
}

export { humanCount as readableCount } from '../../report/human.ts';
