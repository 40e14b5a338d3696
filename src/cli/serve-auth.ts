// The access-control part of `serve`: its flags, and the authenticator they ask for (a token file, or the Kubernetes API server).
import { Option, type Command } from 'commander';
import { PoolwatchError } from '../core/errors.ts';
import type { Logger } from '../log.ts';
import type { Authenticator } from '../server/auth/authenticator.ts';
import { kubernetesAuth, parseResourceAttributes } from '../server/auth/kubernetes-auth.ts';
import { tokenFileAuth } from '../server/auth/static-token.ts';

export interface AuthServeOptions {
  auth?: 'token' | 'kubernetes';
  authTokenFile?: string;
  authPath?: string;
  authResource?: string;
  authCacheSeconds: string;
  kubeconfig?: string;
  context?: string;
}

export function addAuthOptions(command: Command): Command {
  return command
    .addOption(new Option('--auth <kind>', 'who may read everything but /healthz and /readyz: token (--auth-token-file) or kubernetes (TokenReview + SubjectAccessReview); default: token with --auth-token-file, else anyone').choices(['token', 'kubernetes']))
    .option('--auth-token-file <file>', 'require the bearer token in this file (re-read when it changes)')
    .option('--auth-path <path>', 'kubernetes: the non-resource URL a caller must be allowed to get (default: the path requested)')
    .option('--auth-resource <attributes>', 'kubernetes: instead, a resource the caller must be allowed to get, e.g. resource=services,subresource=proxy,namespace=poolwatch,name=poolwatch')
    .option('--auth-cache-seconds <n>', 'kubernetes: how long a decision for a token is reused', '10');
}

export async function createAuthenticator(opts: AuthServeOptions, env: Record<string, string | undefined>, log: Logger): Promise<Authenticator | null> {
  const kind = opts.auth ?? (opts.authTokenFile ? 'token' : null);
  if (kind !== 'kubernetes' && (opts.authPath || opts.authResource)) throw new PoolwatchError('invalid-argument', '--auth-path and --auth-resource go with --auth kubernetes');
  if (kind === 'token') {
    if (!opts.authTokenFile) throw new PoolwatchError('invalid-argument', '--auth token needs --auth-token-file FILE');
    return tokenFileAuth(opts.authTokenFile, ({ ok, message }) => (ok ? log.info(message) : log.warn(message)));
  }
  if (kind !== 'kubernetes') return null;
  if (opts.authTokenFile) throw new PoolwatchError('invalid-argument', '--auth kubernetes checks tokens with the API server: drop --auth-token-file');
  if (opts.authPath && opts.authResource) throw new PoolwatchError('invalid-argument', '--auth-path and --auth-resource are alternatives: give one');
  if (opts.authPath !== undefined && !opts.authPath.startsWith('/')) throw new PoolwatchError('invalid-argument', `--auth-path must start with /, not ${JSON.stringify(opts.authPath)}`);
  const cacheSeconds = Number(opts.authCacheSeconds);
  if (!/^\d+$/.test(opts.authCacheSeconds)) throw new PoolwatchError('invalid-argument', `--auth-cache-seconds must be a whole number, not ${JSON.stringify(opts.authCacheSeconds)}`);
  const attributes = opts.authResource ? parseResourceAttributes(opts.authResource) : { nonResourcePath: opts.authPath ?? null };
  // The Kubernetes client loads only when a command talks to a cluster.
  const { loadKubeConfig } = await import('../sources/kube/kubeconfig.ts');
  const { postJson } = await import('../sources/kube/list-request.ts');
  const { kc } = loadKubeConfig({ kubeconfig: opts.kubeconfig, context: opts.context, env });
  return kubernetesAuth({ post: (path, body, signal) => postJson(kc, path, body, { totalMs: 10_000 }, signal), attributes, cacheSeconds });
}
