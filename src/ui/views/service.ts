// One service, as `poolwatch explain` shows it: handling, pool and why, addresses, pending reason, announcement, configuration, findings, next steps.
import { h } from '../dom.ts';
import { api, type ServiceExplanationJson } from '../api.ts';
import { routeHash, type PageData, type Route } from '../state.ts';
import { requestedText } from '../../core/explain/requested-text.ts';
import { empty, type View } from './common.ts';

const REFETCH_MS = 10_000;

type Explanation = ServiceExplanationJson;

const th = (text: string) => h('th', { scope: 'col' }, text);
const table = (name: string, head: string[], rows: Node[]) => h('table', { class: 'list', 'data-table': name }, h('thead', null, h('tr', null, ...head.map(th))), h('tbody', null, ...rows));
const props = (pairs: Array<[string, Node | string]>) => h('dl', { class: 'props' }, ...pairs.flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]));
const list = (name: string, items: readonly string[]) => h('ul', { 'data-list': name }, ...items.map((i) => h('li', null, i)));
const badge = (cls: string, text: string) => h('span', { class: `badge ${cls}` }, text);

/** Announcement and state badges use the pool colours: fine is ok, partly is high, not announced is exhausted. */
const ANNOUNCED_CLASS: Record<string, string> = { announced: 'state-ok', partly: 'state-high', 'not-announced': 'state-exhausted', unknown: 'severity-info' };

function poolSection(e: Explanation, cluster: string | null): Node[] {
  const p = e.pool;
  if (!p && e.state === 'ignored') return [];
  const head = p
    ? h('h3', null, 'Pool ', h('a', { href: routeHash('pool', {}, p.name, cluster) }, p.name))
    : h('h3', null, 'Pool: none');
  const facts = p
    ? [props([
        ['Namespace', p.namespace],
        ['autoAssign', String(p.autoAssign)],
        ['avoidBuggyIPs', String(p.avoidBuggyIPs)],
        ['serviceAllocation', p.serviceAllocation.length > 0 ? p.serviceAllocation.join('; ') : 'none'],
      ])]
    : [];
  return [h('section', { 'data-section': 'pool' }, head, ...facts, e.poolChoice.length > 0 ? list('pool-choice', e.poolChoice) : null)];
}

function announcementSection(e: Explanation): Node[] {
  const a = e.announcement;
  if (!a) return [];
  const rows: Array<[string, Node | string]> = [];
  if (a.protocol) rows.push(['Protocol', a.protocol]);
  if (a.reason) rows.push(['Why', h('span', null, h('code', null, a.reason.code), ` ${a.reason.message}`)]);
  rows.push(['Nodes', a.nodes.join(', ') || (a.state === 'unknown' ? 'not reported' : 'none')]);
  if (a.protocol !== 'bgp') rows.push(['Interfaces', a.interfaces.join(', ') || (a.nodes.length > 0 ? 'all' : '-')]);
  return [
    h(
      'section',
      { 'data-section': 'announcement' },
      h('h3', null, 'Announcement ', badge(ANNOUNCED_CLASS[a.state] ?? '', a.state)),
      props(rows),
      a.peers.length > 0
        ? table('peers', ['Peer', 'Address', 'Node', 'Session'], a.peers.map((p) => h('tr', { 'data-peer': `${p.name}/${p.node}` }, h('td', null, p.name), h('td', null, p.address ?? '-'), h('td', null, p.node), h('td', null, p.state))))
        : null,
    ),
  ];
}

