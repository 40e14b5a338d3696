// A Prometheus-compatible store on 127.0.0.1 that takes every query and answers none: for tests of what waits on a slow store.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** `waiting()` counts the queries received (none is ever answered), `abandoned()` those whose client closed the connection. */
export async function silentStore() {
  let received = 0;
  let abandoned = 0;
  const server = createServer((_req, res) => {
    received++;
    res.once('close', () => abandoned++);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    waiting: () => received,
    abandoned: () => abandoned,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
