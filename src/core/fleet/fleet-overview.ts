// The fleet overview's wire form, and the fleet read from a store's answers: clusters with their reports and forecasts.
import { forecastAll, forecastDocument, type Forecast, type ForecastDocument } from '../forecast/index.ts';
import { toJson, type ReportJson } from '../report/json.ts';
import type { Report } from '../report/types.ts';
import { fleetForecastInputs, fleetReports, type FleetResults, type MatrixSeries } from './fleet-report.ts';

export interface FleetClusterState {
  name: string;
  report: Report;
  forecasts: Forecast[];
}

export interface Fleet {
  /** Evaluation time, seconds since the epoch. */
  now: number;
  lookbackSeconds: number;
  clusters: FleetClusterState[];
}

/** The fleet from the fleet queries' answers and the lookback's raw in-use samples, at `now`. */
export function readFleet(results: FleetResults, inUseSamples: MatrixSeries[], now: number, lookbackSeconds: number): Fleet {
  const generatedAt = new Date(Math.floor(now) * 1000).toISOString().replace('.000Z', 'Z');
  const inputs = fleetForecastInputs(inUseSamples, results.total);
  return {
    now,
    lookbackSeconds,
    clusters: fleetReports(results, generatedAt).map((c) => ({
      name: c.name,
      report: c.report,
      forecasts: forecastAll(inputs.get(c.name) ?? [], { now, lookbackSeconds }),
    })),
  };
}

export interface FleetJson {
  apiVersion: 'poolwatch/v1';
  generatedAt: string;
  clusters: Array<{ name: string; pools: ReportJson['pools']; summary: ReportJson['summary']; forecast: ForecastDocument }>;
}

export function fleetToJson(fleet: Fleet): FleetJson {
  return {
    apiVersion: 'poolwatch/v1',
    generatedAt: new Date(Math.floor(fleet.now) * 1000).toISOString().replace('.000Z', 'Z'),
    clusters: fleet.clusters.map((c) => {
      const r = toJson(c.report);
      return { name: c.name, pools: r.pools, summary: r.summary, forecast: forecastDocument(c.forecasts, fleet.now, fleet.lookbackSeconds) };
    }),
  };
}

