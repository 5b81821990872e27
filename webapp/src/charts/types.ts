import type { ValueFormat } from '@/lib/format';

/** Every chart type the renderer draws. `bar` runs horizontally, `column` vertically. */
export const CHART_TYPES = [
  'kpi',
  'bar',
  'column',
  'line',
  'area',
  'pie',
  'donut',
  'scatter',
  'table',
  'pivot',
] as const;
export type ChartType = (typeof CHART_TYPES)[number];

export const CHART_NAMES: Record<ChartType, string> = {
  kpi: 'Key figure',
  bar: 'Bar chart',
  column: 'Column chart',
  line: 'Line chart',
  area: 'Area chart',
  pie: 'Pie chart',
  donut: 'Donut chart',
  scatter: 'Scatter chart',
  table: 'Table',
  pivot: 'Pivot table',
};

/** A result column: the query result's name and type, with a model's label and format when known. */
export interface ResultColumn {
  name: string;
  type?: string;
  label?: string | null;
  format?: ValueFormat | null;
}

export interface QueryResultLike {
  columns: readonly ResultColumn[];
  rows: readonly (readonly unknown[])[];
}

export type TimeGrain = 'year' | 'quarter' | 'month' | 'week' | 'day' | 'hour' | 'minute';

/** A cell colour rule for tables: the first rule that matches a cell colours it. */
export interface ConditionalColor {
  column: string;
  operator: 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
  value: number;
  color: 'green' | 'red' | 'amber' | 'blue';
}

/**
 * A chart's settings (`visualization` of a saved chart): every field but `type` is optional and
 * what is missing is chosen from the result's shape.
 */
export interface Visualization {
  type: ChartType;
  /** The category or time column. */
  x?: string | null;
  /** The measure column(s). */
  y?: string | readonly string[] | null;
  /** A column whose values become one series each. */
  series?: string | null;
  /** Comparison columns (previous period, last year) drawn dashed beside their measure. */
  comparison?: readonly string[] | null;
  /** Scatter: the point size and point colour columns. */
  size?: string | null;
  color?: string | null;
  stacking?: 'none' | 'stacked' | 'percent';
  title?: string | null;
  xAxisTitle?: string | null;
  yAxisTitle?: string | null;
  legend?: boolean;
  /** Series colours, in order (CSS colours). */
  colors?: readonly string[] | null;
  sort?: { by: 'x' | 'y'; direction: 'asc' | 'desc' } | null;
  numberFormat?: ValueFormat | null;
  /** The time grain of the x axis; found from the values when absent. */
  grain?: TimeGrain | null;
  showValues?: boolean;
  referenceLine?: { value: number; label?: string | null } | null;
  /** Pivot: the row, column and measure columns. */
  pivot?: { rows: string; columns: string; measure: string } | null;
  conditionalColors?: readonly ConditionalColor[] | null;
  /** A rising number is good (green); set false for costs, errors, churn. */
  higherIsBetter?: boolean;
  /** Most categories drawn before the rest are grouped into "Other" (or scroll). */
  maxCategories?: number;
  /** Most points per series drawn before downsampling (LTTB). */
  maxPoints?: number;
}

/** A semantic model's dimensions and measures, for labels and formats of result columns. */
export interface ModelLike {
  dimensions?: readonly { name: string; label?: string | null; format?: ValueFormat | null }[];
  measures?: readonly { name: string; label?: string | null; format?: ValueFormat | null }[];
}

/**
 * The category a drawn mark (a bar, a point, a slice, a table row) stands for, by result column
 * (the raw value, as in the result). The first entry is the mark's category (its axis column).
 * "Other" and downsampled marks have none.
 */
export type MarkValues = Readonly<Record<string, unknown>>;

export interface SeriesSpec {
  /** The data key holding this series' values. */
  key: string;
  label: string;
  color: string;
  /** A comparison (previous period, last year): drawn dashed. */
  comparison: boolean;
  column: ResultColumn;
}

export interface CategoryPoint {
  /** A unique key per category, so equal or empty labels never merge. */
  key: string;
  label: string;
  /** The full label (a full date for time axes), for tooltips and the screen-reader table. */
  fullLabel: string;
  [series: string]: string | number | null;
}

export interface KpiItem {
  label: string;
  value: number | null;
  text: string;
  /** The row's category text, when the single row had one. */
  context: string | null;
  change: {
    against: 'previous period' | 'last year';
    /** Relative change (0.12 = +12 %), null when the base is 0. */
    ratio: number | null;
    delta: number;
    text: string;
    direction: 'up' | 'down' | 'flat';
    /** Whether the direction is good news (green) or bad (red); flat is neither. */
    tone: 'good' | 'bad' | 'neutral';
  } | null;
}

export interface ScatterPoint {
  x: number;
  y: number;
  size: number | null;
  group: string;
  label: string;
}

export interface PivotSpec {
  rowLabel: string;
  columnLabel: string;
  measure: ResultColumn;
  rowKeys: string[];
  columnKeys: string[];
  /** cells[row][column], null where no row of the result has that pair. */
  cells: (number | null)[][];
  /** Totals are sums, so they are left out for measures that do not add up (averages, ratios). */
  rowTotals: (number | null)[] | null;
  columnTotals: (number | null)[] | null;
  grandTotal: number | null;
}

interface Common {
  type: ChartType;
  title: string | null;
  /** Why something is not drawn as in the table: groupings, cut-off rows, downsampling. */
  notes: string[];
}

export type ChartSpec =
  | (Common & { kind: 'kpi'; items: KpiItem[] })
  | (Common & {
      kind: 'cartesian';
      type: 'bar' | 'column' | 'line' | 'area';
      xColumn: ResultColumn;
      xTitle: string | null;
      yTitle: string | null;
      data: CategoryPoint[];
      series: SeriesSpec[];
      stacking: 'none' | 'stacked' | 'percent';
      time: TimeGrain | null;
      /** Draw every (interval + 1)-th category label; all categories still get their mark. */
      labelInterval: number;
      /** More categories than fit and they do not add up to an "Other": the chart scrolls. */
      scroll: boolean;
      showValues: boolean;
      legend: boolean;
      referenceLine: { value: number; label: string | null } | null;
      valueColumn: ResultColumn;
      /** What each clickable point stands for: point key → result column → raw value. */
      marks: Readonly<Record<string, MarkValues>>;
    })
  | (Common & {
      kind: 'pie';
      type: 'pie' | 'donut';
      slices: { key: string; label: string; value: number; color: string }[];
      valueColumn: ResultColumn;
      /** What each clickable slice stands for: slice key → result column → raw value. */
      marks: Readonly<Record<string, MarkValues>>;
      showValues: boolean;
      legend: boolean;
    })
  | (Common & {
      kind: 'scatter';
      type: 'scatter';
      xColumn: ResultColumn;
      yColumn: ResultColumn;
      sizeColumn: ResultColumn | null;
      groups: { key: string; label: string; color: string; points: ScatterPoint[] }[];
      xTitle: string | null;
      yTitle: string | null;
      legend: boolean;
    })
  | (Common & { kind: 'table'; type: 'table' })
  | (Common & { kind: 'pivot'; type: 'pivot'; pivot: PivotSpec });
