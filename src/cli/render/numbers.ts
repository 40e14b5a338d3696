// Human forms of counts and ratios for tables: 256, 2^64, ~1.84e19, 1.2%, <0.1%, and bar lengths.
export { bar, humanCount, humanPercent } from '../../core/report/human.ts';
