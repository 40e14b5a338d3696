// The one list of scrape kinds the bundle emits.
import type { MonitoringConfig } from '../config.ts';
import { operatorMonitors } from './operator-monitors.ts';
import { scrapeConfigs } from './scrape-configs.ts';

export const scrapeKinds = { operatorMonitors, scrapeConfigs } satisfies Record<string, (config: MonitoringConfig) => unknown>;
