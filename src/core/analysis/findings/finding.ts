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

/** Splits `file:line:col` for sorting (file names may hold colons, so split from the right). */
function locationKey(l: string | null): [string, number, number] {
  if (l === null) return ['\uffff', 0, 0];
  const m = /^(.*):(\d+):(\d+)$/.exec(l);
  return m ? [m[1]!, Number(m[2]), Number(m[3])] : [l, 0, 0];
}

/** A finding with its location split once, for sorting and merging. */
export interface KeyedFinding {
  finding: Finding;
  location: [string, number, number];
}

function keyed(f: Finding): KeyedFinding {
  return { finding: f, location: locationKey(f.location) };
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

/** The findings in compareKeyed order, keyed. */
export function sortKeyed(findings: readonly Finding[]): KeyedFinding[] {
  return findings.map(keyed).sort(compareKeyed);
}

/** The findings in compareKeyed order; each location is split once, not once per comparison. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return sortKeyed(findings).map((k) => k.finding);
}

/**
 * Two sorted lists as one, for a long list and a short one: each of the short list's findings is placed by
 * binary search, so the cost is a copy of the long list plus log comparisons per short-list finding.
 */
export function mergeKeyed(long: readonly KeyedFinding[], short: readonly KeyedFinding[]): KeyedFinding[] {
  if (short.length === 0) return [...long];
  const out: KeyedFinding[] = [];
  let from = 0;
  for (const k of short) {
    let lo = from;
    let hi = long.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeyed(long[mid]!, k) <= 0) lo = mid + 1;
      else hi = mid;
    }
    for (let i = from; i < lo; i++) out.push(long[i]!);
    out.push(k);
    from = lo;
  }
  for (let i = from; i < long.length; i++) out.push(long[i]!);
  return out;
}

export { humanCount as readableCount } from '../../report/human.ts';
