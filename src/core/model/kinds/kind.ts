// What one Kubernetes kind declares: how it is decoded, where it is read from, its snapshot slot and its live update.
import type { Advertisement, AllocationFailedEvent, AnnouncementObjects, InputProblem, Namespace, ObjectRef, Pool, Service } from '../types.ts';
import type { FieldReader } from './fields.ts';
import type { MetallbKindFacts } from './metallb.ts';

/** Where poolwatch lists and watches a kind; RBAC in deploy/kubernetes grants get/list/watch on exactly this. */
export interface KindResource {
  /** The API group ('' is the core group) and version that are watched. */
  group: string;
  version: string;
  /** The resource name in the API path and in RBAC rules, e.g. `ipaddresspools`. */
  plural: string;
  /** `cluster`: every namespace (or a cluster-scoped kind); `metallb-namespace`: only where MetalLB keeps its configuration. */
  scope: 'cluster' | 'metallb-namespace';
  fieldSelector?: string;
  /** A CRD that may not be installed: a 404 is said once and poolwatch carries on without it. */
  optional: boolean;
}

/** The mutations of the live model (the incremental ledger) that kinds apply their objects with. */
export interface LiveModel {
  setPools(pools: readonly Pool[]): void;
  setAdvertisements(ads: readonly Advertisement[]): void;
  setNamespaces(namespaces: readonly Namespace[]): void;
  setProblems(problems: readonly InputProblem[]): void;
  upsertService(svc: Service): void;
  loadServices(services: readonly Service[]): void;
  removeService(namespace: string, name: string): void;
  upsertEvent(ev: AllocationFailedEvent): void;
  removeEvent(namespace: string, serviceName: string): void;
  /** What MetalLB reports about announcing, one object at a time (a status object per service can be many). */
  upsertAnnouncementObject<K extends keyof AnnouncementObjects>(slot: K, value: AnnouncementObjects[K][number]): void;
  removeAnnouncementObject(slot: keyof AnnouncementObjects, ref: ObjectRef): void;
}


/**
 * How the live store applies a change of one object. `each`: one model value per object, applied on its own
 * (frequent kinds: a service event must not touch other services); `all`: the whole slot is handed over
 * again, its values in the order of their objects' keys (rare kinds such as pools).
 */
export type LiveApply<T> =
  | {
      mode: 'each';
      upsert(model: LiveModel, value: T): void;
      /** `before` is the value last applied for this object, kept only when `remember` is set. */
      remove(model: LiveModel, ref: ObjectRef, before: T | undefined): void;
      remember: boolean;
      /** A whole snapshot's values at once (the batch path); such slots are loaded after all others. */
      load?(model: LiveModel, values: readonly T[]): void;
    }
  | { mode: 'all'; set(model: LiveModel, values: T[]): void };

export interface Kind<T = unknown, S extends string = string> {
  kind: string;
  /** The API groups whose objects of this kind are decoded; the resource's group is always one of them. */
  groups: readonly string[];
  resource: KindResource;
  /** metallb.io kinds: the versions MetalLB serves it in, and whether it is MetalLB configuration (lint checks both). */
  metallb?: MetallbKindFacts;
  /** The ClusterSnapshot list its values go to (several kinds may share one, e.g. `pools`). */
  slot: S;
  /** Objects of this kind that are not poolwatch's business (another ConfigMap) are skipped without a problem. */
  accepts?(raw: Record<string, unknown>): boolean;
  /** Zero, one or several model values; problems go to the reader, and an object with a problem is left out. */
  decode(r: FieldReader, raw: Record<string, unknown>): T | readonly T[] | null;
  live: LiveApply<T>;
}

/** Declares a kind with its value type and slot name inferred. */
export function defineKind<T, S extends string>(kind: Kind<T, S>): Kind<T, S> {
  return kind;
}
