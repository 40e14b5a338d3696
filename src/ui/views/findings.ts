// Findings with severity, code, message, objects and location, filterable by text and severity.
import { h } from '../dom.ts';
import type { PageData, Route } from '../state.ts';
import { empty, filterBar, limitedList, matches, type View } from './common.ts';

const RANK: Record<string, number> = { error: 3, warning: 2, info: 1 };

export function findingsView(route: Route, ctx: { data(): PageData; setParams(p: Record<string, string>): void; rerender(): void }): View {
  const list = { limit: 200 };
  let query = route.params.get('q') ?? '';
  let severity = route.params.get('severity') ?? '';
  return {
    toolbar: filterBar({
      label: 'Find findings',
      query,
      placeholder: 'code, message or object',
      select: { label: 'Severity', name: 'severity', value: severity, options: [['', 'any severity'], ['error', 'errors'], ['warning', 'warnings and errors']] },
      onChange: (q, s) => { query = q; severity = s; list.limit = 200; ctx.setParams({ q, severity: s }); },
    }),
    render(content) {
      const floor = severity ? RANK[severity] ?? 0 : 0;
      const findings = ctx
        .data()
        .findings.filter((f) => (RANK[f.severity] ?? 0) >= floor && matches(query, f.code, f.message, f.location, ...f.objects))
        .sort((a, b) => (RANK[b.severity] ?? 0) - (RANK[a.severity] ?? 0));
      content.replaceChildren(
        h('h2', null, `Findings (${findings.length})`),
        ...(findings.length === 0
          ? [empty(query || severity ? 'No finding matches the filter.' : 'No findings: the configuration looks healthy.')]
          : limitedList(
              findings,
              list,
              (f) =>
                h(
                  'tr',
                  null,
                  h('td', null, h('span', { class: `badge severity-${f.severity}` }, f.severity)),
                  h('td', null, h('code', null, f.code)),
                  h('td', null, f.message, f.location ? h('div', { class: 'muted' }, f.location) : null),
                  h('td', null, ...f.objects.map((o) => h('div', null, o))),
                ),
              () => h('table', { class: 'list' }, h('caption', { class: 'visually-hidden' }, 'Findings'), h('thead', null, h('tr', null, h('th', { scope: 'col' }, 'Severity'), h('th', { scope: 'col' }, 'Code'), h('th', { scope: 'col' }, 'Message'), h('th', { scope: 'col' }, 'Objects')))),
              ctx.rerender,
            )),
      );
    },
  };
}
