// IP address parsing and formatting for IPv4 and IPv6 as exact bigint values (RFC 5952 output).
import { PoolwatchError } from '../errors.ts';

export type IpFamily = 'ipv4' | 'ipv6';

export interface IpAddress {
  family: IpFamily;
  value: bigint;
}

export const FAMILY_BITS: Record<IpFamily, number> = { ipv4: 32, ipv6: 128 };
export const FAMILY_MAX: Record<IpFamily, bigint> = { ipv4: (1n << 32n) - 1n, ipv6: (1n << 128n) - 1n };

function bad(text: string, why: string): PoolwatchError {
  return new PoolwatchError('invalid-address', `invalid IP address "${text}": ${why}`);
}

function parseIpv4Value(text: string, original: string): number {
  const value = canonicalIpv4(text);
  if (value >= 0) return value;
  throw ipv4Problem(text, original);
}

/** Why a text is not an IPv4 address: the first wrong octet (up to a fifth), else the count of parts. Only on errors, so split is fine. */
function ipv4Problem(text: string, original: string): PoolwatchError {
  for (const part of text.split('.').slice(0, 5)) {
    if (!/^[0-9]+$/.test(part)) return bad(original, `"${part}" is not a decimal octet`);
    // Leading zeros are rejected as Go's net.ParseIP does, since they are ambiguous (octal or decimal).
    if (part.length > 1 && part.startsWith('0')) return bad(original, `"${part}" is not a decimal octet`);
    if (part.length > 3 || Number(part) > 255) return bad(original, `${part} is larger than 255`);
  }
  return bad(original, 'an IPv4 address has four dotted parts');
}

function parseIpv6Value(text: string): bigint {
  // Fast path for the common form (hex groups and at most one "::", no embedded IPv4): one scan.
  const fast = parseIpv6Groups(text);
  if (fast !== null) return groupsValue(fast);
  return parseIpv6Slow(text);
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

function parseIpv6Slow(text: string): bigint {
  if (text.includes('%')) throw bad(text, 'zone identifiers are not allowed');
  const halves = text.split('::');
  if (halves.length > 2) throw bad(text, '"::" may appear only once');
  const toGroups = (half: string, allowV4Tail: boolean): number[] => {
    if (half === '') return [];
    const pieces = half.split(':');
    const groups: number[] = [];
    pieces.forEach((piece, i) => {
      if (allowV4Tail && i === pieces.length - 1 && piece.includes('.')) {
        const v4 = parseIpv4Value(piece, text);
        groups.push(Math.floor(v4 / 65536), v4 % 65536);
        return;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(piece)) throw bad(text, `"${piece}" is not a group of 1 to 4 hex digits`);
      groups.push(parseInt(piece, 16));
    });
    return groups;
  };
  let groups: number[];
  if (halves.length === 2) {
    const head = toGroups(halves[0]!, false);
    const tail = toGroups(halves[1]!, true);
    const missing = 8 - head.length - tail.length;
    if (missing < 1) throw bad(text, 'too many groups around "::"');
    groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  } else {
    groups = toGroups(text, true);
    if (groups.length !== 8) throw bad(text, 'an IPv6 address has eight groups (or uses "::")');
  }
  let value = 0n;
  for (const g of groups) value = (value << 16n) | BigInt(g);
  return value;
}

/** Parses an IPv4 or IPv6 address; throws PoolwatchError('invalid-address') with the reason. */
export function parseIp(text: string): IpAddress {
  const t = text.trim();
  if (t === '') throw bad(text, 'empty');
  if (t.includes(':')) return { family: 'ipv6', value: parseIpv6Value(t) };
  return { family: 'ipv4', value: BigInt(parseIpv4Value(t, t)) };
}

/** Like parseIp but returns null instead of throwing, for hot paths that only need a yes or no. */
export function tryParseIp(text: string): IpAddress | null {
  try {
    return parseIp(text);
  } catch {
    return null;
  }
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

/** An IPv4 address's value as a number (no bigint made), or null when the text is not an IPv4 address. */
export function tryParseIpv4Number(text: string): number | null {
  const t = text.trim();
  try {
    return parseIpv4Value(t, t);
  } catch {
    return null;
  }
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

/**
 * Whether the text is an IPv6 address written exactly as formatIp writes it (lowercase hex groups without
 * leading zeros, the longest run of two or more zero groups, the first of equals, as "::"); when it is,
 * `groups` holds its eight 16-bit groups. Nothing is allocated: a batch of services runs this on every
 * IPv6 address, where parsing to a bigint and formatting back made most of the batch's garbage.
 */
export function readCanonicalIpv6(text: string, groups: Uint16Array): boolean {
  const n = text.length;
  if (n < 2 || n > 39) return false;
  let count = 0;
  // How many groups come before "::", or -1 without one.
  let gapAt = -1;
  let i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false;
    gapAt = 0;
    i = 2;
  }
  while (i < n) {
    const start = i;
    let g = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      const d = c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : -1;
      if (d < 0) break;
      g = g * 16 + d;
      i++;
    }
    const digits = i - start;
    if (digits === 0 || digits > 4 || (digits > 1 && text.charCodeAt(start) === 48) || count === 8) return false;
    groups[count++] = g;
    if (i === n) break;
    if (text.charCodeAt(i) !== 58) return false;
    i++;
    if (i === n) return false;
    if (text.charCodeAt(i) === 58) {
      if (gapAt >= 0) return false;
      gapAt = count;
      i++;
    }
  }
  if (gapAt < 0) {
    if (count !== 8) return false;
  } else {
    // The groups after "::" move to the end (the zero-run check below refuses a "::" for fewer than two groups).
    const fill = 8 - count;
    for (let k = count - 1; k >= gapAt; k--) groups[k + fill] = groups[k]!;
    for (let k = gapAt; k < gapAt + fill; k++) groups[k] = 0;
  }
  return zeroRun(groups) === (gapAt < 0 ? -1 : gapAt * 16 + (8 - count));
}

/** An address with its canonical text, parsed in one go (no bigint formatting for IPv6); null when the text is not an address. */
export function tryParseIpText(text: string): (IpAddress & { text: string }) | null {
  const t = text.trim();
  if (t === '') return null;
  if (t.includes(':')) {
    const groups = parseIpv6Groups(t);
    if (groups !== null) return { family: 'ipv6', value: groupsValue(groups), text: formatGroups(groups) };
    const ip = tryParseIp(t);
    return ip ? { ...ip, text: formatIp(ip.family, ip.value) } : null;
  }
  const ip = tryParseIp(t);
  // A parsed IPv4 text is already canonical: leading zeros are refused.
  return ip ? { family: ip.family, value: ip.value, text: t } : null;
}

/** Canonical text of any address string, or null when it does not parse. */
export function canonicalIp(text: string): string | null {
  const ip = tryParseIp(text);
  return ip ? formatIp(ip.family, ip.value) : null;
}
