// Shared by the three utilization rules: which level a pool family has reached, so exactly one of them reports it.
import type { IpFamily } from '../../address/index.ts';
import { poolRef } from '../../model/types.ts';
import type { FindingCode } from '../../report/codes.ts';
import type { Finding } from '../../report/types.ts';
import type { FindingContext } from './finding.ts';
import { finding, readableCount } from './finding.ts';
import { humanPercent } from '../../report/human.ts';

type Level = 'pool-utilization-high' | 'pool-nearly-exhausted' | 'pool-exhausted';

/** inUse/total >= percent/100, exactly (percent with up to four decimals). */
function atLeast(inUse: bigint, total: bigint, percent: number): boolean {
  return inUse * 1_000_000n >= BigInt(Math.round(percent * 10_000)) * total;
}

export function utilizationFindings(ctx: FindingContext, code: Level): Finding[] {
  const out: Finding[] = [];
  for (const s of ctx.ledger.pools) {
    for (const family of ['ipv4', 'ipv6'] as IpFamily[]) {
      const u = s.usage(family);
      if (!u || u.total === 0n) continue;
      let level: FindingCode | null = null;
      if (u.available === 0n) level = 'pool-exhausted';
      else if (atLeast(u.inUse, u.total, ctx.options.nearlyExhaustedPercent)) level = 'pool-nearly-exhausted';
      else if (atLeast(u.inUse, u.total, ctx.options.utilizationHighPercent)) level = 'pool-utilization-high';
      if (level !== code) continue;
      const name = family === 'ipv4' ? 'IPv4' : 'IPv6';
      const message =
        code === 'pool-exhausted'
          ? `pool "${s.name}" has no free ${name} address (${readableCount(u.inUse)}/${readableCount(u.total)} in use)`
          : `pool "${s.name}" ${name} is ${humanPercent(u.inUse, u.total)} used (${readableCount(u.inUse)}/${readableCount(u.total)}, ${readableCount(u.available)} free)`;
      out.push(finding(code, message, [poolRef(s.pool)], s.pool.location));
    }
  }
  return out;
}
