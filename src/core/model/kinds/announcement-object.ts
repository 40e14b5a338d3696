// How the live store applies the objects MetalLB reports about announcing: one at a time, by namespace and name.
import type { AnnouncementObjects } from '../types.ts';
import type { LiveApply } from './kind.ts';

export function applyAnnouncementObject<K extends keyof AnnouncementObjects>(slot: K): LiveApply<AnnouncementObjects[K][number]> {
  return {
    mode: 'each',
    upsert: (model, value) => model.upsertAnnouncementObject(slot, value),
    remove: (model, ref) => model.removeAnnouncementObject(slot, ref),
    remember: false,
  };
}
