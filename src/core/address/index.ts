// Address math: the public surface of src/core/address.
export * from './ip.ts';
export * from './range.ts';
export * from './overlap.ts';
export * from './range-index.ts';
