// One pool: its ranges and settings, use per family with a chart and forecast line, use per namespace, its services.
import { h } from '../dom.ts';
import { api, type HistoryJson, type ServiceJson } from '../api.ts';
import { renderChart } from '../chart.ts';
import { familyLabel, grouped, STATE_LABEL } from '../format.ts';
import { forecastKey, poolCondition, routeHash, type PageData, type Route } from '../state.ts';
import { empty, filterBar, limitedList, matches, serviceLink, type View } from './common.ts';
import { familyBlock } from './overview.ts';

const REFETCH_MS = 10_000;

/** How far back the chart reaches: the forecast window and as much again, at least a day. */
function chartFrom(data: PageData): number {
  return data.forecast.now - Math.max(86400, 2 * data.forecast.lookbackSeconds);
}

export function poolView(route: Route, ctx: { data(): PageData; setParams(p: Record<string, string>): void; rerender(): void }): View {
  const name = route.pool ?? '';
  const list = { limit: 200 };
  let query = route.params.get('q') ?? '';
  const disposers: Array<() => void> = [];
  const charts = new Map<string, HTMLElement>();
  let chartRequest = 0;
  /** This pool's services, loaded separately (never the whole cluster's list) and refreshed with the data. */
  let services: ServiceJson[] | null = null;
  let servicesFor: string | null = null;
  let servicesError: string | null = null;
  let servicesHost: HTMLElement | null = null;

  // Services and history are read again at most every 10 s: a busy cluster changes every second, and a
  // thousand pages on one pool must not turn each change into a thousand history queries.
  const lastLoad: Record<string, number> = {};
  const due = (what: string) => {
    const now = Date.now();
    if (now - (lastLoad[what] ?? -Infinity) < REFETCH_MS) return false;
    lastLoad[what] = now;
    return true;
  };

  const renderServices = () => {
    if (!servicesHost) return;
    if (services === null) {
      servicesHost.replaceChildren(h('p', { class: servicesError ? 'error' : 'muted' }, servicesError ?? 'Loading services…'));
      return;
    }
    const shown = services.filter((s) => matches(query, s.namespace, s.name, s.sharingKey, ...s.ips));
    servicesHost.replaceChildren(
      h('h3', null, `Services (${shown.length})`),
      ...(shown.length === 0
        ? [empty(query ? 'No service matches the filter.' : 'No service holds an address from this pool.')]
        : limitedList(
            shown,
            list,
            (s) => h('tr', { 'data-service': `${s.namespace}/${s.name}` }, h('td', null, s.namespace), h('td', null, serviceLink(s, route.cluster)), h('td', null, ...s.ips.map((ip) => h('code', { class: 'ip' }, ip))), h('td', null, s.sharingKey ?? '')),
            () => h('table', { class: 'list' }, h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Namespace'), h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Addresses'), h('th', { scope: 'col' }, 'Sharing key')))),
            renderServices,
          )),
    );
  };

  const loadServices = async (generatedAt: string) => {
    if (servicesFor === generatedAt || !due('services')) return;
    servicesFor = generatedAt;
    try {
      services = (await api.poolServices(route.cluster, name)).services;
      servicesError = null;
    } catch (err) {
      servicesError = `Services unavailable: ${(err as Error).message}`;
    }
    renderServices();
  };

  const drawCharts = async (data: PageData) => {
    if (!due('charts')) return;
    const request = ++chartRequest;
    const pool = data.pools.find((p) => p.name === name);
    if (!pool) return;
    const families = (['ipv4', 'ipv6'] as const).filter((f) => pool[f]);
    let histories: HistoryJson[];
    try {
      histories = await Promise.all(families.map((f) => api.history(route.cluster, name, f, chartFrom(data))));
    } catch (err) {
      for (const host of charts.values()) host.replaceChildren(h('p', { class: 'error' }, `History unavailable: ${(err as Error).message}`));
      return;
    }
    if (request !== chartRequest) return; // a newer update started drawing
    while (disposers.length) disposers.pop()!();
    histories.forEach((history) => {
      const host = charts.get(history.family);
      if (host) disposers.push(renderChart(host, history, data.forecastByKey.get(forecastKey(name, history.family)) ?? null, data.forecast.now));
    });
  };

  return {
    toolbar: filterBar({ label: 'Find services in this pool', query, placeholder: 'namespace, name or address', onChange: (q) => { query = q; list.limit = 200; ctx.setParams({ q }); } }),
    render(content) {
      const data = ctx.data();
      const pool = data.pools.find((p) => p.name === name);
      if (!pool) {
        content.replaceChildren(h('h2', null, name), empty(`There is no pool named "${name}" (any more).`), h('p', null, h('a', { href: routeHash('overview', {}, undefined, route.cluster) }, 'Back to all pools')));
        return;
      }
      const state = poolCondition(data, pool);
      const familySections = (['ipv4', 'ipv6'] as const).flatMap((f) => {
        if (!pool[f]) return [];
        // The chart's element outlives a redraw of the page: its chart is drawn again only when history is read again.
        let host = charts.get(f);
        if (!host) charts.set(f, (host = h('div', { class: 'chart', 'data-chart': f, role: 'img', 'aria-label': `${familyLabel(f)} use over time with forecast` })));
        return [h('section', { class: 'family-section' }, familyBlock(pool, f, data), host)];
      });
      const poolFamilies = (['ipv4', 'ipv6'] as const).filter((f) => pool[f]);
      const namespaces = Object.entries(pool.namespaces).sort(([a], [b]) => (a < b ? -1 : 1));
      content.replaceChildren(
        h('p', null, h('a', { href: routeHash('overview', {}, undefined, route.cluster) }, '← All pools')),
        h('h2', { class: 'pool-title' }, pool.name, ' ', h('span', { class: `badge state-${state}` }, STATE_LABEL[state])),
        h(
          'dl',
          { class: 'props' },
          h('dt', null, 'Namespace'), h('dd', null, pool.namespace),
          h('dt', null, 'Addresses'), h('dd', null, ...pool.addresses.map((a) => h('code', { class: 'range' }, a))),
          h('dt', null, 'autoAssign'), h('dd', null, String(pool.autoAssign)),
          h('dt', null, 'avoidBuggyIPs'), h('dd', null, String(pool.avoidBuggyIPs)),
          h('dt', null, 'Priority'), h('dd', null, pool.priority === null ? 'none' : String(pool.priority)),
          h('dt', null, 'Services'), h('dd', null, String(pool.services)),
        ),
        ...familySections,
        h('h3', null, 'Use per namespace'),
        namespaces.length === 0
          ? empty('No namespace holds an address from this pool.')
          : h(
              'table',
              { class: 'list', 'data-table': 'namespaces' },
              // Only the families the pool has: an IPv4-only pool gets no column of IPv6 zeros.
              h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Namespace'), ...poolFamilies.map((f) => h('th', { scope: 'col', class: 'num' }, familyLabel(f))))),
              h('tbody', null, ...namespaces.map(([ns, use]) => h('tr', null, h('td', null, ns), ...poolFamilies.map((f) => h('td', { class: 'num' }, grouped(use[f])))))),
            ),
        (servicesHost = h('div', { class: 'services' })),
      );
      renderServices();
      void loadServices(data.generatedAt);
      void drawCharts(data);
    },
    dispose() {
      chartRequest++;
      while (disposers.length) disposers.pop()!();
    },
  };
}
