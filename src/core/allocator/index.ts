// The allocator's public surface: the incremental Allocator, whole-snapshot simulate/explainPending, and the rule helpers.
export * from './allocator.ts';
export * from './simulate.ts';
export { serviceFamily, DEFAULT_CLUSTER_IP_FAMILIES, type FamilyNeed, type FamilyOptions, type ServiceFamily } from './service-family.ts';
export { requestedIps, type RequestedIps } from './requested-ips.ts';
export { shareKeyOf, portsOf, sharingConflict, type ShareKey, type SharingConflict } from './sharing.ts';
export { PoolConfig, comparePools, type AllocatorPool } from './pool-config.ts';
export { UsedAddresses } from './used-addresses.ts';
export { createPendingExplainer, followLedger } from './ledger-explainer.ts';
export { LazyRestore, type AllocatedService } from './lazy-restore.ts';
export type { UsageHooks } from './address-usage.ts';
export { simulationReport, type SimulationReport, type SimulatedAllocation, type SimulationReportOptions } from './simulation-report.ts';
