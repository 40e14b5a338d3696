// The lazy pending explainer gives exactly the reasons of one that restores every allocation, fresh and across any sequence of changes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { PoolLedger } from '../../../src/core/analysis/ledger.ts';
import { createPendingExplainer, explainPending } from '../../../src/core/allocator/index.ts';
import { followLedger } from '../../../src/core/allocator/ledger-explainer.ts';
import { LazyRestore } from '../../../src/core/allocator/lazy-restore.ts';
import { parseIp } from '../../../src/core/address/index.ts';
import { emptySnapshot } from '../../../src/core/model/snapshot.ts';
import type { Namespace, Pool, Service } from '../../../src/core/model/types.ts';
import type { Reason } from '../../../src/core/report/types.ts';
import { ns, pool, sel, svc, type PoolOptions, type ServiceOptions } from './build.ts';
import { createEagerExplainer } from './eager-explainer.ts';

// A small address space in five blocks, so pools overlap within a block (one group) and not across
// blocks (separate groups), fill up and share addresses often: block A crosses .255/.0 for avoidBuggyIPs;
// two addresses are in no pool.
const BLOCKS = [
  ['10.0.0.250', '10.0.0.251', '10.0.0.252', '10.0.0.253', '10.0.0.254', '10.0.0.255', '10.0.1.0', '10.0.1.1'],
  ['10.0.2.1', '10.0.2.2', '10.0.2.3', '10.0.2.4'],
  ['10.0.3.1', '10.0.3.2', '10.0.3.3'],
  ['fd00::1', 'fd00::2', 'fd00::3', 'fd00::4'],
  ['fd00:1::1', 'fd00:1::2', 'fd00:1::3'],
];
const ADDRESSES = [...BLOCKS.flat(), '192.168.5.5', 'fd99::1'];
const RANGES = [
  '10.0.0.250-10.0.0.255',
  '10.0.0.254-10.0.1.1',
  '10.0.1.0/31',
  '10.0.2.1-10.0.2.2',
  '10.0.2.2-10.0.2.4',
  '10.0.2.3/32',
  '10.0.3.0/30',
  'fd00::1-fd00::2',
  'fd00::2-fd00::4',
  'fd00:1::/126',
];
/** Each block whole, for the pools that cover one block. */
const BLOCK_RANGES = ['10.0.0.250-10.0.1.1', '10.0.2.1-10.0.2.4', '10.0.3.1-10.0.3.3', 'fd00::1-fd00::4', 'fd00:1::1-fd00:1::3'];

const poolOptionsArb = fc.record({
  autoAssign: fc.constantFrom(true, true, true, false),
  avoidBuggyIPs: fc.boolean(),
  pin: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'priority', 'namespace', 'namespace-selector', 'service-selector'),
  priority: fc.integer({ min: 0, max: 3 }),
});

function makeTestPool(name: string, ranges: string[], p: typeof poolOptionsArb extends fc.Arbitrary<infer T> ? T : never): Pool {
  const o: PoolOptions = { autoAssign: p.autoAssign, avoidBuggyIPs: p.avoidBuggyIPs };
  if (p.pin === 'priority') o.priority = p.priority;
  if (p.pin === 'namespace') o.namespaces = ['n1'];
  if (p.pin === 'namespace-selector') o.namespaceSelectors = [sel({ team: 'x' })];
  if (p.pin === 'service-selector') o.serviceSelectors = [sel({ tier: 'a' })];
  return pool(name, ranges, o);
}

// Most blocks get a pool of their own (b0 to b4), sometimes with a range of another block (joining the two
// groups); a few more pools (p1 to p3) overlap them.
const poolsArb = fc
  .tuple(
    fc.array(fc.option(fc.tuple(poolOptionsArb, fc.option(fc.constantFrom(...RANGES), { freq: 4 })), { freq: 6 }), { minLength: 5, maxLength: 5 }),
    fc.array(fc.tuple(fc.constantFrom('p1', 'p2', 'p3'), fc.uniqueArray(fc.constantFrom(...RANGES), { minLength: 1, maxLength: 2 }), poolOptionsArb), { maxLength: 3 }),
  )
  .map(([blocks, extra]): Pool[] => [
    ...blocks.flatMap((b, i) => (b ? [makeTestPool(`b${i}`, b[1] ? [BLOCK_RANGES[i]!, b[1]] : [BLOCK_RANGES[i]!], b[0])] : [])),
    ...extra.map(([name, ranges, o]) => makeTestPool(name, ranges, o)),
  ]);

