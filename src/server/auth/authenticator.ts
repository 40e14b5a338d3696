// Who may read the server: one model for every kind of access control (static token, Kubernetes TokenReview + SubjectAccessReview), all bearer tokens.

/** A request as access control sees it: the bearer token (if any) and the path asked for. */
export interface AccessRequest {
  token: string | null;
  path: string;
  /** Aborted when the request's connection closes (the caller left, or the server shut down): a check still asking someone else stops. */
  signal?: AbortSignal;
}

export type AccessDecision =
  | { allowed: true; user?: string }
  | { allowed: false; status: 401 | 403 | 503; code: 'unauthorized' | 'forbidden' | 'auth-unavailable'; message: string };

/**
 * Decides each request from its bearer token, so the web page's login, Prometheus's
 * `authorization` and curl's `-H 'Authorization: Bearer ...'` work alike whatever checks the token.
 */
export interface Authenticator {
  readonly kind: 'token' | 'kubernetes';
  check(request: AccessRequest): Promise<AccessDecision>;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return m ? m[1]! : null;
}

export const MISSING_TOKEN: AccessDecision = {
  allowed: false,
  status: 401,
  code: 'unauthorized',
  message: 'a valid bearer token is required (Authorization: Bearer <token>)',
};
