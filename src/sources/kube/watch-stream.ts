// One watch connection: opens it, hands over each complete line, and ends it when the server closes it, it goes silent, or the caller stops it.
import type { KubeConfig } from '@kubernetes/client-node';
import { systemErrorText } from '../../core/system-error.ts';
import { failureMessage, KubeRequestError, kubeGet } from './list-request.ts';

/** How a watch ended without an error: the server closed it, nothing arrived within the bound, or the caller ended it. */
export type WatchEnd = 'closed' | 'silent' | 'stopped';

export interface WatchStreamOptions {
  kc: KubeConfig;
  path: string;
  query: Record<string, string>;
  /** A watch that delivers no line (event or bookmark) for this long is dead. */
  silenceMs: number;
  /** Called once the server has accepted the watch (HTTP 200). */
  onOpen(): void;
  /** Called with each complete line; returning false ends the watch ('stopped'). */
  onLine(line: string): boolean;
  signal: AbortSignal;
}

const NEWLINE = 0x0a;

/**
 * Resolves with how the watch ended; rejects with a KubeRequestError when it is refused (HTTP status)
 * or the connection fails. A line cut off by the end of the stream is dropped: the next watch resumes
 * from the last complete event, and the server sends the rest again.
 */
export async function runWatch(options: WatchStreamOptions): Promise<WatchEnd> {
  if (options.signal.aborted) return 'stopped';
  const { req, url } = await kubeGet(options.kc, options.path, options.query, options.signal);
  // Stopped while the request was prepared: the abort event has fired already, so the listener below would never hear it.
  if (options.signal.aborted) {
    req.on('error', () => undefined).destroy();
    return 'stopped';
  }
  return new Promise<WatchEnd>((resolve, reject) => {
    let settled = false;
    let silence: NodeJS.Timeout | null = null;
    const finish = (end: WatchEnd | Error) => {
      if (settled) return;
      settled = true;
      if (silence) clearTimeout(silence);
      options.signal.removeEventListener('abort', onAbort);
      if (end instanceof Error) reject(end);
      else resolve(end);
      // After settling: destroying the request fires 'error'/'close' handlers, which are then no-ops.
      req.destroy();
    };
    const onAbort = () => finish('stopped');
    options.signal.addEventListener('abort', onAbort);
    /** Counts what was heard (headers, data), so that a silence check knows whether anything came since it was armed. */
    let heard = 0;
    const armSilence = () => {
      const at = ++heard;
      if (silence) clearTimeout(silence);
      // Timers run before I/O in each turn of the event loop: after this process itself was stalled (a
      // loaded machine, a long GC), the bound has passed while the server's lines wait unread in the
      // socket. Decide after this turn's I/O, so that a stalled reader is not taken for a silent server.
      silence = setTimeout(() => setImmediate(() => heard === at && finish('silent')), options.silenceMs);
    };
    // The bound also covers waiting for the response headers: a server that accepts and never answers is as dead.
    armSilence();
    req.on('error', (err) => finish(err instanceof KubeRequestError ? err : new KubeRequestError(`watch ${url.pathname}: ${systemErrorText(err, url.host)}`)));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      if (status !== 200) {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => finish(new KubeRequestError(failureMessage(url, status, Buffer.concat(chunks).toString('utf8')), status)));
        res.on('error', (err) => finish(new KubeRequestError(`watch ${url.pathname}: ${err.message}`, status)));
        return;
      }
      options.onOpen();
      armSilence();
      /** The start of a line that the end of the last chunk cut off, in pieces: joined once its end arrives. */
      let cut: Buffer[] = [];
      /** Hands a line over; false when the watch has ended (the caller's answer, or a line that settled it). */
      const deliver = (line: string): boolean => {
        if (!options.onLine(line)) finish('stopped');
        return !settled;
      };
      res.on('data', (chunk: Buffer) => {
        if (settled) return;
        armSilence();
        let start = 0;
        let end = chunk.indexOf(NEWLINE);
        if (end !== -1 && cut.length > 0) {
          // Only the cut line's own bytes are joined, not the whole chunk (64 KB at a time during a burst).
          cut.push(chunk.subarray(0, end));
          const line = Buffer.concat(cut).toString('utf8');
          cut = [];
          if (!deliver(line)) return;
          start = end + 1;
          end = chunk.indexOf(NEWLINE, start);
        }
        while (end !== -1) {
          if (end > start && !deliver(chunk.toString('utf8', start, end))) return;
          start = end + 1;
          end = chunk.indexOf(NEWLINE, start);
        }
        if (start < chunk.length) cut.push(start === 0 ? chunk : chunk.subarray(start));
        // One chunk per turn of the event loop: otherwise a burst on this watch is read up to 2 MB at a time
        // (libuv's read loop), and a scrape waiting on another socket waits for all of it.
        res.pause();
        setImmediate(() => settled || res.resume());
      });
      res.on('end', () => finish('closed'));
      // A connection reset in the middle of a stream: the watch failed (resumed with backoff).
      res.on('error', (err) => finish(new KubeRequestError(`watch ${url.pathname}: ${err.message}`)));
      res.on('close', () => finish(res.complete ? 'closed' : new KubeRequestError(`watch ${url.pathname}: the connection was closed in the middle of the stream`)));
    });
    req.end();
  });
}
