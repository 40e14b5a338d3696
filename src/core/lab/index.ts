// The embedded lab: the public surface of src/core/lab.
export * from './lab.ts';
export * from './scenario.ts';
export * from './controller.ts';
export * from './kube-objects.ts';
export * from './speakers.ts';
export { Rng } from './rng.ts';
