// Exhaustion forecast: the public surface of src/core/forecast.
export * from './regression.ts';
export * from './forecast.ts';
export * from './describe.ts';
export * from './duration.ts';
