// GET /healthz: the process is running and serving (liveness); never needs the token.
import { text, type Route } from '../route.ts';

export const healthz: Route = {
  path: '/healthz',
  auth: false,
  handle: () => text('ok\n'),
};