const NAMESPACES: Namespace[][] = [
  [ns('n1', { team: 'x' }), ns('n2'), ns('n3', { team: 'y' })],
  [ns('n1'), ns('n2', { team: 'x' }), ns('n3')],
];

const SERVICE_NAMES = ['s1', 's2', 's3', 's4', 's5', 's6'];
const addressArb = fc.constantFrom(...ADDRESSES);
// The first two addresses of each block are the ones most services hold, so they contend for them.
const hot = (v6: boolean) => BLOCKS.filter((b) => b[0]!.includes(':') === v6).flatMap((b) => b.slice(0, 2));
const v4Arb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hot(false)) }, { weight: 2, arbitrary: fc.constantFrom(...ADDRESSES.filter((a) => !a.includes(':'))) });
const v6Arb = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...hot(true)) }, { weight: 2, arbitrary: fc.constantFrom(...ADDRESSES.filter((a) => a.includes(':'))) });
/** Mostly addresses of the service's own family (so services contend for them), sometimes anything. */
const ingressArb = fc.record({
  v4: v4Arb,
  v6: v6Arb,
  odd: fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.array(fc.oneof({ weight: 8, arbitrary: addressArb }, { weight: 1, arbitrary: fc.constant('bogus') }), { minLength: 1, maxLength: 2 }) }),
});
const serviceArb = (withIngress: boolean) =>
  fc
    .record({
      namespace: fc.constantFrom('n1', 'n2', 'n3'),
      name: fc.constantFrom(...SERVICE_NAMES),
      family: fc.constantFrom('ipv4', 'ipv4', 'ipv4', 'ipv4', 'ipv4', 'ipv6', 'ipv6', 'dual', 'dual6', 'prefer-dual'),
      ingress: withIngress ? ingressArb : fc.constant(null),
      share: fc.constantFrom(undefined, undefined, 'k1', 'k1', 'k2'),
      ports: fc.uniqueArray(fc.constantFrom('TCP/80', 'TCP/443', 'UDP/53'), { minLength: 1, maxLength: 2 }),
      local: fc.constantFrom(undefined, undefined, undefined, { app: 'x' }, { app: 'y' }),
      tier: fc.constantFrom(undefined, 'a'),
      // Rarer on services holding addresses: MetalLB keeps an address only in the pool and at the address asked for.
      pool: withIngress ? fc.constantFrom(undefined, undefined, undefined, undefined, undefined, undefined, undefined, 'b0', 'p1') : fc.constantFrom(undefined, undefined, undefined, undefined, 'b0', 'b1', 'p1', 'nope'),
      request: fc.oneof(
        { weight: withIngress ? 16 : 6, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.record({ how: fc.constantFrom('annotation', 'spec'), ips: fc.uniqueArray(addressArb, { minLength: 1, maxLength: 2 }) }) },
      ),
      created: fc.constantFrom(null, null, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z', '2026-01-03T00:00:00Z'),
      kind: fc.constantFrom('lb', 'lb', 'lb', 'lb', 'lb', 'lb', 'lb', 'lb', 'cluster-ip', 'other-class'),
    })
    .map((s): Service => {
      const i = s.ingress;
      const ingress = !i ? [] : (i.odd ?? (s.family === 'ipv4' ? [i.v4] : s.family === 'ipv6' ? [i.v6] : s.family === 'dual6' ? [i.v6, i.v4] : [i.v4, i.v6]));
      const o: ServiceOptions = {
        family: s.family === 'prefer-dual' ? 'dual' : (s.family as ServiceOptions['family']),
        ports: s.ports,
        ingress,
        created: s.created ?? undefined,
      };
      if (s.family === 'prefer-dual') o.policy = 'PreferDualStack';
      if (s.share !== undefined) o.share = s.share;
      if (s.local) o.local = s.local;
      if (s.tier) o.labels = { tier: s.tier };
      if (s.pool) o.pool = s.pool;
      if (s.request?.how === 'annotation') o.ips = s.request.ips.join(',');
      if (s.request?.how === 'spec') o.loadBalancerIP = s.request.ips[0]!;
      if (s.kind === 'cluster-ip') o.type = 'ClusterIP';
      if (s.kind === 'other-class') o.lbClass = 'other';
      return svc(`${s.namespace}/${s.name}`, o);
    });

type Step =
  | { op: 'upsert'; service: Service }
  | { op: 'remove'; namespace: string; name: string }
  | { op: 'pools'; pools: Pool[] }
  | { op: 'namespaces'; which: number }
  | { op: 'explain'; pick: boolean[]; probes: Service[] };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  { weight: 8, arbitrary: serviceArb(true).map((service): Step => ({ op: 'upsert', service })) },
  { weight: 3, arbitrary: serviceArb(false).map((service): Step => ({ op: 'upsert', service })) },
  {
    weight: 3,
    arbitrary: fc.record({ namespace: fc.constantFrom('n1', 'n2', 'n3'), name: fc.constantFrom(...SERVICE_NAMES) }).map((r): Step => ({ op: 'remove', ...r })),
  },
  { weight: 1, arbitrary: poolsArb.map((pools): Step => ({ op: 'pools', pools })) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 1 }).map((which): Step => ({ op: 'namespaces', which })) },
  {
    weight: 6,
    arbitrary: fc
      .record({
        pick: fc.array(fc.boolean(), { minLength: 24, maxLength: 24 }),
        probes: fc.array(fc.tuple(serviceArb(false), fc.option(addressArb, { freq: 3 })), { maxLength: 2 }),
      })
      .map(({ pick, probes }): Step => ({
        op: 'explain',
        pick,
        // Probes are services the ledger does not know (another namespace): they read whatever pools and addresses they ask for.
        probes: probes.map(([p, ip]) => ({
          ...p,
          namespace: `probe-${p.namespace}`,
          // Mostly asking for one address, which reads that address's group only.
          annotations: ip === null ? p.annotations : { ...p.annotations, 'metallb.io/loadBalancerIPs': ip },
          loadBalancerIP: ip === null ? p.loadBalancerIP : null,
        })),
      })),
  },
);

