// A pending reason's declaration: its stable code, and the reason value the allocator step that stops a service gives.

/** A pending reason (one file per reason in this folder, listed once in index.ts; docs/reasons.md has a section per code). */
export interface PendingReason<C extends string = string> {
  readonly code: C;
  /** The reason with the message the detecting step words (naming the pools it considered, with their numbers). */
  because(message: string): { code: C; message: string };
}

export function pendingReason<C extends string>(code: C): PendingReason<C> {
  return { code, because: (message) => ({ code, message }) };
}
