// Exponential backoff with jitter for restarting watches: spreads reconnects of many replicas after an outage.

export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  /** Returns a number in [0, 1); injectable so tests are deterministic. */
  random?: () => number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000 };

export class Backoff {
  private attempt = 0;
  private readonly options: BackoffOptions;

  constructor(options: BackoffOptions = DEFAULT_BACKOFF) {
    this.options = options;
  }

  /** The next delay: initial * 2^attempt capped at max, then a random part of its upper half ("equal jitter"). */
  next(): number {
    const ceiling = Math.min(this.options.maxMs, this.options.initialMs * 2 ** Math.min(this.attempt, 30));
    this.attempt++;
    const random = this.options.random ?? Math.random;
    return Math.round(ceiling / 2 + random() * (ceiling / 2));
  }

  /** After a success the next failure starts from the initial delay again. */
  reset(): void {
    this.attempt = 0;
  }

  get failures(): number {
    return this.attempt;
  }
}
