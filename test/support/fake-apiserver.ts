// A fake Kubernetes API server on 127.0.0.1 speaking the real list/watch protocol, with faults tests can inject.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** The resources poolwatch reads, by plural name. */
export type FakeResource =
  | 'services'
  | 'namespaces'
  | 'configmaps'
  | 'events'
  | 'ipaddresspools'
  | 'l2advertisements'
  | 'bgpadvertisements'
  | 'nodes'
  | 'servicel2statuses'
  | 'servicebgpstatuses'
  | 'bgppeers'
  | 'configurationstates'
  | 'bgpsessionstates';

/** The resources that are custom resources (MetalLB's and frr-k8s's CRDs), which may not be installed. */
export type CustomResource = Exclude<FakeResource, 'services' | 'namespaces' | 'configmaps' | 'events' | 'nodes'>;

interface ResourceInfo {
  /** '' for the core group. */
  group: string;
  version: string;
  kind: string;
  namespaced: boolean;
}

const RESOURCES: Record<FakeResource, ResourceInfo> = {
  services: { group: '', version: 'v1', kind: 'Service', namespaced: true },
  namespaces: { group: '', version: 'v1', kind: 'Namespace', namespaced: false },
  configmaps: { group: '', version: 'v1', kind: 'ConfigMap', namespaced: true },
  events: { group: '', version: 'v1', kind: 'Event', namespaced: true },
  ipaddresspools: { group: 'metallb.io', version: 'v1beta1', kind: 'IPAddressPool', namespaced: true },
  l2advertisements: { group: 'metallb.io', version: 'v1beta1', kind: 'L2Advertisement', namespaced: true },
  bgpadvertisements: { group: 'metallb.io', version: 'v1beta1', kind: 'BGPAdvertisement', namespaced: true },
  nodes: { group: '', version: 'v1', kind: 'Node', namespaced: false },
  servicel2statuses: { group: 'metallb.io', version: 'v1beta1', kind: 'ServiceL2Status', namespaced: true },
  servicebgpstatuses: { group: 'metallb.io', version: 'v1beta1', kind: 'ServiceBGPStatus', namespaced: true },
  bgppeers: { group: 'metallb.io', version: 'v1beta2', kind: 'BGPPeer', namespaced: true },
  configurationstates: { group: 'metallb.io', version: 'v1beta1', kind: 'ConfigurationState', namespaced: true },
  bgpsessionstates: { group: 'frrk8s.metallb.io', version: 'v1beta1', kind: 'BGPSessionState', namespaced: true },
};

type Obj = { metadata: { name: string; namespace?: string; resourceVersion?: string; [k: string]: unknown }; [k: string]: unknown };
type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

interface HistoryEntry {
  rv: number;
  type: WatchEventType;
  object: Obj;
}

interface OpenWatch {
  resource: FakeResource;
  namespace: string | null;
  fieldSelector: string | null;
  labelSelector: string | null;
  res: ServerResponse;
  /** A frozen watch keeps its connection open but delivers nothing, like a half-open connection. */
  frozen?: boolean;
  /** The next event goes out half-written, then the stream ends. */
  cutNext?: boolean;
  /** Set by trickleWatches: writes garbage now and then, and the server-side timeout no longer ends the watch. */
  trickle?: NodeJS.Timeout;
}

/** A paginated list in progress: the snapshot its continue tokens page through. */
interface ListSnapshot {
  items: Obj[];
  rv: number;
}

export interface RequestRecord {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
}

export interface FakeApiServerOptions {
  /** MetalLB CRDs that are installed; the others answer 404. Default: all of them. */
  crds?: CustomResource[];
  /** Port to listen on (default: any free one). */
  port?: number;
  /** How often a watch that asked for bookmarks (allowWatchBookmarks=true) gets one; default 1000 ms. */
  bookmarkEveryMs?: number;
  /** Watches are not ended after the `timeoutSeconds` they ask for (a server or proxy that ignores it). */
  ignoreWatchTimeouts?: boolean;
}

export interface HeldRequests {
  waiting(): number;
  abandoned(): number;
  release(): void;
}

export interface ReviewUser {
  username: string;
  uid?: string;
  groups?: string[];
}

