// Live updates: server-sent events read with fetch (so a bearer token can go along), falling back to polling.
import { checkResponse, requestHeaders, Unauthorized } from './api.ts';

const MIN_INTERVAL_MS = 2000;
const MAX_INTERVAL_MS = 30_000;
/** A stream that delivers nothing this long (a buffering proxy) counts as failed. */
const FIRST_EVENT_TIMEOUT_MS = 10_000;
/** After this many failed streams in a row the page only polls. */
const STREAM_ATTEMPTS = 2;

export interface LiveOptions {
  /** `api/v1/events?...`: the stream. */
  streamPath: string;
  /** `api/v1/live?...`: the same document, polled. */
  poll: () => Promise<unknown>;
  onDocument: (doc: unknown) => void;
  onState: (state: 'streaming' | 'polling' | 'error' | 'unauthorized', error?: Error) => void;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Starts live updates; returns the function that stops them. */
export function startLive(opts: LiveOptions): () => void {
  const abort = new AbortController();
  let stopped = false;

  /** Reads one stream until it ends; true when it delivered at least one document. */
  async function stream(): Promise<boolean> {
    let delivered = false;
    const attempt = new AbortController();
    const onStop = () => attempt.abort();
    abort.signal.addEventListener('abort', onStop);
    const firstEvent = setTimeout(() => attempt.abort(), FIRST_EVENT_TIMEOUT_MS);
    try {
      const res = await checkResponse(opts.streamPath, await fetch(opts.streamPath, { headers: requestHeaders('text/event-stream'), cache: 'no-store', signal: attempt.signal }));
      if (!res.body) return false;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return delivered;
        buffer += value;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let name = 'message';
          const data: string[] = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) name = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (name !== 'update' || data.length === 0) continue;
          if (!delivered) clearTimeout(firstEvent);
          delivered = true;
          opts.onState('streaming');
          opts.onDocument(JSON.parse(data.join('\n')));
        }
      }
    } catch (err) {
      if (err instanceof Unauthorized) throw err;
      return delivered;
    } finally {
      clearTimeout(firstEvent);
      abort.signal.removeEventListener('abort', onStop);
    }
  }

  /** One poll; returns how long it took (the pause grows with it, so a huge cluster does not flood the server). */
  async function pollOnce(): Promise<number> {
    const started = performance.now();
    try {
      opts.onDocument(await opts.poll());
      opts.onState('polling');
    } catch (err) {
      if (err instanceof Unauthorized) throw err;
      opts.onState('error', err as Error);
    }
    return performance.now() - started;
  }

  async function run(): Promise<void> {
    let failures = 0;
    while (!stopped) {
      if (failures < STREAM_ATTEMPTS) {
        const delivered = await stream();
        if (stopped) return;
        failures = delivered ? 0 : failures + 1;
      }
      // The stream ended or cannot be had: poll (once between stream attempts, for good after repeated failures).
      const took = await pollOnce();
      const pause = document.hidden ? MAX_INTERVAL_MS : Math.min(MAX_INTERVAL_MS, Math.max(MIN_INTERVAL_MS, took * 10));
      await sleep(failures < STREAM_ATTEMPTS ? MIN_INTERVAL_MS : pause);
    }
  }

  run().catch((err) => {
    if (err instanceof Unauthorized) opts.onState('unauthorized', err);
    else opts.onState('error', err as Error);
  });
  return () => {
    stopped = true;
    abort.abort();
  };
}
