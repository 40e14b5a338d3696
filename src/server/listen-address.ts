// Parses --listen: `:9742` (every interface), `9742`, `127.0.0.1:9742`, `[::1]:9742`.
import { isIP } from 'node:net';
import { PoolwatchError } from '../core/errors.ts';

export interface ListenAddress {
  /** undefined means every interface (IPv4 and IPv6). */
  host: string | undefined;
  port: number;
}

export function parseListen(text: string): ListenAddress {
  const bad = (why: string) => new PoolwatchError('invalid-argument', `--listen ${JSON.stringify(text)}: ${why} (expected :PORT, HOST:PORT or [IPv6]:PORT)`);
  let host: string | undefined;
  let portText: string;
  const bracket = /^\[([^\]]+)\]:(\d+)$/.exec(text);
  if (bracket) {
    host = bracket[1]!;
    if (isIP(host) !== 6) throw bad(`${host} is not an IPv6 address`);
    portText = bracket[2]!;
  } else if (/^\d+$/.test(text)) {
    portText = text;
  } else {
    const colon = text.lastIndexOf(':');
    if (colon < 0) throw bad('no port');
    host = text.slice(0, colon) || undefined;
    portText = text.slice(colon + 1);
    if (host?.includes(':')) throw bad('write an IPv6 address in brackets');
  }
  if (!/^\d+$/.test(portText) || Number(portText) > 65535) throw bad('the port must be a number from 0 to 65535');
  return { host, port: Number(portText) };
}
