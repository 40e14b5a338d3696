// Located objects: a raw manifest object plus a way to find where any of its fields was written.
import type { InputProblem, Locator, SourceLocation } from '../model/types.ts';

export type { FieldPath, Locator } from '../model/types.ts';

export interface LocatedObject {
  raw: Record<string, unknown>;
  locate: Locator;
}

/** What reading one manifest text produced: every object found, and every problem met on the way. */
export interface ManifestParseResult {
  objects: LocatedObject[];
  problems: InputProblem[];
}

/** Hands each object on and drops it, so a large dump is never held twice (raw and decoded) in memory. */
export function handOn(parsed: ManifestParseResult, onObject: (o: LocatedObject) => void): InputProblem[] {
  const objects = parsed.objects as Array<LocatedObject | null>;
  for (let i = 0; i < objects.length; i++) {
    const o = objects[i]!;
    objects[i] = null;
    onObject(o);
  }
  return parsed.problems;
}

/** file:line:col of offsets into `text`; the line index is built on the first call (most texts are never located into). */
export function offsetLocator(text: string, file: string): (offset: number) => SourceLocation {
  let lines: LineIndex | null = null;
  return (offset) => {
    const { line, col } = (lines ??= new LineIndex(text)).position(offset);
    return { file, line, col };
  };
}

export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  position(offset: number): { line: number; col: number } {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - this.starts[lo]! + 1 };
  }
}
