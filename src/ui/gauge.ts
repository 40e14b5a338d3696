// A utilization gauge as an SVG arc with the percentage as text and an accessible label.
import { svg } from './dom.ts';
import type { FamilyUsageJson } from './api.ts';
import { shownFraction } from '../core/report/human.ts';
import { familyLabel, familyState, percent } from './format.ts';

const R = 40;
const ARC = Math.PI * R; // a half circle

export function gauge(family: 'ipv4' | 'ipv6', u: FamilyUsageJson): SVGElement {
  const state = familyState(u);
  const shown = percent(u);
  // The arc draws the percentage shown beside it, with a visible sliver for any shown use (not for 1 of 2^64).
  const shownUse = shownFraction(BigInt(u.inUse), BigInt(u.total));
  const fill = shownUse > 0 ? Math.max(0.01, shownUse) : 0;
  const el = svg(
    'svg',
    { class: `gauge state-${state}`, viewBox: '0 0 100 62', role: 'img', 'aria-label': `${familyLabel(family)} ${shown} used` },
    svg('path', { class: 'gauge-track', d: `M10 55 A${R} ${R} 0 0 1 90 55`, fill: 'none', 'stroke-width': 10 }),
    svg('path', { class: 'gauge-fill', d: `M10 55 A${R} ${R} 0 0 1 90 55`, fill: 'none', 'stroke-width': 10, 'stroke-dasharray': `${(fill * ARC).toFixed(2)} ${ARC.toFixed(2)}` }),
    svg('text', { x: 50, y: 50, 'text-anchor': 'middle', class: 'gauge-value' }, shown),
  );
  return el;
}
