// System errors (ENOENT, EADDRINUSE, ECONNREFUSED, "fetch failed", ...) as one plain sentence naming the path or address: the one place that words them.

/** The error code of a Node.js system error, looking through `fetch`'s wrapper (its cause) and aggregate errors. */
export function systemErrorCode(err: unknown): string | undefined {
  let e: unknown = err;
  for (let depth = 0; depth < 4 && e !== null && typeof e === 'object'; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code;
    const inner = (e as { cause?: unknown; errors?: unknown[] }).cause ?? (e as { errors?: unknown[] }).errors?.[0];
    e = inner;
  }
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'ETIMEDOUT';
  return undefined;
}

/** What went wrong with a file, a listening address or a server, by code; `subject` is the path or address. */
const SENTENCES: Record<string, (subject: string) => string> = {
  ENOENT: (s) => `${s} does not exist`,
  EACCES: (s) => `permission denied: poolwatch may not open ${s}`,
  EPERM: (s) => `permission denied: poolwatch may not open ${s}`,
  EISDIR: (s) => `${s} is a directory, not a file`,
  ENOTDIR: (s) => `${s} is not inside a directory (a part of the path is a file)`,
  ELOOP: (s) => `${s} leads round a loop of symbolic links`,
  EMFILE: (s) => `cannot open ${s}: too many files are open`,
  EADDRINUSE: (s) => `${s} is already in use by another program`,
  EADDRNOTAVAIL: (s) => `${s} is not an address of this machine`,
  ECONNREFUSED: (s) => `nothing is listening at ${s} (connection refused)`,
  ECONNRESET: (s) => `${s} closed the connection`,
  EHOSTUNREACH: (s) => `${s} cannot be reached (no route to the host)`,
  ENETUNREACH: (s) => `${s} cannot be reached (the network is unreachable)`,
  ENOTFOUND: (s) => `the host name of ${s} is not known (DNS lookup failed)`,
  EAI_AGAIN: (s) => `the host name of ${s} could not be looked up (DNS did not answer)`,
  ETIMEDOUT: (s) => `${s} did not answer in time`,
};

/**
 * One plain sentence for a system error about `subject` (a path or an address): `/etc/x does not exist`,
 * `127.0.0.1:9742 is already in use by another program`. An error without a known code keeps its own
 * message's first line after the subject.
 */
export function systemErrorText(err: unknown, subject: string): string {
  const code = systemErrorCode(err);
  const sentence = code === undefined ? undefined : SENTENCES[code];
  if (sentence) return sentence(subject);
  const message = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? `: ${err.cause.message}` : '';
  return `${subject}: ${(message + cause).split('\n')[0]}`;
}
