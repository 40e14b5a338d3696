// The web page's entry: hash routing, loading status and forecasts, live updates by polling, and rendering the views.
import { api } from './api.ts';
import { h, replace } from './dom.ts';
import { pageData, parseRoute, routeHash, type PageData, type Route } from './state.ts';
import type { View } from './views/common.ts';
import { findingsView } from './views/findings.ts';
import { overviewView } from './views/overview.ts';
import { pendingView } from './views/pending.ts';
import { poolView } from './views/pool.ts';
import './styles.css';

const MIN_INTERVAL_MS = 2000;
const MAX_INTERVAL_MS = 30_000;

const toolbarHost = document.getElementById('toolbar')!;
const content = document.getElementById('content')!;
const liveStatus = document.getElementById('live-status')!;
const errorBox = document.getElementById('error')!;
const navPending = document.getElementById('nav-pending')!;
const navFindings = document.getElementById('nav-findings')!;

let data: PageData | null = null;
let route: Route = parseRoute(location.hash);
let view: View | null = null;
let renders = 0;

const ctx = {
  data: () => data!,
  /** Writes filter values into the hash without adding history entries, then redraws the content only. */
  setParams(params: Record<string, string>) {
    history.replaceState(null, '', routeHash(route.view, params, route.pool ?? undefined));
    route = parseRoute(location.hash);
    renderContent();
  },
  rerender: () => renderContent(),
};

function makeView(r: Route): View {
  switch (r.view) {
    case 'pool':
      return poolView(r, ctx);
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
    const current = a.dataset['view'] === route.view || (route.view === 'pool' && a.dataset['view'] === 'overview');
    if (current) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  if (!data) return;
  replace(navPending, h('span', { class: data.pending.length ? 'count attention' : 'count' }, String(data.pending.length)));
  replace(navFindings, h('span', { class: data.findings.length ? 'count attention' : 'count' }, String(data.findings.length)));
}

function renderContent(): void {
  if (!data || !view) return;
  view.render(content);
  renderNav();
  renders++;
  document.body.dataset['renders'] = String(renders);
  // The first useful render, for the benchmark and the tests: `body[data-ready="1"]` and a performance mark.
  if (renders === 1) performance.mark('poolwatch-ready');
  document.body.dataset['ready'] = '1';
}

function onRoute(): void {
  const next = parseRoute(location.hash);
  const sameView = view && next.view === route.view && next.pool === route.pool;
  route = next;
  if (sameView) return; // a filter change already redrew the content
  view?.dispose?.();
  view = makeView(route);
  toolbarHost.replaceChildren(...(view.toolbar ? [view.toolbar] : []));
  document.title = route.view === 'pool' ? `${route.pool} · poolwatch` : 'poolwatch';
  renderContent();
  content.focus({ preventScroll: true });
}

async function refresh(): Promise<number> {
  const started = performance.now();
  try {
    const [pools, pending, findings, forecast] = await Promise.all([api.pools(), api.pending(), api.findings(), api.forecast()]);
    data = pageData(pools, pending, findings, forecast);
    errorBox.hidden = true;
    liveStatus.textContent = `Updated ${new Date(data.generatedAt).toLocaleTimeString()}`;
    liveStatus.setAttribute('datetime', data.generatedAt);
    if (!view) onRoute();
    else renderContent();
  } catch (err) {
    errorBox.hidden = false;
    errorBox.textContent = `Cannot load data: ${(err as Error).message}. Retrying…`;
    liveStatus.textContent = 'Disconnected';
  }
  return performance.now() - started;
}

/** Polls with a pause that grows with the time a load takes, so a huge cluster does not flood the server. */
async function poll(): Promise<void> {
  const took = await refresh();
  const pause = Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, took * 10));
  setTimeout(() => void poll(), document.hidden ? MAX_INTERVAL_MS : pause);
}

window.addEventListener('hashchange', onRoute);
void poll();
