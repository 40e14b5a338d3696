// The last guard of `serve`: a promise rejection nothing handled is logged and the source restarted, instead of the process dying with a stack trace.
import type { Logger } from '../log.ts';
import type { LiveSource } from '../sources/live-source.ts';

/** The part of `process` the guard uses (tests pass an EventEmitter). */
export interface RejectionEmitter {
  on(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'unhandledRejection', listener: (reason: unknown) => void): unknown;
}

/**
 * Installs the guard; returns a function that removes it. A rejection that reaches here is a bug
 * (every known failure of a source is handled where it happens), so it is logged as an error with its
 * stack, and the source starts reading afresh: a state it may have half-applied is replaced by a new list.
 */
export function guardUnhandledRejections(emitter: RejectionEmitter, log: Logger, source: Pick<LiveSource, 'restart'>): () => void {
  let restarting: Promise<void> | null = null;
  const listener = (reason: unknown) => {
    const error = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    log.error('unhandled error: restarting the source', { error });
    if (!source.restart || restarting) return;
    restarting = source
      .restart()
      .catch((err: unknown) => log.error('restarting the source failed', { error: String(err) }))
      .finally(() => (restarting = null));
  };
  emitter.on('unhandledRejection', listener);
  return () => emitter.off('unhandledRejection', listener);
}