export interface FakeApiServer {
  url: string;
  port: number;
  /** A kubeconfig (YAML) with one context, `fake`, pointing at this server. */
  kubeconfig(): string;
  /** Creates or replaces an object, as `kubectl apply` would; returns it with its new resourceVersion. */
  apply(resource: FakeResource, object: Record<string, unknown>): Obj;
  /**
   * Prepares a burst of changes (for benchmarks): the objects get their resourceVersions and watch lines
   * now, so `send()` costs only storing them and one socket write per open watch. Nothing else may change
   * the resource between the two calls.
   */
  prepare(resource: FakeResource, objects: Array<Record<string, unknown>>): { send(): void };
  /** Deletes an object; returns false when it did not exist. */
  remove(resource: FakeResource, namespace: string | null, name: string): boolean;
  /** Current objects of a resource. */
  list(resource: FakeResource): Obj[];
  /**
   * The next `count` requests whose path includes `pathPart` (default: any), and that carry the query
   * parameter `withQuery` if given, answer `status` (default 500).
   */
  failNext(count: number, options?: { status?: number; pathPart?: string; withQuery?: string }): void;
  /** List requests for a next page (with a continue token) wait until `release()`; `waiting()` counts those held now. */
  holdNextPages(): { waiting(): number; release(): void };
  /**
   * Requests that `match` are answered slowly until `release()`: the headers (200) go out at once, then a
   * space every 100 ms (JSON allows it before the body), so the client's idle timeout never ends the wait,
   * as with a server streaming a large answer. Then the real answer follows. `waiting()` counts the
   * requests held now; `abandoned()` those whose client closed the connection while held.
   */
  holdRequests(match: (request: { method: string; path: string; query: Record<string, string> }) => boolean): HeldRequests;
  /** Delays every response (list bodies and watch headers) by `ms`; 0 turns it off. */
  setDelay(ms: number): void;
  /** Compacts history: open watches get an ERROR 410 event and are closed; watches from an older resourceVersion get 410. */
  expire(): void;
  /** Destroys the connections of every open watch without a clean end (like a dropped network). */
  dropWatches(): void;
  /** Open watches stay connected but receive nothing more (a connection that died silently). */
  freezeWatches(): void;
  /**
   * Open watches of `resource` get no event and no bookmark any more, only `text` every `everyMs` (bytes
   * that never make a line, say), and stay open past the server-side timeout they asked for: a server or
   * proxy gone wrong. Watches opened afterwards work normally.
   */
  trickleWatches(resource: FakeResource, text: string, everyMs: number): void;
  /** Stops listening and destroys every connection: the server becomes unreachable. */
  goDown(): Promise<void>;
  /** Listens again on the same port. */
  comeUp(): Promise<void>;
  /** Writes `text` as it is (add the newline yourself) to every open watch of `resource`: for malformed events and garbage (bytes: for cuts inside a character). */
  injectWatchText(resource: FakeResource, text: string | Uint8Array): void;
  /** Every open watch of `resource` gets the first half of the JSON line of its next event, then the server ends the stream. */
  cutNextEvent(resource: FakeResource): void;
  /** Every request whose path includes `pathPart` (default: any) answers `status` (default 500) until `clear()` is called. */
  failAll(options?: { status?: number; pathPart?: string }): { clear(): void };
  /** Number of watches currently open, for one resource or all. */
  openWatches(resource?: FakeResource): number;
  /** TokenReview accepts this token as this user (any other token is not authenticated). */
  addToken(token: string, user: ReviewUser): void;
  /** SubjectAccessReview allows `get` on `target` to this user or group: a non-resource path (`/metrics`, `/api/*`) or `resource[/subresource]`. */
  allow(userOrGroup: string, target: string): void;
  /** The spec of every TokenReview and SubjectAccessReview posted, in order. */
  reviews: Array<{ kind: 'TokenReview' | 'SubjectAccessReview'; spec: Record<string, unknown> }>;
  /** Every request answered so far. */
  requests: RequestRecord[];
  stop(): Promise<void>;
}

function resourcePath(resource: FakeResource): string {
  const info = RESOURCES[resource];
  return info.group === '' ? `/api/${info.version}` : `/apis/${info.group}/${info.version}`;
}

/** Parses `/api/v1[/namespaces/NS]/PLURAL` (or the /apis/ form) into a resource and optional namespace. */
function routeOf(pathname: string): { resource: FakeResource; namespace: string | null } | null {
  for (const resource of Object.keys(RESOURCES) as FakeResource[]) {
    const base = resourcePath(resource);
    if (pathname === `${base}/${resource}`) return { resource, namespace: null };
    const m = pathname.startsWith(`${base}/namespaces/`) ? pathname.slice(base.length + '/namespaces/'.length).split('/') : null;
    if (m && m.length === 2 && m[1] === resource && RESOURCES[resource].namespaced) return { resource, namespace: m[0]! };
  }
  return null;
}

