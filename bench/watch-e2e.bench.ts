// End to end: 20,000 service events streamed by the fake API server through a real socket into a `serve --source kube` process, scraped during the burst.
//
// The whole path: the API server's watch stream → poolwatch's watch reader → decode → ledger → /metrics.
// The fake API server runs in a process of its own (bench/watch-producer.ts) and writes a burst serialised
// beforehand, so the producer does not bound the rate, and this process only scrapes.
// POOLWATCH_BENCH_BIN runs another checkout's bin/poolwatch.js (for before/after figures);
// POOLWATCH_BENCH_NODE_ARGS passes node flags to the serve process (e.g. --cpu-prof --cpu-prof-dir=DIR).
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Bench, BenchResult } from './bench.ts';
import type { ProducerMessage, ProducerRequest } from './watch-producer.ts';
import { freePort, startProcess, waitFor } from '../test/support/processes.ts';
import { repoRoot } from '../test/support/serve.ts';
// @ts-expect-error: a plain ES module without type declarations
import { buildAll } from '../scripts/build.mjs';

const POOLS = 20;
const SERVICES = 10_000;
const EVENTS = 20_000;
/**
 * The pause between scrapes during the burst (each scrape waits for the previous one); POOLWATCH_BENCH_SCRAPE_MS
 * changes it. A scrape redoes the services changed since the last one, so at 25 ms a large part of the serve
 * process's time goes to scrapes: a stress far beyond Prometheus's 15 to 60 s, and what bounds the events per second.
 */
const SCRAPE_EVERY_MS = Number(process.env['POOLWATCH_BENCH_SCRAPE_MS'] ?? 25);

const APPLIED = /^poolwatch_events_applied_total\{kind="Service"\} (\d+)$/m;

/** User + system CPU seconds a process has used so far (Linux: fields 14 and 15 of /proc/PID/stat, in clock ticks of 1/100 s). */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

/** The producer process and a way to ask it something (its answer is a number). */
function startProducer(): { child: ChildProcess; ready: Promise<string>; ask(op: ProducerRequest['op']): Promise<number> } {
  const script = fileURLToPath(new URL('./watch-producer.ts', import.meta.url));
  const child = fork(script, [String(POOLS), String(SERVICES), String(EVENTS)], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const waiting = new Map<number, (value: number) => void>();
  let nextId = 0;
  const ready = new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the producer exited (${code}) before it was ready`)));
    child.on('message', (m: ProducerMessage) => {
      if (m.op === 'ready') resolve(m.kubeconfig);
      else waiting.get(m.id)?.(m.value);
    });
  });
  const ask = (op: ProducerRequest['op']) =>
    new Promise<number>((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ op, id } satisfies ProducerRequest);
    });
  return { child, ready, ask };
}

const bench: Bench = {
  name: 'watch-e2e',
  async run() {
    const producer = startProducer();
    const dir = mkdtempSync(join(tmpdir(), 'poolwatch-watch-bench-'));
    writeFileSync(join(dir, 'config'), await producer.ready);
    const port = await freePort();
    const other = process.env['POOLWATCH_BENCH_BIN'];
    if (other === undefined) await buildAll({ quiet: true });
    const bin = other ?? join(repoRoot, 'bin', 'poolwatch.js');
    const nodeArgs = (process.env['POOLWATCH_BENCH_NODE_ARGS'] ?? '').split(' ').filter((a) => a !== '');
    const serve = startProcess(process.execPath, [...nodeArgs, bin, 'serve', '--source', 'kube', '--listen', `127.0.0.1:${port}`, '--log-level', 'warn'], {
      env: { PATH: process.env['PATH'] ?? '', KUBECONFIG: join(dir, 'config') },
      lifetimeMs: 300_000,
    });
    const url = `http://127.0.0.1:${port}`;
    const scrape = async () => {
      const started = performance.now();
      const body = await (await fetch(`${url}/metrics`)).text();
      return { ms: performance.now() - started, applied: Number(APPLIED.exec(body)?.[1] ?? 0), body };
    };
    try {
      await waitFor('serve to list the cluster', async () => ((await scrape()).applied >= SERVICES ? true : undefined), 120_000, 200);
      await waitFor('the watches to open', async () => ((await producer.ask('watches')) >= 7 ? true : undefined), 30_000, 50);
      await scrape(); // the first report after the list, computed before timing

      const target = SERVICES + EVENTS;
      const latencies: number[] = [];
      // The burst: every service moves to its other address, then back (20,000 MODIFIED events).
      const cpuBefore = cpuSeconds(serve.pid);
      const started = performance.now();
      const writtenMs = await producer.ask('burst');
      let last = { ms: 0, applied: 0, body: '' };
      const deadline = Date.now() + 120_000;
      while (last.applied < target && Date.now() < deadline) {
        last = await scrape();
        latencies.push(last.ms);
        if (last.applied < target) await sleep(SCRAPE_EVERY_MS);
      }
      const seconds = (performance.now() - started) / 1000;
      const cpu = cpuSeconds(serve.pid) - cpuBefore;
      if (last.applied < target) throw new Error(`only ${last.applied - SERVICES} of ${EVENTS} events applied within 120 s\n${serve.output()}`);
      // The report is the server's truth: every service back on its first address.
      if (!/^poolwatch_service_address_info\{namespace="ns-7",service="svc-7",pool="pool-7",ip="10\.7\.0\.0"\} 1$/m.test(last.body)) {
        throw new Error('the last scrape does not show svc-7 back on its first address');
      }
      const perSecond = EVENTS / seconds;
      const worst = Math.max(...latencies);
      const sorted = [...latencies].sort((a, b) => a - b);
      const rows: BenchResult[] = [
        { name: `watch-e2e: events applied end to end (${SERVICES} svc)`, value: perSecond, unit: 'ev/s', target: '>= 20000', ok: perSecond >= 20_000 },
        { name: 'watch-e2e: /metrics during the burst, median', value: sorted[Math.floor(sorted.length / 2)]!, unit: 'ms' },
        { name: 'watch-e2e: /metrics during the burst, worst', value: worst, unit: 'ms', target: '<= 250', ok: worst <= 250 },
        { name: 'watch-e2e: scrapes during the burst', value: latencies.length, unit: '' },
        { name: 'watch-e2e: CPU of the serve process during the burst', value: cpu * 1000, unit: 'ms' },
        { name: 'watch-e2e: the fake API server wrote the events in', value: writtenMs, unit: 'ms' },
      ];
      return rows;
    } finally {
      await serve.stop(15_000);
      const exited = new Promise((resolve) => producer.child.once('exit', resolve));
      if (producer.child.exitCode === null) producer.child.disconnect();
      await exited;
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

export default bench;
