// IP sharing rules: allow-shared-ip keys, the backend key of Local services, and (protocol, port) clashes.
import { metallbAnnotation } from '../model/annotations.ts';
import type { Service } from '../model/types.ts';

/** What two services must agree on to share an address (MetalLB's allocator key). */
export interface ShareKey {
  /** The allow-shared-ip annotation value; "" means the service does not share. */
  sharing: string;
  /** For externalTrafficPolicy Local: the selector as `k=v,k2=v2` (sorted); "" otherwise. */
  backend: string;
}

/** The sharing key of a service: metallb.io/allow-shared-ip, else the legacy annotation. */
export function shareKeyOf(svc: Service): ShareKey {
  const sharing = metallbAnnotation(svc, 'allow-shared-ip')?.value ?? '';
  // Cluster-policy services can share whatever their backends; Local ones need the same pods (selector).
  const backend =
    svc.externalTrafficPolicy === 'Local'
      ? Object.keys(svc.selector)
          .sort()
          .map((k) => `${k}=${svc.selector[k]}`)
          .join(',')
      : '';
  return { sharing, backend };
}

/** The service's ports as `TCP/80`, the unit of a sharing clash. */
export function portsOf(svc: Service): string[] {
  return svc.ports.map((p) => `${(p.protocol || 'TCP').toUpperCase()}/${p.port}`);
}

/** Who uses an address and how: enough to decide whether another service may join. */
export interface AddressUsers {
  /** The key of the most recent user (all users agree on it, except a sole user changing its own key). */
  key: ShareKey;
  /** Service keys (`namespace/name`) holding the address (a short list: usually one). */
  users: readonly string[];
  /** Flat pairs: `TCP/80`, then the service key holding that port on the address (arrays, not maps: most addresses have one user). */
  ports: readonly string[];
}

/** The service holding the port on the address, if any. */
export function portHolder(users: AddressUsers, port: string): string | undefined {
  const p = users.ports;
  for (let i = 0; i < p.length; i += 2) if (p[i] === port) return p[i + 1];
  return undefined;
}

export type SharingConflict =
  | { kind: 'existing-no-key'; holders: string[] }
  | { kind: 'new-no-key'; holders: string[] }
  | { kind: 'key-mismatch'; holders: string[]; theirs: string }
  | { kind: 'backend-mismatch'; holders: string[]; theirs: string }
  | { kind: 'port'; holders: string[]; port: string };

/**
 * Whether `svcKey` with `key` and `ports` may use an address with these users (MetalLB's checkSharing):
 * null when it may. Keys must be equal and non-empty, unless the service is the address's only user
 * (it may change its own key); and no port of the service may be held by another service.
 */
export function sharingConflict(users: AddressUsers | undefined, svcKey: string, key: ShareKey, ports: readonly string[]): SharingConflict | null {
  if (!users || users.users.length === 0) return null;
  const others = users.users.length === 1 && users.users[0] === svcKey ? [] : users.users.filter((u) => u !== svcKey).sort();
  if (others.length > 0) {
    if (users.key.sharing === '') return { kind: 'existing-no-key', holders: others };
    if (key.sharing === '') return { kind: 'new-no-key', holders: others };
    if (users.key.sharing !== key.sharing) return { kind: 'key-mismatch', holders: others, theirs: users.key.sharing };
    if (users.key.backend !== key.backend) return { kind: 'backend-mismatch', holders: others, theirs: users.key.backend };
  }
  for (const port of ports) {
    const holder = portHolder(users, port);
    if (holder !== undefined && holder !== svcKey) return { kind: 'port', holders: [holder], port };
  }
  return null;
}

/** `held by shop/api, which has no allow-shared-ip key` and the like: the end of a reason message. */
export function describeConflict(c: SharingConflict, key: ShareKey): string {
  const who = c.holders.join(', ');
  switch (c.kind) {
    case 'existing-no-key':
      return `held by ${who}, which has no allow-shared-ip key`;
    case 'new-no-key':
      return `held by ${who}; this service has no allow-shared-ip key, so it cannot share`;
    case 'key-mismatch':
      return `held by ${who} with allow-shared-ip "${c.theirs}", not "${key.sharing}"`;
    case 'backend-mismatch':
      return `held by ${who} with ${backendText(c.theirs)}, while this service has ${backendText(key.backend)} (externalTrafficPolicy Local services share only with the same selector)`;
    case 'port':
      return `held by ${who}, which already uses port ${c.port} on it`;
  }
}

function backendText(backend: string): string {
  return backend === '' ? 'externalTrafficPolicy Cluster' : `externalTrafficPolicy Local and selector "${backend}"`;
}