function show(reasons: ReadonlyMap<string, Reason>): Array<[string, string, string]> {
  return [...reasons].map(([key, r]) => [key, r.code, r.message]);
}

/**
 * What is asked of both explainers: a subset of the pending services, sometimes allocated services too (a
 * holding is read for each), and the probes, in an order that varies, so groups are restored at different times.
 */
function asked(ledger: PoolLedger, pick: readonly boolean[], probes: readonly Service[]): Service[] {
  const out: Service[] = [];
  let i = 0;
  for (const rec of ledger.services()) {
    if (rec.state === 'ignored') continue;
    // Few at a time, so most groups stay unrestored across several changes.
    const chosen = pick[i % pick.length] === true && pick[(i + 5) % pick.length] === true;
    if (chosen && (rec.state === 'pending' || pick[(i + 11) % pick.length] === true)) out.push(rec.service);
    i++;
  }
  if (pick[0]) out.reverse();
  return [...probes, ...out];
}

const day = (d: number) => `2026-01-0${d}T00:00:00Z`;

/** Plays the steps on a ledger, calling `explain` at each explain step (and once at the end, for every pending service). */
function play(pools: Pool[], services: Service[], steps: readonly Step[], explain: (ledger: PoolLedger, asked: Service[]) => void): void {
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools(pools);
  ledger.setNamespaces(NAMESPACES[0]!);
  for (const s of services) ledger.upsertService(s);
  for (const step of steps) {
    if (step.op === 'upsert') ledger.upsertService(step.service);
    else if (step.op === 'remove') ledger.removeService(step.namespace, step.name);
    else if (step.op === 'pools') ledger.setPools(step.pools);
    else if (step.op === 'namespaces') ledger.setNamespaces(NAMESPACES[step.which]!);
    else explain(ledger, asked(ledger, step.pick, step.probes));
  }
  explain(ledger, [...ledger.pendingServices()].map((r) => r.service));
}

