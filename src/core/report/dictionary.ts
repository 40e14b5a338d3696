// Plain objects used as dictionaries (many different keys), made so V8 stores them as hash tables from the start.
/**
 * An empty plain object (Object.prototype, as `{}`) in V8's dictionary mode. Adding many different keys to
 * a `{}` makes a new hidden class per key and order: building the per-namespace counts of 1,000 pools was
 * measured five to eight times slower that way. Deleting a property that is not the last one added
 * switches V8 to dictionary mode; the object is otherwise an ordinary `{}`.
 */
export function dictionary<T>(): Record<string, T> {
  const o: Record<string, unknown> = { first: 0, second: 0 };
  delete o['first'];
  delete o['second'];
  return o as Record<string, T>;
}
