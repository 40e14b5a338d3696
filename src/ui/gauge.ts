// A utilization gauge as an SVG arc with the percentage as text and an accessible label.
import { svg } from './dom.ts';
import type { FamilyUsageJson } from './api.ts';
import { familyLabel, familyState, percent } from './format.ts';

const R = 40;
const ARC = Math.PI * R; // a half circle

export function gauge(family: 'ipv4' | 'ipv6', u: FamilyUsageJson): SVGElement {
  const state = familyState(u);
  const shown = percent(u);
  const fill = u.utilization > 0 && u.utilization < 0.01 ? 0.01 : Math.min(1, u.utilization);
  const el = svg(
    'svg',
    { class: `gauge state-${state}`, viewBox: '0 0 100 62', role: 'img', 'aria-label': `${familyLabel(family)} ${shown} used` },
    svg('path', { class: 'gauge-track', d: `M10 55 A${R} ${R} 0 0 1 90 55`, fill: 'none', 'stroke-width': 10 }),
    svg('path', { class: 'gauge-fill', d: `M10 55 A${R} ${R} 0 0 1 90 55`, fill: 'none', 'stroke-width': 10, 'stroke-dasharray': `${(fill * ARC).toFixed(2)} ${ARC.toFixed(2)}` }),
    svg('text', { x: 50, y: 50, 'text-anchor': 'middle', class: 'gauge-value' }, shown),
  );
  return el;
}