const stepsArb = fc.array(stepArb, { minLength: 1, maxLength: 40, size: 'max' });

test('lazy and eager restoring give the same reasons through any sequence of changes', () => {
  fc.assert(
    fc.property(poolsArb, fc.array(serviceArb(true), { maxLength: 12 }), stepsArb, (pools, services, steps) => {
      const lazy = createPendingExplainer();
      const eager = createEagerExplainer();
      let calls = 0;
      play(pools, services, steps, (ledger, list) => {
        assert.deepEqual(show(lazy(list, ledger)), show(eager(list, ledger)), `call ${++calls}`);
      });
    }),
    { numRuns: 600 },
  );
});

/** Services asking for one address each, sharing or not: their reasons show who holds it, with which key and ports. */
function addressProbes(address: string): Service[] {
  const family = parseIp(address).family;
  return [
    svc('probe/plain', { family, ips: address }),
    svc('probe/shares', { family, ips: address, share: 'k1', ports: ['TCP/443'] }),
    svc('probe/local', { family, ips: address, share: 'k1', local: { app: 'x' } }),
  ];
}

test('the groups restored so far hold exactly what restoring everything holds, and reading them restores nothing else', () => {
  fc.assert(
    fc.property(poolsArb, fc.array(serviceArb(true), { maxLength: 12 }), stepsArb, (pools, services, steps) => {
      let lazy: LazyRestore | null = null;
      const eager = createEagerExplainer();
      let calls = 0;
      play(pools, services, steps, (ledger, list) => {
        calls++;
        const s = (lazy = followLedger(lazy, ledger));
        const eagerReasons = eager(list, ledger);
        assert.deepEqual(show(new Map(list.map((svc) => [`${svc.namespace}/${svc.name}`, s.allocator.explainPending(svc, ledger.event(`${svc.namespace}/${svc.name}`))]))), show(eagerReasons), `call ${calls}`);
        const a = eager.allocator()!;
        const restored = s.restoredPools();
        for (const address of ADDRESSES) {
          if (!s.allocator.pools.poolsHolding(parseIp(address)).some((p) => restored.includes(p.name))) continue;
          for (const probe of addressProbes(address)) {
            assert.deepEqual(s.allocator.explainPending(probe), a.explainPending(probe), `call ${calls}, ${address}, ${probe.name}`);
          }
        }
        for (const name of restored) {
          assert.deepEqual(s.allocator.usage(name), a.usage(name), `call ${calls}, usage of ${name}`);
        }
        assert.deepEqual(s.restoredPools(), restored, `call ${calls}: reading restored groups restored another`);
      });
    }),
    { numRuns: 600 },
  );
});

test('on a fresh ledger the reference agrees with a whole-snapshot explanation', () => {
  fc.assert(
    fc.property(poolsArb, fc.array(serviceArb(true), { maxLength: 14 }), fc.integer({ min: 0, max: 1 }), (pools, services, which) => {
      const ledger = new PoolLedger({ explainPending: null });
      ledger.setPools(pools);
      ledger.setNamespaces(NAMESPACES[which]!);
      for (const s of services) ledger.upsertService(s);
      // The snapshot as the ledger holds it: one object per key, the last one given.
      const current = [...ledger.services()].map((r) => r.service);
      const pending = [...ledger.pendingServices()].map((r) => r.service);
      const whole = explainPending({ ...emptySnapshot(), pools, services: current, namespaces: NAMESPACES[which]! });
      assert.deepEqual(show(createEagerExplainer()(pending, ledger)), show(new Map(pending.map((s) => [`${s.namespace}/${s.name}`, whole.get(`${s.namespace}/${s.name}`)!]))));
      assert.deepEqual(show(createPendingExplainer()(pending, ledger)), show(createEagerExplainer()(pending, ledger)));
    }),
    { numRuns: 300 },
  );
});

