// Pending services with the reason each has no address, filterable by text.
import { h } from '../dom.ts';
import type { PageData, Route } from '../state.ts';
import { empty, filterBar, limitedList, matches, serviceLink, type View } from './common.ts';

export function pendingView(route: Route, ctx: { data(): PageData; setParams(p: Record<string, string>): void; rerender(): void }): View {
  const list = { limit: 200 };
  let query = route.params.get('q') ?? '';
  return {
    toolbar: filterBar({ label: 'Find pending services', query, placeholder: 'namespace, name or reason', onChange: (q) => { query = q; list.limit = 200; ctx.setParams({ q }); } }),
    render(content) {
      const pending = ctx.data().pending.filter((s) => matches(query, s.namespace, s.name, s.reason?.code, s.reason?.message));
      content.replaceChildren(
        h('h2', null, `Pending services (${pending.length})`),
        ...(pending.length === 0
          ? [empty(query ? 'No pending service matches the filter.' : 'No service is pending: every LoadBalancer service has its addresses.')]
          : limitedList(
              pending,
              list,
              (s) => h('tr', { 'data-service': `${s.namespace}/${s.name}` }, h('td', null, s.namespace), h('td', null, serviceLink(s, route.cluster)), h('td', null, h('code', null, s.reason?.code ?? 'unknown')), h('td', null, s.reason?.message ?? '')),
              () => h('table', { class: 'list' }, h('caption', { class: 'visually-hidden' }, 'Pending services'), h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Namespace'), h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Reason'), h('th', { scope: 'col' }, 'Details')))),
              ctx.rerender,
            )),
      );
    },
  };
}