function render(e: Explanation, cluster: string | null): Node[] {
  const s = e.service;
  const summary: Array<[string, Node | string]> = [
    ['Type', `${s.type}${s.loadBalancerClass !== null ? `, loadBalancerClass "${s.loadBalancerClass}"` : ''}`],
    ['MetalLB', e.handled ? 'handles it' : `does not handle it: ${e.notHandledBecause}`],
    ['State', e.state],
  ];
  if (e.handled) summary.push(['Asks for', requestedText(e.requested)]);
  if (e.pending) summary.push(['Pending', h('span', null, h('code', null, e.pending.code), ` ${e.pending.message}`)]);
  const states = e.configuration;
  return [
    h('h2', null, `${s.namespace}/${s.name} `, badge(e.state === 'pending' ? 'state-high' : e.state === 'allocated' ? 'state-ok' : 'severity-info', e.state)),
    h('section', { 'data-section': 'service' }, props(summary)),
    ...poolSection(e, cluster),
    ...(e.addresses.length > 0
      ? [h('section', { 'data-section': 'addresses' }, h('h3', null, `Addresses (${e.addresses.length})`), table('addresses', ['Address', 'Pools', 'Shared with'], e.addresses.map((a) => h('tr', null, h('td', null, h('code', { class: 'ip' }, a.ip)), h('td', null, a.pools.join(', ') || '-'), h('td', null, a.sharedWith.join(', ') || '-')))))]
      : []),
    ...announcementSection(e),
    h(
      'section',
      { 'data-section': 'configuration' },
      h('h3', null, 'MetalLB configuration'),
      states.length === 0
        ? empty('No ConfigurationState objects (MetalLB before v0.15.3, or none readable).')
        : table('configuration', ['State', 'Component', 'Node', 'Result', 'Error'], states.map((c) => h('tr', null, h('td', null, c.name), h('td', null, c.component), h('td', null, c.node ?? '-'), h('td', null, c.result), h('td', null, c.errorSummary || '-')))),
    ),
    h(
      'section',
      { 'data-section': 'events' },
      h('h3', null, 'Events'),
      !e.events.read
        ? empty(`Not read: ${e.events.note}.`)
        : e.events.items.length === 0
          ? empty('None.')
          : table('events', ['Last seen', 'Type', 'Reason', 'From', 'Count', 'Message'], e.events.items.map((i) => h('tr', null, h('td', null, i.lastTimestamp ?? '-'), h('td', null, i.type), h('td', null, i.reason), h('td', null, i.source ?? '-'), h('td', { class: 'num' }, String(i.count)), h('td', null, i.message)))),
    ),
    h(
      'section',
      { 'data-section': 'findings' },
      h('h3', null, `Findings (${e.findings.length})`),
      e.findings.length === 0
        ? empty('No finding names this service.')
        : table('findings', ['Severity', 'Code', 'Message'], e.findings.map((f) => h('tr', null, h('td', null, badge(`severity-${f.severity}`, f.severity)), h('td', null, h('code', null, f.code)), h('td', null, f.message)))),
    ),
    h('section', { 'data-section': 'next-steps' }, h('h3', null, 'Next steps'), h('ol', { 'data-list': 'next-steps' }, ...e.nextSteps.map((step) => h('li', null, step)))),
  ];
}

export function serviceView(route: Route, ctx: { data(): PageData; rerender(): void }): View {
  const key = route.pool ?? '/';
  const [namespace = '', name = ''] = key.split('/');
  let explanation: Explanation | null = null;
  let error: string | null = null;
  let loadedFor: string | null = null;
  let lastLoad = -Infinity;
  let host: HTMLElement | null = null;

  const draw = () => {
    if (!host) return;
    const back = h('p', null, h('a', { href: routeHash('overview', {}, undefined, route.cluster) }, '← All pools'));
    if (explanation) host.replaceChildren(back, ...render(explanation, route.cluster));
    else host.replaceChildren(back, h('h2', null, key), h('p', { class: error ? 'error' : 'muted' }, error ?? 'Loading…'));
  };

  // Read again when the cluster changed, at most every 10 s (a busy cluster changes every second).
  const load = async (generatedAt: string) => {
    if (loadedFor === generatedAt || Date.now() - lastLoad < REFETCH_MS) return;
    loadedFor = generatedAt;
    lastLoad = Date.now();
    try {
      explanation = await api.service(namespace, name);
      error = null;
    } catch (err) {
      explanation = null;
      error = (err as Error).message;
    }
    draw();
  };

  return {
    toolbar: null,
    render(content) {
      if (!host) host = h('div', { class: 'service' });
      content.replaceChildren(host);
      draw();
      void load(ctx.data().generatedAt);
    },
  };
}