test('a refused service that changes is restored once, as its new object', () => {
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools([pool('pair', ['10.0.0.0/31'])]);
  ledger.upsertService(svc('shop/a', { ingress: ['10.0.0.0'], created: '2026-01-01T00:00:00Z' }));
  ledger.upsertService(svc('shop/b', { ingress: ['10.0.0.0'], created: '2026-01-02T00:00:00Z' }));
  ledger.upsertService(svc('shop/c'));
  const explain = createPendingExplainer();
  const pending = () => [...ledger.pendingServices()].map((r) => r.service);
  assert.equal(explain(pending(), ledger).get('shop/c')?.code, 'allocation-failed', 'b is refused, so 10.0.0.1 is free');
  // b moves to the free address: the pool is full. Restoring b's old object after the new one would free it again.
  ledger.upsertService(svc('shop/b', { ingress: ['10.0.0.1'], created: '2026-01-02T00:00:00Z' }));
  assert.deepEqual(explain(pending(), ledger).get('shop/c'), { code: 'pool-exhausted', message: 'pool "pair" (2/2 IPv4) has no free IPv4 address' });
});

test('only the groups of pools an explanation reads are restored', () => {
  const pools = [pool('a', ['10.0.0.0/30']), pool('b', ['10.0.1.0/30']), pool('c', ['10.0.1.2-10.0.1.5']), pool('d', ['10.0.2.0/30'], { autoAssign: false })];
  const s = new LazyRestore(pools, []);
  const held = [
    svc('x/a1', { ingress: ['10.0.0.1'] }),
    svc('x/b1', { ingress: ['10.0.1.1'] }),
    svc('x/c1', { ingress: ['10.0.1.5'] }),
    svc('x/d1', { ingress: ['10.0.2.1'] }),
  ];
  s.update(
    held.map((service) => ({ key: `${service.namespace}/${service.name}`, service, addresses: service.ingressIPs.map(parseIp), unparsable: [] })),
    [],
  );
  const restored = () => s.restoredPools();
  assert.deepEqual(restored(), []);
  // A service asking for an address of c reads c's group, which b overlaps.
  assert.equal(s.allocator.explainPending(svc('x/new', { ips: '10.0.1.5' })).code, 'requested-ip-in-use');
  assert.deepEqual(restored(), ['b', 'c']);
  // Automatic allocation takes a's free address first: d (not autoAssign) is never read.
  assert.equal(s.allocator.explainPending(svc('x/auto')).code, 'allocation-failed');
  assert.deepEqual(restored(), ['a', 'b', 'c']);
  assert.deepEqual(s.allocator.holding('x/d1'), { pool: 'd', ips: ['10.0.2.1'] }, 'reading a holding restores its group');
  assert.deepEqual(restored(), ['a', 'b', 'c', 'd']);
});

/**
 * Runs ledger changes with a sync of both allocators after each batch (nothing read in between, so the
 * groups stay unrestored), then asks who holds `address`, lazily and eagerly.
 */
function holderAfter(pools: Pool[], batches: Array<(ledger: PoolLedger) => void>, address: string): { lazy: Reason; eager: Reason } {
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools(pools);
  let lazy: LazyRestore | null = null;
  const eager = createEagerExplainer();
  for (const batch of batches) {
    batch(ledger);
    lazy = followLedger(lazy, ledger);
    eager([], ledger);
  }
  assert.deepEqual(lazy!.restoredPools(), [], 'nothing was read before the probe');
  const probe = svc('probe/who', { ips: address, share: 'k9' });
  return { lazy: lazy!.allocator.explainPending(probe), eager: eager.allocator()!.explainPending(probe) };
}


test('refused services are retried in the order they were first refused, a changed one keeping its place', () => {
  const pools = [pool('one', ['10.0.0.1/32']), pool('other', ['10.0.9.0/30'])];
  const r = holderAfter(
    pools,
    [
      (l) => {
        l.upsertService(svc('n/h', { ingress: ['10.0.0.1'], created: day(1) }));
        l.upsertService(svc('n/s1', { ingress: ['10.0.0.1'] }));
        l.upsertService(svc('n/s2', { ingress: ['10.0.0.1'] }));
      },
      // s1 changes but is still refused: it keeps its turn ahead of s2.
      (l) => l.upsertService(svc('n/s1', { ingress: ['10.0.0.1'], labels: { v: '2' } })),
      (l) => l.removeService('n', 'h'),
    ],
    '10.0.0.1',
  );
  assert.deepEqual(r.lazy, r.eager);
  assert.match(r.lazy.message, /held by n\/s1, which has no allow-shared-ip key/);
});

