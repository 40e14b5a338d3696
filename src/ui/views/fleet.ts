// The fleet overview (serve --source prometheus): every cluster in the store with its pools worst first, forecasts and pending counts.
import { h } from '../dom.ts';
import type { FleetJson } from '../api.ts';
import { plural, stateRank, type PoolState } from '../format.ts';
import { pageData, routeHash, type PageData, type Route } from '../state.ts';
import { empty, filterBar, matches, type View } from './common.ts';
import { card, worstFirst } from './overview.ts';

/** One cluster's part of the fleet document in the form the pool cards read. */
function clusterData(c: FleetJson['clusters'][number], generatedAt: string): PageData {
  return pageData({ generatedAt, pools: c.pools, pending: [], findings: [], summary: c.summary, forecast: c.forecast });
}

export function fleetView(route: Route, ctx: { fleet(): FleetJson; setParams(p: Record<string, string>): void }): View {
  let query = route.params.get('q') ?? '';
  return {
    toolbar: filterBar({ label: 'Find clusters or pools', query, placeholder: 'cluster or pool name', onChange: (q) => { query = q; ctx.setParams({ q }); } }),
    render(content) {
      const fleet = ctx.fleet();
      const sections = fleet.clusters.flatMap((c) => {
        const data = clusterData(c, fleet.generatedAt);
        const clusterMatches = matches(query, c.name);
        const pools = worstFirst(data).filter(({ p }) => clusterMatches || matches(query, p.name, ...p.addresses));
        if (pools.length === 0 && !clusterMatches) return [];
        const worst: PoolState = pools[0]?.state ?? 'ok';
        const { services, findings } = c.summary;
        return [
          h(
            'section',
            { class: 'cluster', 'data-cluster': c.name, 'data-state': worst },
            h('h2', null, h('a', { href: routeHash('overview', {}, undefined, c.name) }, c.name)),
            h(
              'p',
              { class: 'summary' },
              `${plural(c.pools.length, 'pool')} · `,
              h('a', { href: routeHash('pending', {}, undefined, c.name), class: services.pending ? 'attention-text' : '' }, `${services.pending} pending`),
              ' · ',
              h('a', { href: routeHash('findings', {}, undefined, c.name) }, `${plural(c.summary.findings.error + c.summary.findings.warning + c.summary.findings.info, 'finding')} (${plural(findings.error, 'error')})`),
            ),
            pools.length === 0 ? empty('This cluster has no address pools.') : h('div', { class: 'cards' }, ...pools.map(({ p }) => card(p, data, c.name))),
          ),
        ];
      });
      // Clusters with the worst pool first, then by name.
      sections.sort((a, b) => stateRank(b.dataset['state'] as PoolState) - stateRank(a.dataset['state'] as PoolState) || (a.dataset['cluster']! < b.dataset['cluster']! ? -1 : 1));
      const pools = fleet.clusters.reduce((n, c) => n + c.pools.length, 0);
      const pending = fleet.clusters.reduce((n, c) => n + c.summary.services.pending, 0);
      content.replaceChildren(
        h('p', { class: 'summary' }, `${plural(fleet.clusters.length, 'cluster')} · ${plural(pools, 'pool')} · ${pending} pending`),
        ...(sections.length === 0 ? [empty(fleet.clusters.length ? 'No cluster or pool matches the filter.' : 'The store holds no poolwatch series yet.')] : sections),
      );
    },
  };
}
