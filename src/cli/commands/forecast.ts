// `poolwatch forecast`: when each pool family runs out, from a history file or from Prometheus.
import { Option } from 'commander';
import { PoolwatchError } from '../../core/errors.ts';
import { forecastAll, forecastDocument, parseDuration, type SeriesInput } from '../../core/forecast/index.ts';
import { readHistory } from '../../sources/history-file.ts';
import { prometheusForecastInputs } from '../../sources/prometheus-history.ts';
import { EXIT_OK, type CliCommand } from '../command.ts';
import { nowOf } from '../io.ts';
import { outputOption } from '../options.ts';
import { colorsFor } from '../render/color.ts';
import { renderForecastTable } from '../render/forecast-table.ts';

interface ForecastOptions {
  historyFile?: string;
  prometheusUrl?: string;
  pool?: string;
  lookback: string;
  output: 'table' | 'json';
}

export const forecastCommand: CliCommand = {
  name: 'forecast',
  examples: [
    ['poolwatch forecast --history-file history.jsonl', "from serve's history file"],
    ['poolwatch forecast --prometheus-url http://prometheus:9090', "from poolwatch's series in Prometheus"],
    ['poolwatch forecast --pool web -o json', 'one pool, as JSON'],
  ],
  register(program, io, done) {
    program
      .command('forecast')
      .description('predict when each pool runs out (least squares, like PromQL predict_linear)')
      .addOption(new Option('--history-file <file>', 'history written by `serve --history-file`').conflicts('prometheusUrl'))
      .option('--prometheus-url <url>', "read poolwatch's series from this Prometheus instead")
      .option('--pool <name>', 'only this pool')
      .option('--lookback <duration>', 'how much history the trend uses', '6h')
      .addOption(outputOption(['table', 'json'], 'table'))
      .action(async (opts: ForecastOptions) => {
        const lookback = parseDuration(opts.lookback, '--lookback');
        let inputs: SeriesInput[];
        let now: number;
        if (opts.prometheusUrl) {
          now = nowOf(io).getTime() / 1000;
          inputs = await prometheusForecastInputs(opts.prometheusUrl, { now, lookbackSeconds: lookback, ...(opts.pool ? { pool: opts.pool } : {}) });
        } else if (opts.historyFile) {
          const store = await readHistory(opts.historyFile, { warn: (w) => io.stderr.write(`poolwatch: warning: ${w}\n`) });
          // A history file is judged at its last sample, so an old file still gives its forecast.
          now = store.latestTime() ?? nowOf(io).getTime() / 1000;
          inputs = store.forecastInputs(store.latestSamples(), now, lookback);
        } else {
          throw new PoolwatchError('invalid-argument', 'forecast needs --history-file FILE or --prometheus-url URL');
        }
        if (opts.pool) {
          inputs = inputs.filter((i) => i.pool === opts.pool);
          if (inputs.length === 0) throw new PoolwatchError('not-found', `no history for a pool named "${opts.pool}"`);
        }
        const doc = forecastDocument(forecastAll(inputs, { now, lookbackSeconds: lookback }), now, lookback);
        io.stdout.write(opts.output === 'json' ? `${JSON.stringify(doc, null, 2)}\n` : renderForecastTable(doc, colorsFor(io)));
        done(EXIT_OK);
      });
  },
};