test('a service refused in one group keeps its turn when it moves, still refused, to another', () => {
  const pools = [pool('a', ['10.0.0.1/32']), pool('b', ['10.0.1.1/32'])];
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools(pools);
  let lazy: LazyRestore | null = null;
  const eager = createEagerExplainer();
  const sync = () => {
    lazy = followLedger(lazy, ledger);
    eager([], ledger);
  };
  ledger.upsertService(svc('n/ha', { ingress: ['10.0.0.1'], created: day(1) }));
  ledger.upsertService(svc('n/s1', { ingress: ['10.0.0.1'] }));
  ledger.upsertService(svc('n/hb', { ingress: ['10.0.1.1'], created: day(1) }));
  sync();
  // Group a is read (s1 is refused there, its turn known); b is not.
  assert.equal(lazy!.allocator.explainPending(svc('probe/a', { ips: '10.0.0.1' })).code, 'requested-ip-in-use');
  ledger.upsertService(svc('n/s3', { ingress: ['10.0.1.1'] }));
  sync();
  // s1 moves to b's address, refused there too; it was refused before s3, so it goes first once hb leaves.
  ledger.upsertService(svc('n/s1', { ingress: ['10.0.1.1'] }));
  sync();
  ledger.removeService('n', 'hb');
  sync();
  assert.deepEqual(lazy!.restoredPools(), ['a']);
  const probe = svc('probe/b', { ips: '10.0.1.1' });
  const got = lazy!.allocator.explainPending(probe);
  assert.deepEqual(got, eager.allocator()!.explainPending(probe));
  assert.match(got.message, /held by n\/s1,/);
});

test('a pass that changes nothing in a group still retries its refused services', () => {
  const pools = [pool('one', ['10.0.0.1-10.0.0.2']), pool('other', ['10.0.9.0/30'])];
  const steps = [
    (l: PoolLedger) => l.upsertService(svc('n/h', { ingress: ['10.0.0.1'], created: day(2) })),
    // s is older but arrives later: h holds the address, so s is refused.
    (l: PoolLedger) => l.upsertService(svc('n/s', { ingress: ['10.0.0.1'], created: day(1) })),
    // h moves away; s, older, was retried before that in the same pass, and refused again.
    (l: PoolLedger) => l.upsertService(svc('n/h', { ingress: ['10.0.0.2'], created: day(2) })),
    // A change elsewhere: s is retried and now gets the address.
    (l: PoolLedger) => l.upsertService(svc('n/elsewhere', { ingress: ['10.0.9.1'] })),
  ];
  const after = holderAfter(pools, steps, '10.0.0.1');
  assert.deepEqual(after.lazy, after.eager);
  assert.match(after.lazy.message, /held by n\/s,/);
  // When the group changes again later, that retry still comes first: s holds the address before an
  // even older service claiming it arrives.
  const between = holderAfter(pools, [...steps, (l) => l.upsertService(svc('n/late', { ingress: ['10.0.0.1'], created: '2025-12-31T00:00:00Z' }))], '10.0.0.1');
  assert.deepEqual(between.lazy, between.eager);
  assert.match(between.lazy.message, /held by n\/s,/);
});

// Contention in two groups: a few services fighting over two addresses in each, often with equal
// timestamps, so the order in which refused services are retried decides who gets an address; services
// move between the groups, changes in a third group make passes that only retry, and each contested
// group is read at random moments (until then it stays unrestored).
const CONTESTED = [
  ['10.0.0.1', '10.0.0.2'],
  ['10.0.1.1', '10.0.1.2'],
];
const contenderArb = fc
  .record({
    name: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5'),
    ip: fc.constantFrom(...CONTESTED.flat()),
    share: fc.constantFrom(undefined, 'k1', 'k2'),
    port: fc.constantFrom('TCP/80', 'TCP/443'),
    created: fc.constantFrom(null, null, day(1), day(2)),
    version: fc.nat(3),
  })
  .map((c) => svc(`n1/${c.name}`, { ingress: [c.ip], share: c.share, ports: [c.port], created: c.created ?? undefined, labels: { v: String(c.version) } }));

