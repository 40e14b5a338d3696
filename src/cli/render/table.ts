// Plain aligned text columns; cells may carry colour codes, which do not count towards the width.
// eslint-disable-next-line no-control-regex -- colour codes are exactly what must be skipped
const ANSI = /\x1b\[[0-9;]*m/g;

function width(s: string): number {
  return s.replace(ANSI, '').length;
}

/** Renders rows under a header with two spaces between columns; `right` lists right-aligned columns. */
export function renderTable(header: string[], rows: string[][], right: ReadonlySet<number> = new Set()): string {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) =>
      r
        .map((cell, i) => {
          const pad = ' '.repeat(widths[i]! - width(cell));
          return right.has(i) ? pad + cell : i === r.length - 1 ? cell : cell + pad;
        })
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}
