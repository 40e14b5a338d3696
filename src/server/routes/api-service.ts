// GET /api/v1/services/{namespace}/{name}: everything about one service (what `poolwatch explain -o json` prints); 404 when there is none.
import { PoolwatchError } from '../../core/errors.ts';
import { unknownService } from '../../core/explain/near-names.ts';
import { readQuery, json, type Route } from '../route.ts';

/** The server watches no events beyond MetalLB's AllocationFailed: the explanation says where to find them. */
const SERVER_EVENTS = (key: string) => ({ notRead: `the server does not list events: run poolwatch explain ${key} against the cluster` });

export const apiService: Route = {
  path: '/api/v1/services/{namespace}/{name}',
  handle: ({ url, params }, deps) => {
    readQuery(url, {});
    if (deps.fleet || !deps.explain) {
      throw new PoolwatchError('not-found', 'this server shows no single service: a fleet server reads only pool series (ask the cluster\'s own poolwatch)');
    }
    const key = `${params['namespace']!}/${params['name']!}`;
    const explanation = deps.explain(key, SERVER_EVENTS(key));
    if (!explanation) throw unknownService(key, deps.report().services.map((s) => `${s.namespace}/${s.name}`));
    return json(explanation);
  },
};
