// Usage history: the public surface of src/core/history.
export * from './tiers.ts';
export * from './store.ts';
export * from './codec.ts';
