// Access the Kubernetes way: the bearer token is checked with a TokenReview, then the caller must be allowed `get` by a SubjectAccessReview.
import { createHash } from 'node:crypto';
import { PoolwatchError } from '../../core/errors.ts';
import { MISSING_TOKEN, type AccessDecision, type AccessRequest, type Authenticator } from './authenticator.ts';

/** What the caller must be allowed to `get`: a non-resource URL (the request's own path by default) or a resource. */
export type AccessAttributes =
  | { nonResourcePath: string | null }
  | { resource: { group: string; version?: string; resource: string; subresource?: string; namespace?: string; name?: string } };

const RESOURCE_KEYS = ['group', 'version', 'resource', 'subresource', 'namespace', 'name'] as const;

/** `--auth-resource resource=services,subresource=proxy,namespace=poolwatch,name=poolwatch` (group defaults to core). */
export function parseResourceAttributes(text: string): AccessAttributes {
  const out: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [key, value, ...rest] = part.split('=').map((s) => s.trim());
    if (!key || value === undefined || rest.length > 0 || !(RESOURCE_KEYS as readonly string[]).includes(key)) {
      throw new PoolwatchError('invalid-argument', `--auth-resource "${text}": expected key=value pairs with keys ${RESOURCE_KEYS.join(', ')}`);
    }
    out[key] = value;
  }
  if (!out['resource']) throw new PoolwatchError('invalid-argument', `--auth-resource "${text}" names no resource=`);
  return { resource: { group: out['group'] ?? '', resource: out['resource'], ...Object.fromEntries(Object.entries(out).filter(([k]) => k !== 'group' && k !== 'resource')) } };
}

/** POSTs a JSON object to the API server and returns the JSON answer (an HTTP failure, or an abort of `signal`, rejects). */
export type KubePost = (path: string, body: unknown, signal?: AbortSignal) => Promise<unknown>;

interface ReviewedUser {
  username: string;
  uid?: string;
  groups?: string[];
  extra?: Record<string, string[]>;
}

export interface KubernetesAuthOptions {
  post: KubePost;
  attributes: AccessAttributes;
  /** How long a decision (allowed or denied) is reused for the same token and path; errors are never kept. */
  cacheSeconds?: number;
  /** At most this many decisions are kept (the oldest go first), so many callers cannot grow memory. */
  cacheSize?: number;
  now?: () => number;
}

export function kubernetesAuth(options: KubernetesAuthOptions): Authenticator {
  const ttlMs = (options.cacheSeconds ?? 10) * 1000;
  const maxEntries = options.cacheSize ?? 1024;
  const now = options.now ?? Date.now;
  const cache = new Map<string, { until: number; decision: AccessDecision }>();

  async function review(token: string, path: string, signal: AbortSignal | undefined): Promise<AccessDecision> {
    const tokenReview = (await options.post('/apis/authentication.k8s.io/v1/tokenreviews', {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenReview',
      spec: { token },
    }, signal)) as { status?: { authenticated?: boolean; user?: ReviewedUser; error?: string } };
    const status = tokenReview.status ?? {};
    if (!status.authenticated || !status.user?.username) {
      return { allowed: false, status: 401, code: 'unauthorized', message: `the Kubernetes API server did not accept the token${status.error ? `: ${status.error}` : ''}` };
    }
    const user = status.user;
    const attributes = 'resource' in options.attributes
      ? { resourceAttributes: { ...options.attributes.resource, verb: 'get' } }
      : { nonResourceAttributes: { path: options.attributes.nonResourcePath ?? path, verb: 'get' } };
    const sar = (await options.post('/apis/authorization.k8s.io/v1/subjectaccessreviews', {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SubjectAccessReview',
      spec: { user: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups ?? [], ...(user.extra ? { extra: user.extra } : {}), ...attributes },
    }, signal)) as { status?: { allowed?: boolean; reason?: string } };
    if (sar.status?.allowed === true) return { allowed: true, user: user.username };
    const what = 'resource' in options.attributes
      ? `get ${[options.attributes.resource.resource, options.attributes.resource.subresource].filter(Boolean).join('/')}${options.attributes.resource.group ? `.${options.attributes.resource.group}` : ''}${options.attributes.resource.name ? ` ${options.attributes.resource.name}` : ''}${options.attributes.resource.namespace ? ` in namespace ${options.attributes.resource.namespace}` : ''}`
      : `get ${attributes.nonResourceAttributes!.path}`;
    return { allowed: false, status: 403, code: 'forbidden', message: `user "${user.username}" may not ${what}${sar.status?.reason ? ` (${sar.status.reason})` : ''}` };
  }

  return {
    kind: 'kubernetes',
    async check({ token, path, signal }: AccessRequest): Promise<AccessDecision> {
      if (token === null) return MISSING_TOKEN;
      // Decisions are keyed by a hash, so tokens never sit in memory longer than a request.
      const key = `${createHash('sha256').update(token).digest('hex')} ${'resource' in options.attributes || options.attributes.nonResourcePath ? '' : path}`;
      const hit = cache.get(key);
      if (hit && hit.until > now()) return hit.decision;
      let decision: AccessDecision;
      try {
        decision = await review(token, path, signal);
      } catch (err) {
        // Stopped by the caller (a shutdown): its reason says more than the request's "stopped".
        const why = signal?.aborted && signal.reason instanceof Error ? signal.reason : (err as Error);
        return { allowed: false, status: 503, code: 'auth-unavailable', message: `cannot check the token with the Kubernetes API server: ${why.message}` };
      }
      cache.delete(key);
      cache.set(key, { until: now() + ttlMs, decision });
      while (cache.size > maxEntries) cache.delete(cache.keys().next().value!);
      return decision;
    },
  };
}
