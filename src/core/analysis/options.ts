// Analysis options: finding thresholds, MetalLB's load-balancer class, and the seam through which the allocator explains pending services.
import { DEFAULT_METALLB_NAMESPACE } from '../model/kinds/metallb.ts';
import type { Service } from '../model/types.ts';
import type { Reason } from '../report/types.ts';
import type { LedgerView } from './ledger-view.ts';

/**
 * Explains why pending services got no address. Called with every pending service at once (so
 * an allocator can replay allocation once); returns a reason per `namespace/name` it can explain.
 * Services it leaves out fall back to MetalLB's AllocationFailed event, then to no reason.
 */
export type PendingExplainer = (pending: readonly Service[], state: LedgerView) => ReadonlyMap<string, PendingExplanation>;

/** Why a service is pending, and the pool that concerns when one is known (the named pool, the one exhausted pool, the pool of a requested address). */
export interface PendingExplanation {
  reason: Reason;
  pool: string | null;
}

export interface AnalysisOptions {
  /** Utilization (percent) at or above which `pool-utilization-high` is reported. Default 80. */
  utilizationHighPercent?: number;
  /** Utilization (percent) at or above which `pool-nearly-exhausted` is reported. Default 95. */
  nearlyExhaustedPercent?: number;
  /** MetalLB's `--lb-class`: null (the default) means MetalLB handles services with no loadBalancerClass. */
  loadBalancerClass?: string | null;
  /** The namespace MetalLB reads its configuration from. Default metallb-system. */
  metallbNamespace?: string;
  /** Null or absent: no explanations here (src/core/pipeline's createLedger wires the MetalLB-faithful allocator by default). */
  explainPending?: PendingExplainer | null;
}

export interface ResolvedOptions {
  utilizationHighPercent: number;
  nearlyExhaustedPercent: number;
  loadBalancerClass: string | null;
  metallbNamespace: string;
  explainPending: PendingExplainer | null;
}

export function resolveOptions(o: AnalysisOptions = {}): ResolvedOptions {
  return {
    utilizationHighPercent: o.utilizationHighPercent ?? 80,
    nearlyExhaustedPercent: o.nearlyExhaustedPercent ?? 95,
    loadBalancerClass: o.loadBalancerClass ?? null,
    metallbNamespace: o.metallbNamespace ?? DEFAULT_METALLB_NAMESPACE,
    explainPending: o.explainPending ?? null,
  };
}
