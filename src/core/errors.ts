// Domain errors: a stable code plus context; only the CLI and HTTP edges turn them into exit codes or statuses.

/** Stable error codes. Adapters map them: CLI to exit code 2, HTTP to 400/404/500. */
export type ErrorCode =
  | 'invalid-address'
  | 'invalid-manifest'
  | 'invalid-argument'
  | 'unreadable-input'
  | 'no-manifests'
  | 'not-found'
  | 'source-unavailable'
  | 'internal';

export interface ErrorContext {
  /** File, line and column in the form `file:line:col`, when the error comes from a file. */
  location?: string;
  [key: string]: unknown;
}

export class PoolwatchError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;

  constructor(code: ErrorCode, message: string, context: ErrorContext = {}, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PoolwatchError';
    this.code = code;
    this.context = context;
  }

  /** One line for a person: `location: message`, the location said once (a message that names it already stands alone). */
  oneLine(): string {
    const location = this.context.location;
    return location && !this.message.includes(location) ? `${location}: ${this.message}` : this.message;
  }
}
