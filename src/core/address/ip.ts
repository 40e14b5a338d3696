// IP address parsing and formatting for IPv4 and IPv6 as exact bigint values (RFC 5952 output).
import { PoolwatchError } from '../errors.ts';

export type IpFamily = 'ipv4' | 'ipv6';

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export const FAMILY_BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };
export const FAMILY_MAX: Record<IpFamily, bigint> = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };

/** Why a text is not an address (the failing part quoted), for readIp's failure. */
type Why = string;

function parseIpv4Value(text: string): number | Why {
  const value = canonicalIpv4(text);
  return value >= 0 ? value : ipv4Problem(text);
}

/** Why a text is not an IPv4 address: the first wrong octet (up to a fifth), else the count of parts. Only on errors, so split is fine. */
function ipv4Problem(text: string): Why {
  for (const part of text.split('.').slice(0, 5)) {
    if (!/^[0-9]+$/.test(part)) return `"${part}" is not a decimal octet`;
    // Leading zeros are rejected as Go's net.ParseIP does, since they are ambiguous (octal or decimal).
    if (part.length > 1 && part.startsWith('0')) return `"${part}" is not a decimal octet`;
    if (part.length > 3 || Number(part) > 255) return `${part} is larger than 255`;
  }
  return 'an IPv4 address has four dotted parts';
}

/** The eight 16-bit groups of an IPv6 address, or why it is not one. */
function parseIpv6(text: string): number[] | Why {
  // Fast path for the common form (hex groups and at most one "::", no embedded IPv4): one scan.
  return parseIpv6Groups(text) ?? parseIpv6Slow(text);
}

/** The eight 16-bit groups of the common form (hex groups and at most one "::"), or null to let the careful parser explain what is wrong. */
function parseIpv6Groups(text: string): number[] | null {
  const head: number[] = [];
  const tail: number[] = [];
  let cur = head;
  let gap = false;
  let i = 0;
  const n = text.length;
  if (n >= 2 && text.charCodeAt(0) === 58 && text.charCodeAt(1) === 58) {
    gap = true;
    cur = tail;
    i = 2;
    if (n === 2) return [0, 0, 0, 0, 0, 0, 0, 0];
  }
  while (i < n) {
    let g = 0;
    let digits = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1;
      if (d < 0) break;
      g = g * 16 + d;
      digits++;
      i++;
    }
    if (digits === 0 || digits > 4) return null;
    cur.push(g);
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return null;
    i++;
    if (i < n && text.charCodeAt(i) === 58) {
      if (gap) return null;
      gap = true;
      cur = tail;
      i++;
      if (i === n) break;
    } else if (i === n) return null;
  }
  const count = head.length + tail.length;
  if (gap ? count > 7 : count !== 8) return null;
  if (!gap) return head;
  for (let k = count; k < 8; k++) head.push(0);
  for (let k = 0; k < tail.length; k++) head[8 - tail.length + k] = tail[k]!;
  return head;
}

/** The 128-bit value of eight groups; two groups at a time (32 bits, exact in a double) keeps the bigint work to four steps. */
function groupsValue(groups: readonly number[]): bigint {
  let value = 0n;
  for (let k = 0; k < 8; k += 2) value = (value << 32n) | BigInt(groups[k]! * 65536 + groups[k + 1]!);
  return value;
}

function parseIpv6Slow(text: string): number[] | Why {
  if (text.includes('%')) return 'zone identifiers are not allowed';
  const halves = text.split('::');
  if (halves.length > 2) return '"::" may appear only once';
  const toGroups = (half: string, allowV4Tail: boolean): number[] | Why => {
    if (half === '') return [];
    const pieces = half.split(':');
    const groups: number[] = [];
    for (let i = 0; i < pieces.length; i++) {
      const piece = pieces[i]!;
      if (allowV4Tail && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Value(piece);
        if (typeof v4 === 'string') return v4;
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) return `"${piece}" is not a group of 1 to 4 hex digits`;
      groups.push(parseInt(piece, 16));
    }
    return groups;
  };
  if (halves.length === 2) {
    const head = toGroups(halves[0]!, false);
    if (typeof head === 'string') return head;
    const tail = toGroups(halves[1]!, true);
    if (typeof tail === 'string') return tail;
    const missing = 8 - head.length - tail.length;
    if (missing < 1) return 'too many groups around "::"';
    return [...head, ...new Array<number>(missing).fill(0), ...tail];
  }
  const groups = toGroups(text, true);
  if (typeof groups === 'string') return groups;
  return groups.length === 8 ? groups : 'an IPv6 address has eight groups (or uses "::")';
}

