// The subset of Grafana's dashboard JSON model (schemaVersion 39) that the generated dashboard uses.
// Typed plain objects rather than @grafana/grafana-foundation-sdk's builders: the CLI then needs no pre-1.0 runtime
// dependency (the SDK stays a devDependency), the generator stays a pure function, and the output is exactly what the
// golden file shows; the names follow the SDK's Dashboard/Panel/RowPanel/VariableModel types.

export interface DataSourceRef {
  type: 'prometheus';
  uid: string;
}

export interface PrometheusTarget {
  refId: string;
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  instant?: boolean;
  range?: boolean;
  format?: 'time_series' | 'table';
}

export type PanelType = 'gauge' | 'stat' | 'timeseries' | 'table' | 'bargauge';

export interface GridPos {
  h: number;
  w: number;
  x: number;
  y: number;
}

export interface Threshold {
  color: string;
  value: number | null;
}

export interface FieldConfig {
  defaults: {
    unit?: string;
    min?: number;
    max?: number;
    decimals?: number;
    thresholds?: { mode: 'absolute'; steps: Threshold[] };
    color?: { mode: string };
    custom?: Record<string, unknown>;
  };
  overrides: unknown[];
}

export interface Panel {
  id: number;
  type: PanelType;
  title: string;
  description: string;
  datasource: DataSourceRef;
  gridPos: GridPos;
  targets: PrometheusTarget[];
  fieldConfig: FieldConfig;
  options: Record<string, unknown>;
  transformations?: Array<{ id: string; options: Record<string, unknown> }>;
}

export interface RowPanel {
  id: number;
  type: 'row';
  title: string;
  collapsed: false;
  gridPos: GridPos;
  panels: [];
}

export interface Variable {
  name: string;
  label: string;
  type: 'datasource' | 'query';
  query: string | { query: string; refId: string };
  definition?: string;
  datasource?: DataSourceRef;
  current: Record<string, unknown>;
  /** 0 shown, 2 hidden. */
  hide: 0 | 2;
  includeAll?: boolean;
  allValue?: string;
  multi?: boolean;
  refresh: 1 | 2;
  sort?: number;
  regex?: string;
  options: [];
}

export interface Dashboard {
  uid: string;
  title: string;
  description: string;
  tags: string[];
  timezone: 'browser';
  editable: boolean;
  graphTooltip: 1;
  time: { from: string; to: string };
  refresh: string;
  schemaVersion: 39;
  version: 1;
  templating: { list: Variable[] };
  annotations: { list: unknown[] };
  links: unknown[];
  panels: Array<Panel | RowPanel>;
}

/** A panel as a row file writes it: the builder assigns ids, datasource, and grid positions. */
export interface PanelDraft {
  type: PanelType;
  title: string;
  description: string;
  /** Width in grid columns (24 per row) and height in grid units. */
  w: number;
  h: number;
  targets: Array<Omit<PrometheusTarget, 'refId' | 'datasource'>>;
  unit?: string;
  min?: number;
  max?: number;
  decimals?: number;
  thresholds?: Threshold[];
  options?: Record<string, unknown>;
  transformations?: Array<{ id: string; options: Record<string, unknown> }>;
}

export interface RowDraft {
  title: string;
  panels: PanelDraft[];
}
