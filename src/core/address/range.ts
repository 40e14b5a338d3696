// Address ranges: parsing pool entries (CIDR, a-b range, single address), exact sizes, CIDR cover and buggy-IP counts.
import { PoolwatchError } from '../errors.ts';
import { FAMILY_BITS, FAMILY_MAX, formatIp, readIp, type IpAddress, type IpFamily } from './ip.ts';

/** An inclusive range of addresses of one family. */
export interface AddressRange {
  family: IpFamily;
  start: bigint;
  end: bigint;
}

function bad(text: string, why: string): PoolwatchError {
  return new PoolwatchError('invalid-address', `invalid address "${text}": ${why}`);
}

/**
 * Parses one IPAddressPool `spec.addresses` entry: `10.0.0.0/24`, `fd00::/64`, `10.0.0.10-10.0.0.20`
 * (spaces around the dash allowed, IPv6 too) or a single address. Host bits in a CIDR are masked off,
 * as Go's net.ParseCIDR (which MetalLB uses) does.
 */
export function parseAddressEntry(text: string): AddressRange {
  const t = text.trim();
  if (t === '') throw bad(text, 'empty');
  const slash = t.indexOf('/');
  if (slash >= 0) {
    const ip = readIp(t.slice(0, slash));
    if (!ip.ok) throw bad(text, ip.why);
    const lenText = t.slice(slash + 1).trim();
    const bits = FAMILY_BITS[ip.family];
    if (!/^[0-9]{1,3}$/.test(lenText) || Number(lenText) > bits) {
      throw bad(text, `prefix length must be a whole number from 0 to ${bits}`);
    }
    const hostBits = BigInt(bits - Number(lenText));
    const start = (ip.value >> hostBits) << hostBits;
    return { family: ip.family, start, end: start + (1n << hostBits) - 1n };
  }
  const dash = t.indexOf('-');
  if (dash >= 0) {
    const ends = [t.slice(0, dash).trim(), t.slice(dash + 1).trim()].map((end) => ({ end, ip: readIp(end) }));
    for (const { end, ip } of ends) if (!ip.ok) throw bad(text, `"${end}": ${ip.why}`);
    const [left, right] = ends.map((e) => e.ip as IpAddress);
    if (left!.family !== right!.family) throw bad(text, 'the two ends of a range must be of one family');
    if (left!.value > right!.value) throw bad(text, 'the range starts after it ends');
    return { family: left!.family, start: left!.value, end: right!.value };
  }
  const ip = readIp(t);
  if (!ip.ok) throw bad(text, ip.why);
  return { family: ip.family, start: ip.value, end: ip.value };
}

/** Number of addresses in the range (exact). */
export function rangeSize(r: AddressRange): bigint {
  return r.end - r.start + 1n;
}

/** `start-end`, or a single address, or a CIDR when the range is exactly one block. */
export function formatRange(r: AddressRange): string {
  const cidrs = rangeToCidrs(r);
  if (cidrs.length === 1) return cidrs[0]!;
  return `${formatIp(r.family, r.start)}-${formatIp(r.family, r.end)}`;
}

/** The minimal list of CIDR blocks that exactly covers the range, ascending (as MetalLB's ipaddr.Summarize). */
export function rangeToCidrs(r: AddressRange): string[] {
  const bits = FAMILY_BITS[r.family];
  const out: string[] = [];
  let cur = r.start;
  while (cur <= r.end) {
    // Largest block aligned at cur that does not pass the end.
    let host = 0;
    while (host < bits) {
      const size = 1n << BigInt(host + 1);
      if (cur % size !== 0n || cur + size - 1n > r.end) break;
      host++;
    }
    out.push(`${formatIp(r.family, cur)}/${bits - host}`);
    cur += 1n << BigInt(host);
    if (cur > FAMILY_MAX[r.family]) break;
  }
  return out;
}

/** Whether an IPv4 address ends in .0 or .255, which some buggy firmware mishandles (MetalLB's avoidBuggyIPs). */
export function isBuggyIp(family: IpFamily, value: bigint): boolean {
  if (family !== 'ipv4') return false;
  const low = value & 255n;
  return low === 0n || low === 255n;
}

// Count of x in [0, n] with x mod 256 in {0, 255}; n may be -1.
function buggyUpTo(n: bigint): bigint {
  if (n < 0n) return 0n;
  return n / 256n + 1n + (n + 1n) / 256n;
}

/** Number of buggy (.0 or .255) IPv4 addresses in the range; always 0 for IPv6. */
export function buggyCount(r: AddressRange): bigint {
  if (r.family !== 'ipv4') return 0n;
  return buggyUpTo(r.end) - buggyUpTo(r.start - 1n);
}

/** Addresses MetalLB can hand out from the range: all of them, minus buggy ones when avoidBuggyIPs is on. */
export function usableCount(r: AddressRange, avoidBuggyIPs: boolean): bigint {
  return avoidBuggyIPs ? rangeSize(r) - buggyCount(r) : rangeSize(r);
}

/** The overlap of two ranges, or null. */
export function intersectRanges(a: AddressRange, b: AddressRange): AddressRange | null {
  if (a.family !== b.family) return null;
  const start = a.start > b.start ? a.start : b.start;
  const end = a.end < b.end ? a.end : b.end;
  return start <= end ? { family: a.family, start, end } : null;
}

/** Whether the range holds the address. */
export function rangeContains(r: AddressRange, family: IpFamily, value: bigint): boolean {
  return r.family === family && r.start <= value && value <= r.end;
}

/** Orders ranges by family (IPv4 first), then start, then end. */
export function compareRanges(a: AddressRange, b: AddressRange): number {
  if (a.family !== b.family) return a.family === 'ipv4' ? -1 : 1;
  if (a.start !== b.start) return a.start < b.start ? -1 : 1;
  if (a.end !== b.end) return a.end < b.end ? -1 : 1;
  return 0;
}

/** Sorts and merges overlapping or adjacent ranges, per family. */
export function mergeRanges(ranges: readonly AddressRange[]): AddressRange[] {
  const sorted = [...ranges].sort(compareRanges);
  const out: AddressRange[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.start <= last.end + 1n) {
      if (r.end > last.end) last.end = r.end;
    } else {
      out.push({ ...r });
    }
  }
  return out;
}