/** An address read from text: its family, exact value and canonical text (formatIp's); or why it is not one. */
export type IpRead =
  | { ok: true; family: IpFamily; value: bigint; text: string }
  | { ok: false; why: string; error: PoolwatchError };

/**
 * The one address parser: IPv4 (dotted quad, no leading zeros, as Go's net.ParseIP) or IPv6 (RFC 4291
 * forms, an embedded IPv4 tail, no zone), spaces around it ignored. Never throws: a text that is not an
 * address gives `why` and an `invalid-address` error carrying `location` when the caller knows where the
 * text was written. The cost of the error is paid only on errors.
 */
export function readIp(text: string, location?: string): IpRead {
  const t = text.trim();
  if (t === '') return failure(text, 'empty', location);
  if (t.includes(':')) {
    const groups = parseIpv6(t);
    return typeof groups === 'string' ? failure(t, groups, location) : { ok: true, family: 'ipv6', value: groupsValue(groups), text: formatGroups(groups) };
  }
  const v4 = parseIpv4Value(t);
  // A parsed IPv4 text is already canonical: leading zeros are refused.
  return typeof v4 === 'string' ? failure(t, v4, location) : { ok: true, family: 'ipv4', value: BigInt(v4), text: t };
}

function failure(text: string, why: string, location: string | undefined): IpRead {
  return { ok: false, why, error: new PoolwatchError('invalid-address', `invalid IP address "${text}": ${why}`, location === undefined ? {} : { location }) };
}

/** readIp for callers that want an exception: the address, or throws its PoolwatchError('invalid-address'). */
export function parseIp(text: string, location?: string): IpAddress {
  const r = readIp(text, location);
  if (!r.ok) throw r.error;
  return { family: r.family, value: r.value };
}

/** Canonical text of an address: dotted quad, or RFC 5952 IPv6 (lowercase, longest zero run compressed). */
export function formatIp(family: IpFamily, value: bigint): string {
  if (family === 'ipv4') {
    const n = Number(value);
    return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
  }
  const groups: number[] = [];
  // Four 32-bit steps, as in groupsValue: far fewer bigint operations than eight 16-bit ones.
  for (let i = 3; i >= 0; i--) {
    const word = Number((value >> BigInt(i * 32)) & 0xffffffffn);
    groups.push(Math.floor(word / 65536), word % 65536);
  }
  return formatGroups(groups);
}

/**
 * The run of zero groups RFC 5952 writes as "::": the longest of two or more, the first of equals. Packed
 * as start * 16 + length (no object: this runs for every IPv6 address read), or -1 when there is none.
 */
function zeroRun(groups: ArrayLike<number>): number {
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  return bestStart < 0 ? -1 : bestStart * 16 + bestLen;
}

/** RFC 5952 text of eight groups: lowercase hex, the zero run (see zeroRun) as "::". */
function formatGroups(groups: readonly number[]): string {
  const run = zeroRun(groups);
  const bestStart = run < 0 ? -1 : run >> 4;
  const bestLen = run < 0 ? 0 : run & 15;
  let out = '';
  for (let i = 0; i < 8; i++) {
    if (i === bestStart) {
      out += '::';
      i += bestLen - 1;
      continue;
    }
    if (out !== '' && !out.endsWith(':')) out += ':';
    out += groups[i]!.toString(16);
  }
  return out;
}

/**
 * The value of an IPv4 address written exactly as formatIp writes it (four dotted decimal octets, no
 * leading zeros, no spaces), else -1 (also for any other way of writing an address). A hand-rolled scan
 * with no exceptions, no trimming, no split or regex: every IPv4 address read goes through it (the parser
 * too, which explains a -1 only then).
 */
export function canonicalIpv4(text: string): number {
  const n = text.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let parts = 0;
  let i = 0;
  for (;;) {
    const start = i;
    let octet = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      octet = octet * 10 + (c - 48);
      i++;
    }
    const len = i - start;
    if (len === 0 || len > 3 || octet > 255 || (len > 1 && text.charCodeAt(start) === 48)) return -1;
    value = value * 256 + octet;
    parts++;
    if (i === n) return parts === 4 ? value : -1;
    if (parts === 4 || text.charCodeAt(i) !== 46) return -1;
    i++;
  }
}
