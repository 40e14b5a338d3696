// Access by one shared token (`--auth-token-file`), re-read when the file changes so a rotated Secret takes effect without a restart.
import { systemErrorText } from '../../core/system-error.ts';
import { timingSafeEqual } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { PoolwatchError } from '../../core/errors.ts';
import { MISSING_TOKEN, type AccessDecision, type Authenticator } from './authenticator.ts';

function sameToken(given: string, want: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(want);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A fixed token (tests, and the value a token file holds at a moment). */
export function fixedTokenAuth(token: string): Authenticator {
  return {
    kind: 'token',
    check: async ({ token: given }): Promise<AccessDecision> => (given !== null && sameToken(given, token) ? { allowed: true } : MISSING_TOKEN),
  };
}

function readToken(path: string): string {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new PoolwatchError('unreadable-input', `cannot read the token file: ${systemErrorText(err, path)}`, { location: path });
  }
  const token = text.trim();
  if (token === '') throw new PoolwatchError('invalid-argument', `the token file ${path} is empty`, { location: path });
  return token;
}

/** The file's identity and change time: a Secret update replaces a symlink, an editor rewrites in place; both change this. */
function version(path: string): string | null {
  try {
    const s = statSync(path);
    return `${s.dev}:${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return null;
  }
}

/**
 * The token in `path`, checked at every request against the file's current version; a changed file is
 * read again. A file that is missing, unreadable or empty after a change keeps the last good token
 * (a rotation in progress must not lock everyone out) and is reported once per version.
 */
export function tokenFileAuth(path: string, onReload: (event: { ok: boolean; message: string }) => void = () => undefined): Authenticator {
  let token = readToken(path);
  let seen = version(path);
  return {
    kind: 'token',
    async check({ token: given }) {
      const now = version(path);
      if (now !== seen) {
        seen = now;
        try {
          token = readToken(path);
          onReload({ ok: true, message: `token file ${path} changed: the new token is in use` });
        } catch (err) {
          onReload({ ok: false, message: `token file ${path} changed but cannot be used (${(err as Error).message}): the previous token stays in use` });
        }
      }
      return given !== null && sameToken(given, token) ? { allowed: true } : MISSING_TOKEN;
    },
  };
}
