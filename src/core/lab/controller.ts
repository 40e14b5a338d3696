// The part of MetalLB's controller the lab drives: the allocator assigns addresses to new services and frees them.
import type { Namespace, Pool, Service } from '../model/types.ts';
import type { AllocationResult } from '../allocator/index.ts';

/** What the lab asks of an allocator; src/core/allocator's Allocator is the one it uses. */
export interface LabController {
  setConfig(pools: readonly Pool[], namespaces: readonly Namespace[]): unknown;
  allocate(svc: Service): AllocationResult;
  release(key: string): void;
}
