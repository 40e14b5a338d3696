// The messages of pending reasons: which pools were considered, with their numbers, and why none could serve.
import type { IpFamily } from '../address/index.ts';
import type { Reason } from '../report/types.ts';
import type { AddressState, Requester } from './address-state.ts';
import { hasFamily, type AllocatorPool, type PoolConfig } from './pool-config.ts';
import { familyName, listNames } from './outcome.ts';
import type { FamilyNeed } from './service-family.ts';
import { describeConflict } from './sharing.ts';
import { dualStackUnsatisfiable } from './reasons/dual-stack-unsatisfiable.ts';
import { ipFamilyMismatch } from './reasons/ip-family-mismatch.ts';
import { noMatchingPool } from './reasons/no-matching-pool.ts';
import { poolExhausted } from './reasons/pool-exhausted.ts';
import type { Service } from '../model/types.ts';

const FAMILIES: readonly IpFamily[] = ['ipv4', 'ipv6'];

/** `254/254 IPv4`: in use over usable, per family the pool has (or those asked for). */
export function poolNumbers(p: AllocatorPool, usage: AddressState, families: readonly IpFamily[] = FAMILIES): string {
  const parts = families.filter((f) => hasFamily(p, f)).map((f) => `${usage.inUse(p.name, f)}/${p.total[f]} ${familyName(f)}`);
  return parts.length > 0 ? parts.join(', ') : 'no usable addresses';
}

function familiesText(p: AllocatorPool): string {
  const has = FAMILIES.filter((f) => hasFamily(p, f));
  if (has.length === 0) return 'no usable addresses';
  return has.length === 2 ? 'IPv4 and IPv6' : `only ${familyName(has[0]!)}`;
}

function neededFamilies(need: FamilyNeed): IpFamily[] {
  return need.family === 'dual' ? ['ipv4', 'ipv6'] : [need.family];
}

/** Why no pool at all may serve the service automatically: one short clause per pool. */
export function noPoolMayServe(svc: Service, config: PoolConfig): Reason {
  const key = `${svc.namespace}/${svc.name}`;
  if (config.all.length === 0) return noMatchingPool.because(`no address pools are configured, so MetalLB cannot serve ${key}`);
  const clauses = config.all.map((p) => {
    if (!p.autoAssign) return `"${p.name}" has autoAssign false`;
    const why = config.incompatibility(p, svc);
    if (why) return `"${p.name}" ${why}`;
    // A serviceAllocation whose namespaceSelectors match no namespace pins the pool to nothing.
    return `"${p.name}" has a serviceAllocation that matches no namespace`;
  });
  return noMatchingPool.because(
    `no pool may serve ${key} automatically: ${listNames(clauses)} (name a pool with metallb.io/address-pool, or widen a pool's serviceAllocation)`,
  );
}

/**
 * Why automatic allocation found nothing in the pools considered (pinned pools first, then the fallback
 * pools): the service's family is missing everywhere, dual stack cannot be had from one pool, or every
 * pool that could serve it is full.
 */
export function autoFailure(considered: readonly AllocatorPool[], need: FamilyNeed, who: Requester, usage: AddressState, origin: string): Reason {
  if (need.family !== 'dual') return singleFamilyFailure(considered, need.family, who, usage, origin);
  const withBoth = considered.filter((p) => hasFamily(p, 'ipv4') && hasFamily(p, 'ipv6'));
  if (need.policy === 'RequireDualStack' && withBoth.length === 0) {
    const clauses = considered.map((p) => `"${p.name}" has ${familiesText(p)}`);
    return dualStackUnsatisfiable.because(
      `RequireDualStack needs an IPv4 and an IPv6 address from one pool, and none of the pools ${origin} has both: ${listNames(clauses)}`,
    );
  }
  const relevant = need.policy === 'RequireDualStack' ? withBoth : considered.filter((p) => hasFamily(p, 'ipv4') || hasFamily(p, 'ipv6'));
  if (relevant.length === 0) {
    return ipFamilyMismatch.because(`none of the pools ${origin} has usable addresses: ${listNames(considered.map((p) => `"${p.name}"`))}`);
  }
  const what = need.policy === 'RequireDualStack' ? 'free IPv4 and IPv6 pair' : 'free IPv4 or IPv6 address';
  return exhausted(relevant, neededFamilies(need), what, who, usage);
}

function singleFamilyFailure(considered: readonly AllocatorPool[], family: IpFamily, who: Requester, usage: AddressState, origin: string): Reason {
  const withFamily = considered.filter((p) => hasFamily(p, family));
  if (withFamily.length === 0) {
    const clauses = considered.map((p) => `"${p.name}" has ${familiesText(p)}`);
    return ipFamilyMismatch.because(
      `the service is ${familyName(family)}, but the pools ${origin} have no ${familyName(family)} addresses: ${listNames(clauses)}`,
    );
  }
  return exhausted(withFamily, [family], `free ${familyName(family)} address`, who, usage);
}

function exhausted(pools: readonly AllocatorPool[], families: IpFamily[], what: string, who: Requester, usage: AddressState): Reason {
  const shown = pools.map((p) => `"${p.name}" (${poolNumbers(p, usage, families)})`);
  const verb = pools.length === 1 ? 'has' : 'have';
  let message = `${pools.length === 1 ? 'pool' : 'pools'} ${listNames(shown)} ${verb} no ${what}`;
  if (who.key.sharing !== '') {
    const refused = pools.flatMap((p) => families.flatMap((f) => usage.refusedShares(p, f, who)));
    if (refused.length > 0) {
      const first = refused[0]!;
      message += `; the address shared under allow-shared-ip "${who.key.sharing}" (${first.ip}) is ${describeConflict(first.conflict, who.key)}`;
    }
  }
  return poolExhausted.because(message);
}
