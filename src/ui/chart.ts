// The pool page's time-series chart (uPlot): use over time, the total, and the forecast line drawn to exhaustion.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ForecastJson, HistoryJson } from './api.ts';
import { h } from './dom.ts';
import { familyLabel } from './format.ts';

function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || '#888';
}

/** Aligned columns for uPlot: time, in use, total, forecast (the forecast only at its two ends). */
export function chartData(history: HistoryJson, forecast: ForecastJson | null, now: number): uPlot.AlignedData {
  const xs: number[] = [];
  const used: Array<number | null> = [];
  const total: Array<number | null> = [];
  const predicted: Array<number | null> = [];
  for (const [t, u, tot] of history.points) {
    xs.push(t);
    used.push(Number(u));
    total.push(Number(tot));
    predicted.push(null);
  }
  if (forecast?.state === 'filling' && forecast.exhaustsAtSeconds !== null) {
    const start = Math.max(now, xs[xs.length - 1] ?? now);
    if (xs.length && xs[xs.length - 1] === start) predicted[predicted.length - 1] = Number(forecast.inUse);
    else {
      xs.push(start);
      used.push(null);
      total.push(Number(forecast.total));
      predicted.push(Number(forecast.inUse));
    }
    if (forecast.exhaustsAtSeconds > start) {
      xs.push(forecast.exhaustsAtSeconds);
      used.push(null);
      total.push(Number(forecast.total));
      predicted.push(Number(forecast.total));
    }
  }
  return [xs, used, total, predicted];
}

export function renderChart(host: HTMLElement, history: HistoryJson, forecast: ForecastJson | null, now: number): () => void {
  const data = chartData(history, forecast, now);
  if (data[0].length < 2) {
    host.replaceChildren(h('p', { class: 'muted' }, `No ${familyLabel(history.family)} history yet: the chart appears after a few samples.`));
    return () => {};
  }
  const width = () => Math.max(280, host.clientWidth || 600);
  const plot = new uPlot(
    {
      width: width(),
      height: 240,
      title: `${familyLabel(history.family)} addresses in use`,
      scales: { y: { range: (_u, min, max) => [0, Math.max(max, min, 1) * 1.05] } },
      axes: [
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--grid') } },
        { stroke: cssVar('--fg-muted'), grid: { stroke: cssVar('--grid') }, size: 70 },
      ],
      series: [
        {},
        { label: 'in use', stroke: cssVar('--accent'), width: 2, fill: cssVar('--accent-fill') },
        { label: 'total', stroke: cssVar('--fg-muted'), width: 1, dash: [4, 4] },
        { label: 'forecast', stroke: cssVar('--state-nearly'), width: 2, dash: [8, 6], spanGaps: true },
      ],
    },
    data,
    host,
  );
  const onResize = () => plot.setSize({ width: width(), height: 240 });
  window.addEventListener('resize', onResize);
  return () => {
    window.removeEventListener('resize', onResize);
    plot.destroy();
  };
}
