// Preloaded by the start-up benchmark (node --import): at exit, writes the process's peak RSS in KB to the file named by POOLWATCH_BENCH_RSS_FILE.
import { writeFileSync } from 'node:fs';

process.on('exit', () => writeFileSync(process.env.POOLWATCH_BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));
