// The parts of `serve` for history, forecasts and the lab: their flags, and building them from those flags.
import { Option, type Command } from 'commander';
import { PoolwatchError } from '../core/errors.ts';
import { parseDuration } from '../core/forecast/index.ts';
import { defaultTiers } from '../core/history/index.ts';
import type { Report } from '../core/report/types.ts';
import type { Logger } from '../log.ts';
import { LocalHistory, PrometheusHistory, type HistoryProvider } from '../sources/history-provider.ts';
import { HistoryFile } from '../sources/history-file.ts';
import { LabSource } from '../sources/lab.ts';

export interface WebServeOptions {
  historyFile?: string;
  sampleInterval: string;
  prometheusUrl?: string;
  lookback: string;
  labSpeed: string;
  labSeed: string;
}

export function addWebOptions(command: Command): Command {
  return command
    .option('--history-file <file>', 'keep usage history in this JSON-lines file (survives restarts); default: memory only')
    .option('--sample-interval <duration>', 'how often pool usage is sampled into the history', '1m')
    .addOption(new Option('--prometheus-url <url>', "read history and forecasts from poolwatch's own series in this Prometheus").conflicts('historyFile'))
    .option('--lookback <duration>', 'how much history the exhaustion forecast uses', '6h')
    .option('--lab-speed <factor>', 'lab: simulated seconds per real second', '60')
    .option('--lab-seed <n>', 'lab: seed of the simulation (same seed, same cluster)', '1');
}

function positiveNumber(text: string, flag: string): number {
  const v = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(v > 0)) throw new PoolwatchError('invalid-argument', `${flag} must be a positive number, not ${JSON.stringify(text)}`);
  return v;
}

export function createLabSource(opts: WebServeOptions): LabSource {
  const speed = positiveNumber(opts.labSpeed, '--lab-speed');
  const seed = positiveNumber(opts.labSeed, '--lab-seed');
  const sampleSeconds = parseDuration(opts.sampleInterval, '--sample-interval');
  return new LabSource({ speed, seed: Math.floor(seed), warmupStepSeconds: sampleSeconds, warmupSeconds: Math.max(6 * 3600, parseDuration(opts.lookback, '--lookback')) });
}

/**
 * The history the server keeps: from Prometheus, or sampled locally (into --history-file when given).
 * With the lab, history runs on the lab's clock and its warm-up records samples as it simulates.
 */
export async function createHistory(opts: WebServeOptions, deps: { report: () => Report; log: Logger; lab: LabSource | null; signal: AbortSignal }): Promise<HistoryProvider> {
  const lookbackSeconds = parseDuration(opts.lookback, '--lookback');
  const intervalSeconds = parseDuration(opts.sampleInterval, '--sample-interval');
  const onError = (err: unknown) => deps.log.warn('history', { error: err instanceof Error ? err.message : String(err) });
  if (opts.prometheusUrl) return new PrometheusHistory({ url: opts.prometheusUrl, lookbackSeconds, onError, signal: deps.signal });
  const lab = deps.lab;
  const now = lab ? () => lab.now() : () => Date.now() / 1000;
  const file = opts.historyFile
    ? await HistoryFile.open(opts.historyFile, { now, tiers: defaultTiers(lookbackSeconds), warn: (message) => deps.log.warn('history file line skipped', { message }) })
    : null;
  const speed = lab ? positiveNumber(opts.labSpeed, '--lab-speed') : 1;
  const history = new LocalHistory({
    report: deps.report,
    now,
    intervalSeconds,
    lookbackSeconds,
    file,
    // Check often enough to take every sample when the lab runs fast, at most once per 50 ms.
    checkEveryMs: Math.max(50, Math.min(1000, (intervalSeconds * 1000) / speed)),
    onError,
  });
  if (lab) lab.onWarmupStep = (t) => history.sample(t);
  return history;
}

/**
 * What `serve` prints on standard output once it listens, for every source: what it serves and the
 * address it really listens on. On a wildcard address the links use localhost, which reaches it.
 */
export function urlsBanner(serving: string, address: { address: string; family: string; port: number }, tls: boolean): string {
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const wildcard = address.address === '0.0.0.0' || address.address === '::';
  const base = `${tls ? 'https' : 'http'}://${wildcard ? 'localhost' : host}:${address.port}`;
  return [
    '',
    `  poolwatch is serving ${serving}`,
    `  listening: ${host}:${address.port}${wildcard ? ' (every interface)' : ''}`,
    `  web page:  ${base}/`,
    `  metrics:   ${base}/metrics`,
    `  JSON API:  ${base}/api/v1/status`,
    '',
    '',
  ].join('\n');
}
