// The one list of HTTP routes: adding an endpoint is one file plus one line here.
import type { Route } from '../route.ts';
import { apiFindings } from './api-findings.ts';
import { apiEvents } from './api-events.ts';
import { apiForecast } from './api-forecast.ts';
import { apiHistory } from './api-history.ts';
import { apiInfo } from './api-info.ts';
import { apiLive } from './api-live.ts';
import { apiPool } from './api-pool.ts';
import { apiPools } from './api-pools.ts';
import { apiService } from './api-service.ts';
import { apiServices } from './api-services.ts';
import { apiStatus } from './api-status.ts';
import { healthz } from './healthz.ts';
import { metrics } from './metrics.ts';
import { readyz } from './readyz.ts';
import { uiAssets, uiIndex } from './ui.ts';

export const routes: readonly Route[] = [healthz, readyz, metrics, apiStatus, apiPools, apiPool, apiServices, apiService, apiFindings, apiForecast, apiHistory, apiInfo, apiLive, apiEvents, uiIndex, uiAssets];
