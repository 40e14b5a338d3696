// One line of a watch stream, checked: an object event, a bookmark, an error Status, or the reason it cannot be used.
import type { KubeObject } from './list-request.ts';

/** Why a watch line was skipped: the `reason` label of poolwatch_watch_errors_total. */
export type WatchErrorReason =
  /** The line is not JSON (or not a JSON object). */
  | 'invalid-json'
  /** An ADDED, MODIFIED or DELETED event without an object carrying metadata.name. */
  | 'invalid-object'
  /** A BOOKMARK without metadata.resourceVersion. */
  | 'invalid-bookmark'
  /** An ERROR event whose object is not a Status. */
  | 'invalid-error'
  /** An event type poolwatch does not know. */
  | 'unknown-type'
  /** A watch that delivered no event and no bookmark within the bound (see --dead-watch-timeout). */
  | 'silent';

export const WATCH_ERROR_REASONS: readonly WatchErrorReason[] = ['invalid-json', 'invalid-object', 'invalid-bookmark', 'invalid-error', 'unknown-type', 'silent'];

export type WatchLine =
  | { type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject }
  | { type: 'BOOKMARK'; resourceVersion: string }
  | { type: 'ERROR'; code: number | null; message: string }
  /** `untrusted`: something may have been lost, so the resource must be listed again to know the truth. */
  | { type: 'bad'; reason: WatchErrorReason; untrusted: boolean; detail: string };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The first characters of a bad line, for the log (control characters shown as escapes). */
function excerpt(line: string): string {
  const head = line.length > 80 ? `${line.slice(0, 80)}…` : line;
  return JSON.stringify(head);
}

/** Reads one line. Never throws: whatever the API server (or something in between) sends has an answer. */
export function parseWatchLine(line: string): WatchLine {
  let event: unknown;
  try {
    event = JSON.parse(line);
  } catch {
    return { type: 'bad', reason: 'invalid-json', untrusted: true, detail: `not JSON: ${excerpt(line)}` };
  }
  if (!isRecord(event)) return { type: 'bad', reason: 'invalid-json', untrusted: true, detail: `not a JSON object: ${excerpt(line)}` };
  const { type, object } = event;
  switch (type) {
    case 'ADDED':
    case 'MODIFIED':
    case 'DELETED': {
      const metadata = isRecord(object) ? object['metadata'] : undefined;
      const ns = isRecord(metadata) ? metadata['namespace'] : undefined;
      if (!isRecord(metadata) || typeof metadata['name'] !== 'string' || metadata['name'] === '' || (ns !== undefined && typeof ns !== 'string')) {
        // Which object changed is unknown, so what is served may now be wrong.
        return { type: 'bad', reason: 'invalid-object', untrusted: true, detail: `${type} event without an object with metadata.name: ${excerpt(line)}` };
      }
      return { type, object: object as KubeObject };
    }
    case 'BOOKMARK': {
      const rv = isRecord(object) && isRecord(object['metadata']) ? object['metadata']['resourceVersion'] : undefined;
      // A bookmark carries no change: a bad one loses nothing.
      if (typeof rv !== 'string' || rv === '') return { type: 'bad', reason: 'invalid-bookmark', untrusted: false, detail: `BOOKMARK without metadata.resourceVersion: ${excerpt(line)}` };
      return { type: 'BOOKMARK', resourceVersion: rv };
    }
    case 'ERROR': {
      if (!isRecord(object)) return { type: 'bad', reason: 'invalid-error', untrusted: true, detail: `ERROR event without a Status: ${excerpt(line)}` };
      const code = typeof object['code'] === 'number' ? object['code'] : null;
      const message = typeof object['message'] === 'string' ? object['message'] : 'no message';
      return { type: 'ERROR', code, message };
    }
    default:
      // Like client-go: an event of an unknown type is reported and skipped; the stream goes on.
      return { type: 'bad', reason: 'unknown-type', untrusted: false, detail: `event of unknown type: ${excerpt(line)}` };
  }
}
