// The web page's entry: asks the server what it is, signs in when it needs a token, routes by hash, and renders live documents.
import { api, query, token, Unauthorized, type FleetJson, type InfoJson, type LiveJson } from './api.ts';
import { h, replace } from './dom.ts';
import { startLive } from './live.ts';
import { pageData, parseRoute, routeHash, type PageData, type Route } from './state.ts';
import type { View } from './views/common.ts';
import { fleetView } from './views/fleet.ts';
import { findingsView } from './views/findings.ts';
import { loginView } from './views/login.ts';
import { overviewView } from './views/overview.ts';
import { pendingView } from './views/pending.ts';
import { poolView } from './views/pool.ts';
import { serviceView } from './views/service.ts';
import './styles.css';

const toolbarHost = document.getElementById('toolbar')!;
const content = document.getElementById('content')!;
const liveStatus = document.getElementById('live-status')!;
const clockHint = document.getElementById('clock-hint')!;
const errorBox = document.getElementById('error')!;
const navPending = document.getElementById('nav-pending')!;
const navFindings = document.getElementById('nav-findings')!;

let info: InfoJson | null = null;
let data: PageData | null = null;
let fleet: FleetJson | null = null;
let route: Route = parseRoute(location.hash);
let view: View | null = null;
let renders = 0;
/** What the live updates are for: '' (this server's cluster), 'fleet', or `cluster:<name>`. */
let liveScope: string | null = null;
let stopLive: (() => void) | null = null;

const ctx = {
  data: () => data!,
  fleet: () => fleet!,
  /** Writes filter values into the hash without adding history entries, then redraws the content only. */
  setParams(params: Record<string, string>) {
    history.replaceState(null, '', routeHash(route.view, params, route.pool ?? undefined, route.cluster));
    route = parseRoute(location.hash);
    renderContent();
  },
  rerender: () => renderContent(),
};

const isFleetOverview = () => info?.mode === 'fleet' && route.cluster === null;

function makeView(r: Route): View {
  if (isFleetOverview()) return fleetView(r, ctx);
  switch (r.view) {
    case 'pool':
      return poolView(r, ctx);
    case 'service':
      return serviceView(r, ctx);
    case 'pending':
      return pendingView(r, ctx);
    case 'findings':
      return findingsView(r, ctx);
    default:
      return overviewView(r, ctx);
  }
}

function renderNav(): void {
  for (const a of document.querySelectorAll<HTMLAnchorElement>('nav a')) {
    const target = a.dataset['view'] as Route['view'];
    a.href = routeHash(target, {}, undefined, route.cluster);
    a.hidden = isFleetOverview() && target !== 'overview';
    const current = target === route.view || (route.view === 'pool' && target === 'overview');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  const navPools = document.querySelector<HTMLAnchorElement>('nav a[data-view="overview"]');
  if (navPools) navPools.textContent = info?.mode === 'fleet' && route.cluster !== null ? `Pools of ${route.cluster}` : info?.mode === 'fleet' ? 'Clusters' : 'Pools';
  if (!data || isFleetOverview()) return;
  replace(navPending, h('span', { class: data.pending.length ? 'count attention' : 'count' }, String(data.pending.length)));
  replace(navFindings, h('span', { class: data.findings.length ? 'count attention' : 'count' }, String(data.findings.length)));
}

const ready = () => (isFleetOverview() ? fleet !== null : data !== null);

function renderContent(): void {
  if (!view || !ready()) return;
  view.render(content);
  renderNav();
  renders++;
  document.body.dataset['renders'] = String(renders);
  // The first useful render, for the benchmark and the tests: `body[data-ready="1"]` and a performance mark.
  if (renders === 1) performance.mark('poolwatch-ready');
  document.body.dataset['ready'] = '1';
}

function onDocument(doc: unknown): void {
  if (liveScope === 'fleet') fleet = doc as FleetJson;
  else data = pageData(doc as LiveJson);
  const generatedAt = (doc as { generatedAt: string }).generatedAt;
  errorBox.hidden = true;
  liveStatus.textContent = `Updated ${new Date(generatedAt).toLocaleTimeString()}`;
  liveStatus.setAttribute('datetime', generatedAt);
  renderContent();
}

/** Starts live updates for the route's scope, unless they already run for it. */
function follow(): void {
  const cluster = info?.mode === 'fleet' ? route.cluster : null;
  const scope = isFleetOverview() ? 'fleet' : cluster === null ? '' : `cluster:${cluster}`;
  if (scope === liveScope) return;
  stopLive?.();
  liveScope = scope;
  data = null;
  fleet = null;
  stopLive = startLive({
    streamPath: `api/v1/events${query(cluster)}`,
    poll: () => api.live(cluster),
    onDocument,
    onState(state, err) {
      document.body.dataset['live'] = state;
      if (state === 'unauthorized') return signIn('That token was not accepted.');
      if (state === 'error') {
        errorBox.hidden = false;
        errorBox.textContent = `Cannot load data: ${err?.message ?? 'unknown error'}. Retrying…`;
        liveStatus.textContent = 'Disconnected';
      }
    },
  });
}

function onRoute(): void {
  const next = parseRoute(location.hash);
  const sameView = view && next.view === route.view && next.pool === route.pool && next.cluster === route.cluster;
  route = next;
  if (sameView) return; // a filter change already redrew the content
  view?.dispose?.();
  follow();
  view = makeView(route);
  toolbarHost.replaceChildren(...(view.toolbar ? [view.toolbar] : []));
  const where = route.cluster === null ? '' : ` · ${route.cluster}`;
  document.title = route.view === 'pool' || route.view === 'service' ? `${route.pool}${where} · poolwatch` : `poolwatch${where}`;
  renderContent();
  content.focus({ preventScroll: true });
}

/** A server run with an auth token: ask for it, keep it in this tab's session storage, start again. */
function signIn(problem: string | null): void {
  stopLive?.();
  stopLive = null;
  liveScope = null;
  view = null;
  toolbarHost.replaceChildren();
  errorBox.hidden = true;
  liveStatus.textContent = 'Signed out';
  if (problem) token.clear();
  content.replaceChildren(
    loginView(problem, (value) => {
      token.set(value);
      void start();
    }),
  );
}

async function start(): Promise<void> {
  try {
    info = await api.info();
  } catch (err) {
    if (err instanceof Unauthorized) return signIn(token.get() ? 'That token was not accepted.' : null);
    errorBox.hidden = false;
    errorBox.textContent = `Cannot reach poolwatch: ${(err as Error).message}. Retrying…`;
    setTimeout(() => void start(), 5000);
    return;
  }
  if (info.simulatedSpeed !== null) {
    clockHint.hidden = false;
    clockHint.textContent = `Simulated clock: the lab runs at ${info.simulatedSpeed}× real time`;
  }
  view = null;
  onRoute();
}

window.addEventListener('hashchange', onRoute);
void start();
