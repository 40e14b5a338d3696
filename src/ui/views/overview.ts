// The overview: one card per pool with a gauge per family, exact numbers, service count, state and forecast.
import { h } from '../dom.ts';
import type { FamilyUsageJson, PoolJson } from '../api.ts';
import { familyLabel, grouped, plural, shortCount, STATE_LABEL, stateRank, type PoolState } from '../format.ts';
import { gauge } from '../gauge.ts';
import { forecastKey, poolCondition, routeHash, type PageData, type Route } from '../state.ts';
import { empty, filterBar, forecastText, limitedList, matches, type View } from './common.ts';

/** "12 of 254 used · 242 free"; a huge total also shows exactly in grouped digits. */
function numbers(u: FamilyUsageJson): HTMLElement {
  const big = BigInt(u.total) >= 1_000_000n;
  return h(
    'p',
    { class: 'numbers' },
    h('span', { class: 'used' }, grouped(u.inUse)),
    ' of ',
    h('span', { class: 'total', title: grouped(u.total) }, shortCount(u.total)),
    ' used · ',
    h('span', { class: 'available', title: grouped(u.available) }, shortCount(u.available)),
    ' free',
    big ? h('span', { class: 'exact' }, `total ${grouped(u.total)}`) : null,
  );
}

export function familyBlock(pool: PoolJson, family: 'ipv4' | 'ipv6', data: PageData): HTMLElement | null {
  const u = pool[family];
  if (!u) return null;
  return h(
    'div',
    { class: 'family', 'data-family': family },
    gauge(family, u),
    h('div', null, h('h3', null, familyLabel(family)), numbers(u), forecastText(data.forecastByKey.get(forecastKey(pool.name, family)))),
  );
}

export function card(pool: PoolJson, data: PageData, cluster: string | null): HTMLElement {
  const state = poolCondition(data, pool);
  return h(
    'article',
    { class: `card state-${state}`, 'data-pool': pool.name, 'data-state': state },
    h('header', null, h('h2', null, h('a', { href: routeHash('pool', {}, pool.name, cluster) }, pool.name)), h('span', { class: `badge state-${state}` }, STATE_LABEL[state])),
    h('div', { class: 'families' }, familyBlock(pool, 'ipv4', data), familyBlock(pool, 'ipv6', data)),
    !pool.ipv4 && !pool.ipv6 ? h('p', { class: 'muted' }, 'no usable addresses') : null,
    h('footer', null, plural(pool.services, 'service'), pool.autoAssign ? '' : ' · autoAssign off', pool.priority !== null ? ` · priority ${pool.priority}` : ''),
  );
}

/** Pools worst first: by condition, then by the fuller family, then by name. */
export function worstFirst(data: PageData): Array<{ p: PoolJson; state: PoolState; util: number }> {
  return data.pools
    .map((p) => ({ p, state: poolCondition(data, p), util: Math.max(p.ipv4?.utilization ?? 0, p.ipv6?.utilization ?? 0) }))
    .sort((a, b) => stateRank(b.state) - stateRank(a.state) || b.util - a.util || (a.p.name < b.p.name ? -1 : 1));
}

const STATES: Array<[string, string]> = [['', 'any state'], ['exhausted', 'exhausted'], ['nearly-exhausted', 'nearly exhausted or worse'], ['high', 'high or worse'], ['filling', 'filling or worse']];

export function overviewView(route: Route, ctx: { data(): PageData; setParams(p: Record<string, string>): void; rerender(): void }): View {
  const list = { limit: 200 };
  let query = route.params.get('q') ?? '';
  let minState = route.params.get('state') ?? '';
  const toolbar = filterBar({
    label: 'Find pools',
    query,
    placeholder: 'pool name or address',
    select: { label: 'State', name: 'state', value: minState, options: STATES },
    onChange: (q, s) => {
      query = q;
      minState = s;
      list.limit = 200;
      ctx.setParams({ q, state: s });
    },
  });
  return {
    toolbar,
    render(content) {
      const data = ctx.data();
      const floor = minState ? stateRank(minState as PoolState) : 0;
      const pools = worstFirst(data).filter(({ p, state }) => stateRank(state) >= floor && matches(query, p.name, ...p.addresses));
      const { services, findings } = data.summary;
      content.replaceChildren(
        h(
          'p',
          { class: 'summary' },
          `${plural(data.pools.length, 'pool')} · ${plural(services.allocated, 'service')} with addresses · `,
          h('a', { href: routeHash('pending', {}, undefined, route.cluster) }, `${services.pending} pending`),
          ' · ',
          h('a', { href: routeHash('findings', {}, undefined, route.cluster) }, `${plural(data.findings.length, 'finding')} (${plural(findings.error, 'error')})`),
        ),
        ...(pools.length === 0
          ? [empty(data.pools.length ? 'No pool matches the filter.' : 'No address pools found.')]
          : limitedList(pools, list, ({ p }) => card(p, data, route.cluster), () => h('div', { class: 'cards' }), ctx.rerender)),
      );
    },
  };
}
