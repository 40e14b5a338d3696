// Text from a cluster or a file made safe for a terminal: control characters shown as escapes, never sent raw.
//
// A name or a file can hold ESC sequences (clear the screen, move the cursor, retitle the window), line
// breaks (forge a CI log line) or bidirectional overrides (show text in another order than it is). Every
// text output renders such strings through here; JSON output stays exact.

// C0 controls (line breaks and tabs included), DEL, C1 controls, line/paragraph separators and bidirectional controls.
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]/g;

function escape(c: string): string {
  const code = c.charCodeAt(0);
  if (c === '\n') return '\\n';
  if (c === '\r') return '\\r';
  if (c === '\t') return '\\t';
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** `s` with every control character written as an escape (`\x1b`, `\n`, `\u202e`). */
export function visible(s: string): string {
  UNSAFE.lastIndex = 0;
  return UNSAFE.test(s) ? s.replace(UNSAFE, escape) : s;
}

/** A copy of `value` (plain objects and arrays) with every string in it passed through `visible`. */
export function visibleStrings<T>(value: T): T {
  if (typeof value === 'string') return visible(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => visibleStrings(v)) as T;
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = visibleStrings(v);
    return out as T;
  }
  return value;
}
