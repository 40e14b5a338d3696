// The pool page's time-series chart (uPlot): use over time on a scale that fits it, the total when it fits too, and the forecast line to exhaustion.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ForecastJson, HistoryJson } from './api.ts';
import { h } from './dom.ts';
import { familyLabel, grouped, shortCount } from './format.ts';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Totals up to this size are drawn as a line: their axis labels stay short. */
const DRAWN_TOTAL_LIMIT = 1_000_000n;

export interface ChartPlan {
  /** Aligned columns for uPlot: time, in use, then total and forecast when drawn. */
  data: uPlot.AlignedData;
  /** The total is drawn only when it fits on a scale with the use: a /64 would press the use line onto zero. */
  drawTotal: boolean;
  /** The forecast line, only for a family that is filling towards a drawn total. */
  drawForecast: boolean;
  total: string | null;
}

export function chartPlan(history: HistoryJson, forecast: ForecastJson | null, now: number): ChartPlan {
  const xs: number[] = [];
  const used: Array<number | null> = [];
  const totals: Array<number | null> = [];
  const predicted: Array<number | null> = [];
  let maxUsed = 0n;
  let total: bigint | null = forecast ? BigInt(forecast.total) : null;
  for (const [t, u, tot] of history.points) {
    xs.push(t);
    used.push(Number(u));
    totals.push(Number(tot));
    predicted.push(null);
    if (BigInt(u) > maxUsed) maxUsed = BigInt(u);
    total = BigInt(tot);
  }
  const drawTotal = total !== null && (total <= DRAWN_TOTAL_LIMIT || maxUsed * 100n >= total);
  const drawForecast = drawTotal && forecast?.state === 'filling' && forecast.exhaustsAtSeconds !== null;
  if (drawForecast) {
    const start = Math.max(now, xs[xs.length - 1] ?? now);
    if (xs.length && xs[xs.length - 1] === start) predicted[predicted.length - 1] = Number(forecast.inUse);
    else {
      xs.push(start);
      used.push(null);
      totals.push(Number(forecast.total));
      predicted.push(Number(forecast.inUse));
    }
    if (forecast.exhaustsAtSeconds! > start) {
      xs.push(forecast.exhaustsAtSeconds!);
      used.push(null);
      totals.push(Number(forecast.total));
      predicted.push(Number(forecast.total));
    }
  }
  const data: uPlot.AlignedData = [xs, used, ...(drawTotal ? [totals] : []), ...(drawForecast ? [predicted] : [])];
  return { data, drawTotal, drawForecast, total: total === null ? null : total.toString() };
}

export function renderChart(host: HTMLElement, history: HistoryJson, forecast: ForecastJson | null, now: number): () => void {
  const plan = chartPlan(history, forecast, now);
  const size = plan.total
    ? h(
        'p',
        { class: 'chart-size muted' },
        `Size: ${shortCount(plan.total)} addresses`,
        BigInt(plan.total) >= DRAWN_TOTAL_LIMIT ? ` (${grouped(plan.total)})` : '',
        plan.drawTotal ? '' : '. The scale fits the addresses in use; the total is too large to draw beside them.',
      )
    : null;
  if (plan.data[0].length < 2) {
    host.replaceChildren(h('p', { class: 'muted' }, `No ${familyLabel(history.family)} history yet: the chart appears after a few samples.`), ...(size ? [size] : []));
    return () => {};
  }
  const yLabel = h('div', { class: 'y-label', 'aria-hidden': 'true' }, 'addresses in use');
  const canvasHost = h('div', { class: 'chart-plot' });
  host.replaceChildren(h('div', { class: 'chart-frame' }, yLabel, canvasHost), ...(size ? [size] : []));
  const width = () => Math.max(260, (canvasHost.clientWidth || 600) - 4);
  const series: uPlot.Series[] = [{}, { label: 'in use', stroke: cssVar('--accent'), width: 2, fill: cssVar('--accent-fill') }];
  if (plan.drawTotal) series.push({ label: 'total', stroke: cssVar('--fg-muted'), width: 1, dash: [4, 4] });
  if (plan.drawForecast) series.push({ label: 'forecast', stroke: cssVar('--state-nearly'), width: 2, dash: [8, 6], spanGaps: true });
  const plot = new uPlot(
    {
      width: width(),
      height: 240,
      title: `${familyLabel(history.family)} addresses in use`,
      scales: { y: { range: (_u, min, max) => [0, Math.max(max, min, 1) * 1.05] } },
      // A static legend: series names only, no "--" value placeholders while the cursor is elsewhere.
      legend: { live: false },
      axes: [
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--grid') } },
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--grid') }, size: 60 },
      ],
      series,
      // The y scale's top, for people reading the DOM (and the tests): uPlot draws the axis itself on the canvas.
      hooks: { setScale: [(u, key) => { const max = u.scales['y']?.max; if (key === 'y' && typeof max === 'number') host.dataset['yMax'] = String(max); }] },
    },
    plan.data,
    canvasHost,
  );
  const onResize = () => plot.setSize({ width: width(), height: 240 });
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    plot.destroy();
  };
}
