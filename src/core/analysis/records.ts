// The ledger's records: a service as the ledger keeps it, and each address it holds with the pools that hold it.
import type { IpFamily } from '../address/index.ts';
import type { Service } from '../model/types.ts';
import type { Finding, ServiceReport, ServiceState } from '../report/types.ts';
import type { PoolState } from './pool-state.ts';

/** One address a service holds (from status.loadBalancer.ingress) and the pools that hold it. */
export interface HeldAddress {
  family: IpFamily;
  readonly value: bigint;
  /** An IPv4 address's value as a number (cheaper to compare and look up than the bigint); -1 for IPv6. */
  readonly v4: number;
  /** Canonical text. */
  text: string;
  /** Every pool holding the address as MetalLB sees it (a .0/.255 address of an avoidBuggyIPs pool is not in it), in list order. */
  pools: readonly PoolState[];
  /** The service holding it. */
  record: ServiceRecord;
}

export interface ServiceRecord {
  /** `namespace/name`. */
  readonly key: string;
  /** The service's namespace and name (the same strings), kept beside the record's other fields for the passes over every record. */
  namespace: string;
  name: string;
  service: Service;
  state: ServiceState;
  addresses: HeldAddress[];
  /** The addresses' canonical texts, in order: the `ips` of every report made from this record (reports are never changed). */
  ips: string[];
  /** Ingress entries that are not IP addresses. */
  unparsable: string[];
  /** The pool the service's addresses are attributed to (see attributedPool), or null. */
  pool: PoolState | null;
  sharingKey: string | null;
  /** The ip-allocated-from-pool annotation (metallb.io/ preferred over the legacy prefix), or null. */
  allocatedFrom: string | null;
  /**
   * The ledger's own memo of what it made from the record, kept on it rather than in tables keyed by
   * record (a record is replaced whenever its service changes, so the memo goes with it): the last report
   * entry, and each service rule's findings (in rule order), valid while `memoEpoch` is the ledger's.
   */
  memoEntry: ServiceReport | null;
  memoFindings: Array<Finding[] | undefined> | null;
  memoEpoch: object | null;
}
