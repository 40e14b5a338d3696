// Pieces the views share: the filter toolbar, "show more" lists, forecast text and empty states.
import { h } from '../dom.ts';
import type { ForecastJson } from '../api.ts';
import { routeHash } from '../state.ts';

export interface View {
  /** Built once per route: controls that must keep focus while the content updates. */
  toolbar: HTMLElement | null;
  /** Re-rendered on every data update. */
  render(content: HTMLElement): void;
  /** Releases charts and listeners when leaving the route. */
  dispose?(): void;
}

/** A labelled search box and optional select that write their values into the hash (deep links). */
export function filterBar(opts: {
  label: string;
  query: string;
  placeholder: string;
  select?: { label: string; name: string; value: string; options: Array<[string, string]> };
  onChange: (query: string, selected: string) => void;
}): HTMLElement {
  const input = h('input', { id: 'filter', type: 'search', value: opts.query, placeholder: opts.placeholder, autocomplete: 'off' });
  const select = opts.select
    ? h('select', { id: 'filter-select', name: opts.select.name }, ...opts.select.options.map(([value, text]) => h('option', { value, selected: value === opts.select!.value }, text)))
    : null;
  const fire = () => opts.onChange(input.value.trim(), select?.value ?? '');
  input.addEventListener('input', fire);
  select?.addEventListener('change', fire);
  return h(
    'form',
    { class: 'toolbar', role: 'search', onsubmit: (e: Event) => e.preventDefault() },
    h('label', { for: 'filter' }, opts.label),
    input,
    select && h('label', { for: 'filter-select' }, opts.select!.label),
    select,
  );
}

/** Renders the first `limit` items, with a button that shows more (the rest is never built). */
export function limitedList<T>(items: readonly T[], state: { limit: number }, renderItem: (item: T) => Node, container: () => HTMLElement, rerender: () => void): Node[] {
  const shown = items.slice(0, state.limit);
  const box = container();
  for (const item of shown) box.append(renderItem(item));
  const out: Node[] = [box];
  if (items.length > shown.length) {
    out.push(
      h('p', { class: 'more' }, `Showing ${shown.length} of ${items.length}. `, h('button', { type: 'button', onclick: () => { state.limit += 200; rerender(); } }, 'Show 200 more')),
    );
  }
  return out;
}

export function forecastText(f: ForecastJson | undefined): HTMLElement {
  if (!f) return h('span', { class: 'forecast muted' }, 'no forecast');
  return h('span', { class: `forecast forecast-${f.state}`, title: f.hint ?? '' }, f.summary);
}

export function matches(query: string, ...texts: Array<string | null | undefined>): boolean {
  if (!query) return true;
  const q = query.toLowerCase();
  return texts.some((t) => t !== null && t !== undefined && t.toLowerCase().includes(q));
}

/** A service's name, linking to its page (one cluster's own poolwatch only: a fleet server has no service detail). */
export function serviceLink(s: { namespace: string; name: string }, cluster: string | null): Node | string {
  return cluster === null ? h('a', { href: routeHash('service', {}, `${s.namespace}/${s.name}`) }, s.name) : s.name;
}

export function empty(text: string): HTMLElement {
  return h('p', { class: 'empty' }, text);
}
