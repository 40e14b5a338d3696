// A Prometheus-compatible store on 127.0.0.1 that takes every query and answers none: for tests of what waits on a slow store.
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A store on 127.0.0.1 that takes every query and answers none: `held` counts open queries, `abandoned` those the client closed. */
export async function silentStore() {
  const held = new Set<ServerResponse>();
  let abandoned = 0;
  const server = createServer((_req, res) => {
    held.add(res);
    res.once('close', () => {
      held.delete(res);
      abandoned++;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    held: () => held.size,
    abandoned: () => abandoned,
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
