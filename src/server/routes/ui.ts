// GET / and /ui/*: the web page built by `npm run build` into dist/ui (self-contained, no external URLs).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, normalize } from 'node:path';
import { PoolwatchError } from '../../core/errors.ts';
import { text, type Reply, type Route } from '../route.ts';

const UI_DIR = fileURLToPath(new URL('../../../dist/ui/', import.meta.url));
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};
/** The page allows nothing from other origins; data comes from this server only. */
const SECURITY = {
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};

const cache = new Map<string, Buffer>();

function asset(name: string): Reply {
  const ext = name.slice(name.lastIndexOf('.'));
  const type = TYPES[ext];
  const path = normalize(join(UI_DIR, name));
  if (!type || !path.startsWith(UI_DIR)) throw new PoolwatchError('not-found', `no such file: ${name}`);
  let body = cache.get(path);
  if (!body) {
    try {
      body = readFileSync(path);
    } catch {
      if (name === 'index.html') return text('The web page is not built: run `npm run build` (npm start does it for you).\n', 503);
      throw new PoolwatchError('not-found', `no such file: ${name}`);
    }
    cache.set(path, body);
  }
  return { contentType: type, body, headers: { ...SECURITY, 'cache-control': 'no-cache' } };
}

// The page's code holds no cluster data, so it loads without the token: a browser cannot send one on navigation,
// and the page then asks for it and sends it with every API request.
export const uiIndex: Route = {
  path: '/',
  auth: false,
  handle: () => asset('index.html'),
};

export const uiAssets: Route = {
  path: '/ui/{file*}',
  auth: false,
  handle: ({ params }) => asset(params['file'] ?? ''),
};