type ContentionStep = { op: 'upsert'; service: Service } | { op: 'remove'; name: string } | { op: 'elsewhere'; version: number } | { op: 'read'; groups: number[] };

const contentionStepArb: fc.Arbitrary<ContentionStep> = fc.oneof(
  { weight: 6, arbitrary: contenderArb.map((service): ContentionStep => ({ op: 'upsert', service })) },
  { weight: 3, arbitrary: fc.constantFrom('c1', 'c2', 'c3', 'c4', 'c5').map((name): ContentionStep => ({ op: 'remove', name })) },
  { weight: 3, arbitrary: fc.nat(9).map((version): ContentionStep => ({ op: 'elsewhere', version })) },
  { weight: 4, arbitrary: fc.constantFrom<number[]>([], [], [], [0], [1], [0, 1]).map((groups): ContentionStep => ({ op: 'read', groups })) },
);

test('refused services contending for a freed address get it in the same order as restoring everything', () => {
  fc.assert(
    fc.property(fc.array(contentionStepArb, { minLength: 1, maxLength: 40, size: 'max' }), (steps) => {
      const ledger = new PoolLedger({ explainPending: null });
      ledger.setPools([pool('one', ['10.0.0.1-10.0.0.2']), pool('two', ['10.0.1.1-10.0.1.2']), pool('other', ['10.0.9.0/30'])]);
      let lazy: LazyRestore | null = null;
      const eager = createEagerExplainer();
      let n = 0;
      for (const step of [...steps, { op: 'read', groups: [0, 1] } as ContentionStep]) {
        if (step.op === 'upsert') ledger.upsertService(step.service);
        else if (step.op === 'remove') ledger.removeService('n1', step.name);
        else if (step.op === 'elsewhere') ledger.upsertService(svc('n2/elsewhere', { ingress: ['10.0.9.1'], labels: { v: String(step.version) } }));
        else {
          n++;
          lazy = followLedger(lazy, ledger);
          eager([], ledger);
          for (const address of step.groups.flatMap((g) => CONTESTED[g]!)) {
            for (const probe of addressProbes(address)) {
              assert.deepEqual(lazy.allocator.explainPending(probe), eager.allocator()!.explainPending(probe), `read ${n}, ${address}, ${probe.name}`);
            }
          }
        }
      }
    }),
    { numRuns: 2000 },
  );
});

test('a group that keeps changing without being read is restored once its held changes pile up', () => {
  const ledger = new PoolLedger({ explainPending: null });
  ledger.setPools([pool('busy', ['10.0.0.0/24']), pool('quiet', ['10.0.1.0/24'])]);
  for (let i = 1; i <= 10; i++) ledger.upsertService(svc(`n/s${i}`, { ingress: [`10.0.0.${i}`] }));
  ledger.upsertService(svc('n/q', { ingress: ['10.0.1.1'] }));
  let lazy = followLedger(null, ledger);
  let changes = 0;
  while (lazy.restoredPools().length === 0 && changes < 1000) {
    ledger.upsertService(svc(`n/s${(changes % 10) + 1}`, { ingress: [`10.0.0.${(changes % 10) + 1}`], labels: { v: String(changes) } }));
    lazy = followLedger(lazy, ledger);
    changes++;
  }
  assert.deepEqual(lazy.restoredPools(), ['busy'], 'only the changing group');
  // Its first pass held 10 restores: it is restored after 2 x 10 + 64 held steps at most.
  assert.ok(changes <= 2 * 10 + 64, `restored after ${changes} changes`);
  assert.deepEqual(lazy.allocator.holding('n/s1'), { pool: 'busy', ips: ['10.0.0.1'] });
});
