// MetalLB configuration objects as written, for the configuration rules: the objects MetalLB reads, their fields and where each was written.
import { DEFAULT_METALLB_NAMESPACE, METALLB_GROUP, splitApiVersion } from '../../model/kinds/metallb.ts';
import { isServedMetallbKind } from '../../model/kinds/index.ts';
import { configRef, type ConfigObject, type SourceLocation } from '../../model/types.ts';
import type { FieldPath } from '../../manifest/located.ts';
import type { FindingCode } from '../../report/codes.ts';
import type { Finding } from '../../report/types.ts';
import type { LedgerView } from '../ledger-view.ts';
import { finding } from './finding.ts';

/** The namespace an object is in: as written, else the one poolwatch assumes (MetalLB's default). */
export function namespaceOf(o: ConfigObject): string {
  return o.namespace ?? DEFAULT_METALLB_NAMESPACE;
}

/** Whether the object is metallb.io `kind` in a served version: what MetalLB's API accepts as that kind. */
export function isMetallbKind(o: ConfigObject, kind: string): boolean {
  if (o.kind !== kind) return false;
  const { group, version } = splitApiVersion(o.apiVersion);
  return group === METALLB_GROUP && isServedMetallbKind(kind, version);
}

/** The readable objects of one MetalLB kind that MetalLB reads (those in its namespace), in input order. */
export function metallbObjects(ledger: LedgerView, kind: string, metallbNamespace: string): ConfigObject[] {
  return ledger.config.filter((o) => o.readable && isMetallbKind(o, kind) && namespaceOf(o) === metallbNamespace);
}

/** The value at `path` in the object as written (undefined when absent). */
export function fieldAt(o: ConfigObject, path: FieldPath): unknown {
  let v: unknown = o.raw;
  for (const key of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string | number, unknown>)[key];
  }
  return v;
}

/** The list at `path` (an empty list when absent or not a list). */
export function listAt(o: ConfigObject, path: FieldPath): unknown[] {
  const v = fieldAt(o, path);
  return Array.isArray(v) ? v : [];
}

/** Where the field at `path` (or its closest written parent) was written. */
export function locationOf(o: ConfigObject, path: FieldPath): SourceLocation | null {
  return o.locate ? o.locate(path) : null;
}

/** A finding about one configuration object, located at the field at `path`. */
export function configFinding(code: FindingCode, message: string, o: ConfigObject, path: FieldPath): Finding {
  return finding(code, message, [configRef(o)], locationOf(o, path));
}

/** `Kind "name"`, how messages name an object. */
export function described(o: ConfigObject): string {
  return `${o.kind} "${o.name}"`;
}
