// The allocator's public surface: the Allocator over a ledger, whole-snapshot simulate/explainPending, and the rule helpers.
export * from './allocator.ts';
export * from './simulate.ts';
export { serviceFamily, DEFAULT_CLUSTER_IP_FAMILIES, type FamilyNeed, type FamilyOptions, type ServiceFamily } from './service-family.ts';
export { requestedIps, type RequestedIps } from './requested-ips.ts';
export { shareKeyOf, portsOf, sharingConflict, type ShareKey, type SharingConflict } from './sharing.ts';
export { PoolConfig, comparePools, type AllocatorPool } from './pool-config.ts';
export { createPendingExplainer } from './ledger-explainer.ts';
export { latestEvents } from '../analysis/events.ts';
