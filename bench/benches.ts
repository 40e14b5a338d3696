// The list of benchmarks: each name and the file whose default export runs it (adding one is a file plus a line here).
export const BENCHES: Readonly<Record<string, string>> = {
  forecast: './forecast.bench.ts',
  history: './history.bench.ts',
  page: './page.bench.ts',
  analysis: './analysis.bench.ts',
  overlap: './overlap.bench.ts',
  serve: './serve.bench.ts',
  'serve-load': './serve-load.bench.ts',
  simulate: './simulate.bench.ts',
  startup: './startup.bench.ts',
  'watch-apply': './watch-apply.bench.ts',
  'watch-e2e': './watch-e2e.bench.ts',
};
