// Everything poolwatch knows about one cluster at one moment: one list per kind slot (see kinds/index.ts), and the problems.
import { KINDS, type Slot, type SlotValue } from './kinds/index.ts';
import type { ConfigObject, InputProblem } from './types.ts';

/** `config`: MetalLB configuration objects as written, in input order (for the configuration checks). */
export type ClusterSnapshot = { [S in Slot]: Array<SlotValue<S>> } & { problems: InputProblem[]; config: ConfigObject[] };

/** The snapshot's list names: every kind's slot, then `problems` and `config`. */
export const SNAPSHOT_KEYS: ReadonlyArray<keyof ClusterSnapshot> = [...new Set<keyof ClusterSnapshot>([...KINDS.map((k) => k.slot), 'problems', 'config'])];

export function emptySnapshot(): ClusterSnapshot {
  return Object.fromEntries(SNAPSHOT_KEYS.map((key) => [key, []])) as unknown as ClusterSnapshot;
}