function fieldValue(obj: unknown, path: string): string | undefined {
  let cur: unknown = obj;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur === undefined || cur === null ? undefined : String(cur);
}

/** Equality-only selectors (`a=b,c!=d`), which is all poolwatch sends. */
function selectorMatches(selector: string | null, get: (key: string) => string | undefined): boolean {
  if (!selector) return true;
  return selector.split(',').every((term) => {
    const neg = term.includes('!=');
    const [key, value] = neg ? term.split('!=') : term.split(/==?/);
    const actual = get(key!.trim());
    return neg ? actual !== value!.trim() : actual === value!.trim();
  });
}

function statusBody(code: number, reason: string, message: string): string {
  return JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code });
}

export async function startFakeApiServer(options: FakeApiServerOptions = {}): Promise<FakeApiServer> {
  const installed = new Set<FakeResource>(options.crds ?? (Object.keys(RESOURCES) as FakeResource[]).filter((r) => RESOURCES[r].group !== ''));
  const store = new Map<FakeResource, Map<string, Obj>>();
  const history = new Map<FakeResource, HistoryEntry[]>();
  for (const r of Object.keys(RESOURCES) as FakeResource[]) {
    store.set(r, new Map());
    history.set(r, []);
  }
  const bookmarkEveryMs = options.bookmarkEveryMs ?? 1000;
  /** Paginated lists in progress, by continue token; compaction (expire) forgets them, as etcd does. */
  const snapshots = new Map<string, ListSnapshot>();
  let snapshotCounter = 0;
  let rv = 100;
  /** Watches from a resourceVersion below this answer 410 Gone. */
  let compactedBelow = 0;
  let delayMs = 0;
  /** While set, requests for a next list page wait for it. */
  let pageHold: { held: number; released: Promise<void> } | null = null;
  /** Requests answered slowly until released (holdRequests). */
  const slowHolds = new Set<{ match: Parameters<FakeApiServer['holdRequests']>[0]; held: number; abandoned: number; released: Promise<void> }>();
  const faults: Array<{ remaining: number; status: number; pathPart: string; withQuery: string | null }> = [];
  const persistentFaults = new Set<{ status: number; pathPart: string }>();
  const watches = new Set<OpenWatch>();
  const sockets = new Set<Socket>();
  const requests: RequestRecord[] = [];
  let uidCounter = 0;
  const tokens = new Map<string, ReviewUser>();
  const grants: Array<{ subject: string; target: string }> = [];
  const reviews: FakeApiServer['reviews'] = [];

  /** Answers a TokenReview or SubjectAccessReview the way the real API server does (201, the review with its status). */
  function answerReview(kind: 'TokenReview' | 'SubjectAccessReview', spec: Record<string, unknown>): Record<string, unknown> {
    reviews.push({ kind, spec });
    if (kind === 'TokenReview') {
      const user = tokens.get(String(spec['token']));
      return user ? { authenticated: true, user: { groups: ['system:authenticated'], ...user } } : { authenticated: false, error: 'invalid bearer token' };
    }
    const subjects = [String(spec['user']), ...((spec['groups'] as string[] | undefined) ?? [])];
    const nonResource = spec['nonResourceAttributes'] as { path: string; verb: string } | undefined;
    const resource = spec['resourceAttributes'] as { resource: string; subresource?: string; verb: string } | undefined;
    const target = nonResource ? nonResource.path : `${resource?.resource ?? ''}${resource?.subresource ? `/${resource.subresource}` : ''}`;
    const verb = nonResource?.verb ?? resource?.verb;
    const allowed = verb === 'get' && grants.some((g) => subjects.includes(g.subject) && (g.target === target || (g.target.endsWith('*') && target.startsWith(g.target.slice(0, -1)))));
    return allowed ? { allowed: true } : { allowed: false, reason: 'no RBAC rule allows it' };
  }

  const key = (ns: string | undefined, name: string) => `${ns ?? ''}/${name}`;
  const existingOf = (resource: FakeResource, object: Record<string, unknown>) => store.get(resource)!.get(key((object as Obj).metadata.namespace, (object as Obj).metadata.name));

  /** The object as the server stores it at resourceVersion `at`: a JSON copy (what a client sent over the wire, and far cheaper than structuredClone on Node 20) with the server's fields. */
  function stored(resource: FakeResource, object: Record<string, unknown>, existing: Obj | undefined, at: number): { obj: Obj; type: WatchEventType } {
    const obj = JSON.parse(JSON.stringify(object)) as Obj;
    const info = RESOURCES[resource];
    obj['apiVersion'] ??= info.group === '' ? info.version : `${info.group}/${info.version}`;
    obj['kind'] ??= info.kind;
    obj.metadata.resourceVersion = String(at);
    obj.metadata['uid'] ??= existing?.metadata['uid'] ?? `00000000-0000-0000-0000-${String(++uidCounter).padStart(12, '0')}`;
    obj.metadata['creationTimestamp'] ??= existing?.metadata['creationTimestamp'] ?? '2026-11-21T10:00:00Z';
    return { obj, type: existing ? 'MODIFIED' : 'ADDED' };
  }

  function watchMatches(w: OpenWatch, obj: Obj): boolean {
    if (w.namespace !== null && obj.metadata.namespace !== w.namespace) return false;
    if (!selectorMatches(w.fieldSelector, (k) => fieldValue(obj, k))) return false;
    return selectorMatches(w.labelSelector, (k) => (obj.metadata['labels'] as Record<string, string> | undefined)?.[k]);
  }

  function send(w: OpenWatch, type: string, object: unknown): void {
    if (w.frozen || w.res.writableEnded) return;
    const line = `${JSON.stringify({ type, object })}\n`;
    if (w.cutNext && type !== 'BOOKMARK') {
      w.res.end(line.slice(0, Math.floor(line.length / 2)));
      watches.delete(w);
      return;
    }
    w.res.write(line);
  }

  function record(resource: FakeResource, type: WatchEventType, object: Obj): void {
    history.get(resource)!.push({ rv: Number(object.metadata.resourceVersion), type, object });
    for (const w of watches) if (w.resource === resource && watchMatches(w, object)) send(w, type, object);
  }

  function respond(req: IncomingMessage, res: ServerResponse, status: number, body: string, query: Record<string, string>, pathname: string): void {
    requests.push({ method: req.method ?? 'GET', path: pathname, query, status });
    // A held request has had its headers already (holdRequests).
    if (!res.headersSent) res.writeHead(status, { 'content-type': 'application/json' });
    res.end(body);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams.entries());
    const pathname = url.pathname;
    if (delayMs > 0) await sleep(delayMs);
    if (pageHold && query['continue']) {
      const hold = pageHold;
      hold.held++;
      await hold.released;
      hold.held--;
    }
    const slow = [...slowHolds].find((h) => h.match({ method: req.method ?? 'GET', path: pathname, query }));
    if (slow) {
      slow.held++;
      res.writeHead(200, { 'content-type': 'application/json' });
      const trickle = setInterval(() => res.write(' '), 100);
      const gone = () => {
        slow.abandoned++;
        clearInterval(trickle);
      };
      res.once('close', gone);
      await slow.released;
      clearInterval(trickle);
      res.off('close', gone);
      slow.held--;
    }
    if (res.destroyed) return;
    const counted = faults.find((f) => f.remaining > 0 && pathname.includes(f.pathPart) && (f.withQuery === null || f.withQuery in query));
    const fault = counted ?? [...persistentFaults].find((f) => pathname.includes(f.pathPart));
    if (fault) {
      if (counted) counted.remaining--;
      respond(req, res, fault.status, statusBody(fault.status, 'InternalError', 'injected fault'), query, pathname);
      return;
    }
    const reviewKind = pathname === '/apis/authentication.k8s.io/v1/tokenreviews' ? 'TokenReview' : pathname === '/apis/authorization.k8s.io/v1/subjectaccessreviews' ? 'SubjectAccessReview' : null;
    if (reviewKind && req.method === 'POST') {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const review = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { spec: Record<string, unknown> };
      respond(req, res, 201, JSON.stringify({ ...review, status: answerReview(reviewKind, review.spec) }), query, pathname);
      return;
    }
    if (req.method !== 'GET') {
      respond(req, res, 405, statusBody(405, 'MethodNotAllowed', 'the fake API server is read-only'), query, pathname);
      return;
    }
    const route = routeOf(pathname);
    if (!route || (RESOURCES[route.resource].group !== '' && !installed.has(route.resource))) {
      respond(req, res, 404, statusBody(404, 'NotFound', 'the server could not find the requested resource'), query, pathname);
      return;
    }
    const { resource, namespace } = route;
    const fieldSelector = query['fieldSelector'] ?? null;
    const labelSelector = query['labelSelector'] ?? null;
    const probe: OpenWatch = { resource, namespace, fieldSelector, labelSelector, res };
    if (query['watch'] !== 'true' && query['watch'] !== '1') {
      // Like the real API server, items of core lists carry no kind/apiVersion (custom resources do).
      const items = [...store.get(resource)!.values()]
        .filter((o) => watchMatches(probe, o))
        .map((o) => (RESOURCES[resource].group === '' ? { ...o, kind: undefined, apiVersion: undefined } : o));
      const info = RESOURCES[resource];
      // Pagination: the first page takes a snapshot; continue tokens page through it (a consistent list, as etcd gives).
      let snapshot: ListSnapshot = { items, rv };
      let offset = 0;
      const token = query['continue'];
      if (token) {
        const [id, at] = token.split(':');
        const found = snapshots.get(id ?? '');
        if (!found) {
          respond(req, res, 410, statusBody(410, 'Expired', 'The provided continue parameter is too old to display a consistent list result.'), query, pathname);
          return;
        }
        snapshot = found;
        offset = Number(at);
      }
      const limit = Number(query['limit'] ?? 0);
      const page = limit > 0 ? snapshot.items.slice(offset, offset + limit) : snapshot.items.slice(offset);
      const metadata: { resourceVersion: string; continue?: string } = { resourceVersion: String(snapshot.rv) };
      if (limit > 0 && offset + limit < snapshot.items.length) {
        const id = token ? token.split(':')[0]! : String(++snapshotCounter);
        snapshots.set(id, snapshot);
        metadata.continue = `${id}:${offset + limit}`;
      }
      const body = {
        kind: `${info.kind}List`,
        apiVersion: info.group === '' ? info.version : `${info.group}/${info.version}`,
        metadata,
        items: page,
      };
      respond(req, res, 200, JSON.stringify(body), query, pathname);
      return;
    }
    // A watch: headers go out at once (the client's fetch resolves only then), events follow as JSON lines.
    requests.push({ method: 'GET', path: pathname, query, status: 200 });
    res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    const from = query['resourceVersion'] ?? '';
    if (from !== '' && from !== '0' && Number(from) < compactedBelow) {
      send(probe, 'ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: `too old resource version: ${from} (${compactedBelow})`, reason: 'Expired', code: 410 });
      res.end();
      return;
    }
    if (from === '' || from === '0') {
      for (const o of store.get(resource)!.values()) if (watchMatches(probe, o)) send(probe, 'ADDED', o);
    } else {
      for (const e of history.get(resource)!) if (e.rv > Number(from) && watchMatches(probe, e.object)) send(probe, e.type, e.object);
    }
    watches.add(probe);
    const timers: NodeJS.Timeout[] = [];
    if (query['allowWatchBookmarks'] === 'true') {
      const info = RESOURCES[resource];
      const apiVersion = info.group === '' ? info.version : `${info.group}/${info.version}`;
      timers.push(setInterval(() => send(probe, 'BOOKMARK', { kind: info.kind, apiVersion, metadata: { resourceVersion: String(rv) } }), bookmarkEveryMs));
    }
    // The server-side timeout the client asked for: the stream ends cleanly, as the API server's does.
    const timeoutSeconds = Number(query['timeoutSeconds'] ?? 0);
    if (timeoutSeconds > 0 && !options.ignoreWatchTimeouts) timers.push(setTimeout(() => probe.trickle === undefined && res.end(), timeoutSeconds * 1000));
    res.on('close', () => {
      watches.delete(probe);
      for (const t of timers) clearTimeout(t);
      clearInterval(probe.trickle);
    });
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  let port = options.port ?? 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        const a = server.address();
        port = typeof a === 'object' && a ? a.port : port;
        resolve();
      });
    });
  await listen();
  const url = `http://127.0.0.1:${port}`;

  const api: FakeApiServer = {
    url,
    port,
    requests,
    reviews,
    addToken: (token, user) => void tokens.set(token, user),
    allow: (subject, target) => void grants.push({ subject, target }),
    kubeconfig() {
      return [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        '- name: fake',
        '  cluster:',
        `    server: ${url}`,
        '    insecure-skip-tls-verify: true',
        'users:',
        '- name: fake',
        '  user:',
        '    token: fake-token',
        'contexts:',
        '- name: fake',
        '  context: {cluster: fake, user: fake}',
        'current-context: fake',
        '',
      ].join('\n');
    },
    apply(resource, object) {
      const { obj, type } = stored(resource, object, existingOf(resource, object), ++rv);
      store.get(resource)!.set(key(obj.metadata.namespace, obj.metadata.name), obj);
      record(resource, type, obj);
      return obj;
    },
    prepare(resource, objects) {
      const from = rv;
      const pending = new Map<string, Obj>();
      const entries = objects.map((object, i) => {
        const k = key((object as Obj).metadata.namespace, (object as Obj).metadata.name);
        const entry = stored(resource, object, pending.get(k) ?? store.get(resource)!.get(k), from + i + 1);
        pending.set(k, entry.obj);
        return { ...entry, line: `${JSON.stringify({ type: entry.type, object: entry.obj })}\n` };
      });
      const all = Buffer.from(entries.map((e) => e.line).join(''));
      return {
        send() {
          if (rv !== from) throw new Error('the fake API server changed between prepare() and send()');
          rv = from + entries.length;
          for (const { obj, type } of entries) {
            store.get(resource)!.set(key(obj.metadata.namespace, obj.metadata.name), obj);
            history.get(resource)!.push({ rv: Number(obj.metadata.resourceVersion), type, object: obj });
          }
          for (const w of watches) {
            if (w.resource !== resource || w.frozen || w.res.writableEnded) continue;
            const matching = entries.filter((e) => watchMatches(w, e.obj));
            w.res.write(matching.length === entries.length ? all : matching.map((e) => e.line).join(''));
          }
        },
      };
    },
    remove(resource, namespace, name) {
      const k = key(namespace ?? undefined, name);
      const existing = store.get(resource)!.get(k);
      if (!existing) return false;
      store.get(resource)!.delete(k);
      rv++;
      const gone = { ...existing, metadata: { ...existing.metadata, resourceVersion: String(rv) } };
      record(resource, 'DELETED', gone);
      return true;
    },
    list(resource) {
      return [...store.get(resource)!.values()];
    },
    failNext(count, opts = {}) {
      faults.push({ remaining: count, status: opts.status ?? 500, pathPart: opts.pathPart ?? '', withQuery: opts.withQuery ?? null });
    },
    holdNextPages() {
      let release = () => {};
      const hold = { held: 0, released: new Promise<void>((resolve) => (release = resolve)) };
      pageHold = hold;
      return {
        waiting: () => hold.held,
        release() {
          if (pageHold === hold) pageHold = null;
          release();
        },
      };
    },
    holdRequests(match) {
      let release = () => {};
      const hold = { match, held: 0, abandoned: 0, released: new Promise<void>((resolve) => (release = resolve)) };
      slowHolds.add(hold);
      return {
        waiting: () => hold.held,
        abandoned: () => hold.abandoned,
        release() {
          slowHolds.delete(hold);
          release();
        },
      };
    },
    setDelay(ms) {
      delayMs = ms;
    },
    expire() {
      // Like etcd compaction: every resourceVersion before the current one is gone, and so are list snapshots.
      compactedBelow = rv;
      snapshots.clear();
      for (const r of history.keys()) history.set(r, []);
      for (const w of [...watches]) {
        send(w, 'ERROR', { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: 'too old resource version', reason: 'Expired', code: 410 });
        w.res.end();
        watches.delete(w);
      }
    },
    dropWatches() {
      for (const w of [...watches]) {
        w.res.socket?.destroy();
        watches.delete(w);
      }
    },
    freezeWatches() {
      for (const w of watches) w.frozen = true;
    },
    trickleWatches(resource, text, everyMs) {
      for (const w of watches) {
        if (w.resource !== resource || w.trickle !== undefined) continue;
        w.frozen = true;
        w.trickle = setInterval(() => w.res.writableEnded || w.res.write(text), everyMs);
      }
    },
    async goDown() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      watches.clear();
      await closed;
    },
    async comeUp() {
      await listen();
    },
    injectWatchText(resource, text) {
      for (const w of watches) if (w.resource === resource && !w.frozen) w.res.write(text);
    },
    cutNextEvent(resource) {
      // Only the watches open now: the ones the client opens afterwards work normally.
      for (const w of watches) if (w.resource === resource) w.cutNext = true;
    },
    failAll(opts = {}) {
      const fault = { status: opts.status ?? 500, pathPart: opts.pathPart ?? '' };
      persistentFaults.add(fault);
      return { clear: () => persistentFaults.delete(fault) };
    },
    openWatches(resource) {
      return [...watches].filter((w) => resource === undefined || w.resource === resource).length;
    },
    async stop() {
      if (!server.listening) return;
      await api.goDown();
    },
  };
  return api;
}
