// The result shape every allocator step shares: a value, or the one reason a service cannot get an address.
import type { ReasonCode } from '../report/codes.ts';
import type { Reason } from '../report/types.ts';
import type { PendingReason } from './reasons/reason.ts';

/** A failure names the pool it concerns when one is known. */
export type Outcome<T> = { ok: true; value: T } | { ok: false; reason: Reason; pool?: string | null };

export function ok<T>(value: T): Outcome<T> {
  return { ok: true, value };
}

/** The step stopped the service for `reason` (a declaration from reasons/), worded by `message`. */
export function fail<T = never>(reason: PendingReason<ReasonCode>, message: string, pool: string | null = null): Outcome<T> {
  return { ok: false, reason: reason.because(message), pool };
}

/** `IPv4` / `IPv6` as people write them. */
export function familyName(family: 'ipv4' | 'ipv6'): string {
  return family === 'ipv4' ? 'IPv4' : 'IPv6';
}

/** `"a"`, `"a" and "b"`, `"a", "b" and 3 more`: a short list of quoted names for messages. */
export function listNames(items: readonly string[], max = 5): string {
  if (items.length === 0) return '';
  const shown = items.slice(0, max);
  const rest = items.length - shown.length;
  if (rest > 0) return `${shown.join(', ')} and ${rest} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}
