// The API server side of the watch-e2e benchmark, in a process of its own: the fake API server holding the cluster, writing a pre-serialised burst on request (over the IPC channel).
import { serveBenchCluster } from './serve-cluster.ts';
import { startFakeApiServer } from '../test/support/fake-apiserver.ts';

/** Messages from the benchmark. */
export type ProducerRequest = { op: 'watches'; id: number } | { op: 'burst'; id: number };
/** Answers: `ready` once the cluster is loaded, then one `done` per request. */
export type ProducerMessage = { op: 'ready'; kubeconfig: string } | { op: 'done'; id: number; value: number };

const pools = Number(process.argv[2]);
const services = Number(process.argv[3]);
const events = Number(process.argv[4]);

const fake = await startFakeApiServer();
const cluster = serveBenchCluster(pools, services);
for (const p of cluster.pools) fake.apply('ipaddresspools', p);
for (const s of cluster.services) fake.apply('services', s);
// The burst: every service moves to its other address, then back. Serialised now, so writing it costs nothing.
const burst = fake.prepare(
  'services',
  Array.from({ length: events }, (_, i) => (i < services ? cluster.moved : cluster.services)[i % services]!),
);

const reply = (message: ProducerMessage) => process.send!(message);
process.on('message', (request: ProducerRequest) => {
  if (request.op === 'watches') {
    reply({ op: 'done', id: request.id, value: fake.openWatches() });
  } else {
    const started = performance.now();
    burst.send();
    reply({ op: 'done', id: request.id, value: performance.now() - started });
  }
});
// The benchmark's end (or death) closes the channel: stop with it.
process.on('disconnect', () => void fake.stop().then(() => process.exit(0)));
reply({ op: 'ready', kubeconfig: fake.kubeconfig() });
