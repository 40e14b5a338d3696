// `simulate`'s report: the status report of the snapshot after simulation, new addresses marked, stale allocations shown moving.
import { ledgerFromSnapshot } from './analyze.ts';
import { finding, sortFindings } from '../analysis/findings/finding.ts';
import type { PendingExplanation } from '../analysis/options.ts';
import type { ClusterSnapshot } from '../model/snapshot.ts';
import { serviceKey, serviceRef } from '../model/types.ts';
import type { Report, ServiceReport } from '../report/types.ts';
import type { AllocatorOptions } from '../allocator/allocator.ts';
import { simulate, type SimulatedService } from '../allocator/simulate.ts';

export interface SimulationReportOptions extends AllocatorOptions {
  now: Date;
  /** The namespace MetalLB reads its configuration from (default metallb-system). */
  metallbNamespace?: string;
}

/** One service the simulation gave addresses to, for the table's "Simulated allocations" section. */
export interface SimulatedAllocation {
  service: string;
  pool: string;
  ips: string[];
  /** `new`, or `moved from 10.0.0.0 (why)` for a stale allocation. */
  note: string;
}

export interface SimulationReport {
  report: Report;
  assigned: SimulatedAllocation[];
}

function staleMessage(s: SimulatedService): string {
  const stale = s.stale!;
  const head = `service ${serviceKey(s.service)}: MetalLB will not keep ${stale.ips.join(', ')} (${stale.problem})`;
  if (s.state === 'allocated') return `${head}; it moves to ${s.ips.join(', ')} from pool "${s.pool}"`;
  return `${head}; it gets no new address (${s.reason?.code}: ${s.reason?.message})`;
}

/** The service with `previousIps` right after `ips` in the JSON: what it holds now beside what MetalLB gives it. */
function withPreviousIps(r: ServiceReport, previousIps: string[]): ServiceReport {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    out[k] = v;
    if (k === 'ips') out['previousIps'] = previousIps;
  }
  return out as unknown as ServiceReport;
}

/**
 * Simulates the snapshot, then analyses the snapshot as it would look afterwards, so pools count the simulated
 * addresses. Services the simulation assigned are `simulated: true`; pending ones carry the reason they got
 * at their turn; every allocation MetalLB would not keep becomes a finding, under the code `status` gives it
 * (stale-allocation, address-outside-pools, request-mismatch, invalid-address), saying where MetalLB moves it.
 */
export function simulationReport(snapshot: ClusterSnapshot, options: SimulationReportOptions): SimulationReport {
  const reasons = new Map<string, PendingExplanation>();
  // One ledger: loaded once, changed by the simulation, then read for the report (pending services keep the reason they got at their turn).
  const ledger = ledgerFromSnapshot(snapshot, {
    loadBalancerClass: options.lbClass ?? null,
    explainPending: () => reasons,
    ...(options.metallbNamespace ? { metallbNamespace: options.metallbNamespace } : {}),
  });
  const sim = simulate(snapshot, options, ledger);
  const simulated = new Set<string>();
  const previous = new Map<string, string[]>();
  const assigned: SimulatedAllocation[] = [];
  const findings = [];
  for (const s of sim.services) {
    const key = serviceKey(s.service);
    if (s.reason) reasons.set(key, { reason: s.reason, pool: s.reasonPool });
    if (s.simulated) {
      simulated.add(key);
      assigned.push({ service: key, pool: s.pool!, ips: s.ips, note: s.stale ? `moved from ${s.stale.ips.join(', ')} (${s.stale.problem})` : 'new' });
    }
    if (s.stale) previous.set(key, s.stale.ips);
    if (s.stale) findings.push(finding(s.stale.code, staleMessage(s), [serviceRef(s.service)], s.service.location));
  }
  const report = ledger.report(options.now);
  report.services = report.services.map((r) => {
    const key = `${r.namespace}/${r.name}`;
    const before = previous.get(key);
    const marked = before ? withPreviousIps(r, before) : r;
    return simulated.has(key) ? { ...marked, simulated: true } : marked;
  });
  report.findings = sortFindings([...report.findings, ...findings]);
  return { report, assigned };
}
