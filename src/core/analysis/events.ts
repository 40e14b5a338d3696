// The one latest-event rule: which of two AllocationFailed events about one service is the one to show.
import type { AllocationFailedEvent } from '../model/types.ts';

/** Whether `next` replaces `prev`: it does unless both are dated and `next` is older (a later arrival wins a tie or a missing date). */
export function newerEvent(next: AllocationFailedEvent, prev: AllocationFailedEvent): boolean {
  return !(prev.lastTimestamp && next.lastTimestamp && prev.lastTimestamp > next.lastTimestamp);
}

/** The latest AllocationFailed event per service key, the events taken in the order given. */
export function latestEvents(events: readonly AllocationFailedEvent[]): Map<string, AllocationFailedEvent> {
  const out = new Map<string, AllocationFailedEvent>();
  for (const e of events) {
    const key = `${e.namespace}/${e.serviceName}`;
    const prev = out.get(key);
    if (!prev || newerEvent(e, prev)) out.set(key, e);
  }
  return out;
}
