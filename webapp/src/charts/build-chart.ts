import { cellText, formatCell, formatValueNumber } from '@/lib/format';
import { isAdditive, isChange, isComparison, labelOf, roleOf, withModel } from './columns';
import { recommendChart, resultShape } from './fit';
import { lttb } from './lttb';
import {
  detectGrain,
  formatFull,
  formatTick,
  labelInterval,
  spansMonths,
  toDate,
} from './time-axis';
import type {
  CategoryPoint,
  ChartSpec,
  ChartType,
  KpiItem,
  MarkValues,
  ModelLike,
  PivotSpec,
  QueryResultLike,
  ResultColumn,
  ScatterPoint,
  SeriesSpec,
  TimeGrain,
  Visualization,
} from './types';

/** NULL and '' categories are drawn as their own category under this name. */
export const EMPTY_LABEL = '(empty)';
export const OTHER_LABEL = 'Other';
export const PALETTE = [
  '#2563eb',
  '#f59e0b',
  '#10b981',
  '#ef4444',
  '#8b5cf6',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#64748b',
  '#14b8a6',
  '#a855f7',
];
export const DEFAULT_MAX_CATEGORIES = 30;
export const DEFAULT_MAX_SLICES = 8;
export const DEFAULT_MAX_POINTS = 500;
export const MAX_SERIES = 12;
export const MAX_SCATTER_POINTS = 5000;
/** Bars over time are never grouped into "Other"; past this many the chart scrolls. */
const MAX_TIME_BARS = 120;
/** The width the default label thinning assumes; ChartView recomputes it for its real width. */
const DEFAULT_AXIS_WIDTH = 640;

type Row = readonly unknown[];

const NONE: ResultColumn = { name: '' };
/** The column at an index already checked (or a nameless one), without non-null assertions. */
const col = (columns: readonly ResultColumn[], i: number | undefined): ResultColumn =>
  (i === undefined ? undefined : columns[i]) ?? NONE;

const count = (n: number, one: string, many = `${one}s`) =>
  `${formatValueNumber(n)} ${n === 1 ? one : many}`;

export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '' || typeof value === 'boolean')
    return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const isEmpty = (value: unknown) =>
  value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/** A stable identity for a category value: NULL and '' are one "(empty)" category. */
const identity = (value: unknown) => (isEmpty(value) ? '\u0000empty' : `v:${cellText(value)}`);

interface Axis {
  column: ResultColumn;
  grain: TimeGrain | null;
  spans: boolean;
}

function makeAxis(
  column: ResultColumn,
  rows: readonly Row[],
  index: number,
  grain?: TimeGrain | null,
): Axis {
  if (roleOf(column) !== 'time') return { column, grain: null, spans: false };
  const dates = rows.map((row) => toDate(row[index])).filter((d): d is Date => d !== null);
  return { column, grain: grain ?? detectGrain(dates), spans: spansMonths(dates) };
}

function labels(value: unknown, axis: Axis): { label: string; fullLabel: string } {
  if (isEmpty(value)) return { label: EMPTY_LABEL, fullLabel: EMPTY_LABEL };
  if (axis.grain) {
    const date = toDate(value);
    if (date)
      return {
        label: formatTick(date, axis.grain, axis.spans),
        fullLabel: formatFull(date, axis.grain),
      };
  }
  // Ordinal numbers (years) read as they are, without a thousands separator.
  const text = roleOf(axis.column) === 'ordinal' ? cellText(value) : formatCell(value, axis.column);
  return { label: text, fullLabel: text };
}

function resolve(columns: readonly ResultColumn[], name: string | null | undefined): number {
  return name ? columns.findIndex((c) => c.name === name) : -1;
}

function asList(value: string | readonly string[] | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  return typeof value === 'string' ? [value] : [...value];
}

/** The x column: the one named, else the first time column, then ordinal, then category. */
function pickX(columns: readonly ResultColumn[], vis: Visualization): number {
  const named = resolve(columns, vis.x);
  if (named >= 0) return named;
  for (const role of ['time', 'ordinal', 'category'] as const) {
    const i = columns.findIndex((c) => roleOf(c) === role);
    if (i >= 0) return i;
  }
  return -1;
}

function pickSeries(columns: readonly ResultColumn[], vis: Visualization, xi: number): number {
  if (vis.series !== undefined) return resolve(columns, vis.series);
  // Unnamed: a second category (or ordinal) column splits the measure into series.
  return columns.findIndex(
    (c, i) => i !== xi && (roleOf(c) === 'category' || roleOf(c) === 'ordinal'),
  );
}

function pickMeasures(
  columns: readonly ResultColumn[],
  vis: Visualization,
  taken: number[],
): number[] {
  const named = asList(vis.y)
    .map((n) => resolve(columns, n))
    .filter((i) => i >= 0);
  if (named.length > 0) return named;
  return columns
    .map((c, i) => ({ c, i }))
    .filter(
      ({ c, i }) =>
        !taken.includes(i) && roleOf(c) === 'measure' && !isComparison(c) && !isChange(c),
    )
    .map(({ i }) => i);
}

function pickComparisons(
  columns: readonly ResultColumn[],
  vis: Visualization,
  taken: number[],
): number[] {
  if (vis.comparison) return vis.comparison.map((n) => resolve(columns, n)).filter((i) => i >= 0);
  return columns
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => !taken.includes(i) && isComparison(c))
    .map(({ i }) => i);
}

const comparisonAgainst = (column: ResultColumn): 'previous period' | 'last year' =>
  /year/i.test(column.name) ? 'last year' : 'previous period';

/**
 * What to draw for a query result and a chart's settings — pure, no DOM. Every row becomes a mark
 * or is named in `notes` (grouped into "Other", cut off, without a value, downsampled).
 */
export function buildChart(
  result: QueryResultLike,
  visualization?: Visualization | null,
  model?: ModelLike | null,
): ChartSpec {
  const columns = withModel(result.columns, model);
  const rows = result.rows;
  const vis: Visualization = visualization ?? {
    type: recommendChart(resultShape(columns, rows.length)),
  };
  const title = vis.title ?? null;
  if (rows.length === 0) {
    return { kind: 'table', type: 'table', title, notes: ['No rows to draw.'] };
  }
  const type: ChartType = vis.type;
  if (type === 'table') return { kind: 'table', type, title, notes: [] };
  if (type === 'pivot') return buildPivot(columns, rows, vis);
  // A single value is a key figure, never a one-bar chart.
  const hasMeasure = columns.some((c) => roleOf(c) === 'measure');
  if (type === 'kpi' || (rows.length === 1 && hasMeasure)) return buildKpi(columns, rows, vis);
  if (type === 'pie' || type === 'donut') return buildPie(columns, rows, vis, type);
  if (type === 'scatter') return buildScatter(columns, rows, vis);
  return buildCartesian(columns, rows, vis, type);
}

function tableFallback(title: string | null, note: string): ChartSpec {
  return { kind: 'table', type: 'table', title, notes: [note] };
}

function buildKpi(columns: ResultColumn[], rows: readonly Row[], vis: Visualization): ChartSpec {
  const title = vis.title ?? null;
  const measures = pickMeasures(columns, vis, []);
  if (measures.length === 0) return tableFallback(title, 'No number to show as a key figure.');
  const comparisons = pickComparisons(columns, vis, measures);
  const row = rows[0] ?? [];
  const context =
    columns
      .map((c, i) => ({ c, i }))
      .filter(({ c, i }) => roleOf(c) !== 'measure' && !measures.includes(i))
      .map(({ c, i }) => labels(row[i], makeAxis(c, rows.slice(0, 1), i)).label)
      .join(' · ') || null;
  const higherIsBetter = vis.higherIsBetter ?? true;
  const items: KpiItem[] = measures.slice(0, 4).map((mi) => {
    const column = { ...col(columns, mi), format: vis.numberFormat ?? col(columns, mi).format };
    const value = toNumber(row[mi]);
    // A comparison named after this measure, else the only comparison there is.
    const base =
      comparisons.find((ci) => col(columns, ci).name.startsWith(column.name)) ??
      (comparisons.length === 1 && measures.length === 1 ? comparisons[0] : undefined);
    let change: KpiItem['change'] = null;
    const previous = base === undefined ? null : toNumber(row[base]);
    if (base !== undefined && value !== null && previous !== null) {
      const delta = value - previous;
      const ratio = previous === 0 ? null : delta / Math.abs(previous);
      const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
      const sign = delta > 0 ? '+' : '';
      change = {
        against: comparisonAgainst(col(columns, base)),
        delta,
        ratio,
        direction,
        tone:
          direction === 'flat'
            ? 'neutral'
            : (direction === 'up') === higherIsBetter
              ? 'good'
              : 'bad',
        text:
          ratio === null
            ? `${sign}${formatValueNumber(delta, column)}`
            : `${sign}${formatValueNumber(ratio, { format: { type: 'percent', decimals: 1 } })}`,
      };
    }
    return { label: labelOf(column), value, text: formatCell(row[mi], column), context, change };
  });
  const notes = rows.length > 1 ? [`Showing the first of ${count(rows.length, 'row')}.`] : [];
  return { kind: 'kpi', type: 'kpi', title, notes, items };
}

function colorOf(vis: Visualization, i: number): string {
  const colors = vis.colors && vis.colors.length > 0 ? vis.colors : PALETTE;
  return colors[i % colors.length] ?? '#2563eb';
}

function buildCartesian(
  columns: ResultColumn[],
  rows: readonly Row[],
  vis: Visualization,
  type: 'bar' | 'column' | 'line' | 'area',
): ChartSpec {
  const title = vis.title ?? null;
  const notes: string[] = [];
  const xi = pickX(columns, vis);
  if (xi < 0) return tableFallback(title, 'No column for the axis.');
  const si = pickSeries(columns, vis, xi);
  const measures = pickMeasures(columns, vis, [xi, si]);
  if (measures.length === 0) return tableFallback(title, 'No number to draw.');
  const comparisons = si >= 0 ? [] : pickComparisons(columns, vis, [xi, ...measures]);
  const format = (i: number): ResultColumn => ({
    ...col(columns, i),
    format: vis.numberFormat ?? col(columns, i).format,
  });
  const axis = makeAxis(col(columns, xi), rows, xi, vis.grain);
  const timeLike = axis.grain !== null || roleOf(axis.column) === 'ordinal';

  // Order rows: chronological on time axes unless a sort is asked for.
  let order = rows.map((_, i) => i);
  const sortKey = (i: number): number | string => {
    const row = rows[i] ?? [];
    if (vis.sort?.by === 'y') return toNumber(row[measures[0] ?? -1]) ?? -Infinity;
    const v = row[xi];
    if (axis.grain) return toDate(v)?.getTime() ?? -Infinity;
    return toNumber(v) ?? cellText(v, '');
  };
  if (vis.sort || axis.grain) {
    const direction = vis.sort?.direction === 'desc' ? -1 : 1;
    order = [...order].sort((a, b) => {
      const ka = sortKey(a);
      const kb = sortKey(b);
      if (ka === kb) return a - b;
      return (ka < kb ? -1 : 1) * direction;
    });
  }

  let data: CategoryPoint[] = [];
  let series: SeriesSpec[] = [];
  let valueless = 0;
  const xName = col(columns, xi).name;
  const marks: Record<string, MarkValues> = {};
  if (si < 0) {
    // One category per row: two rows with the same label stay two marks.
    series = [
      ...measures.map((mi, j) => ({
        key: `m${j}`,
        label: labelOf(col(columns, mi)),
        color: colorOf(vis, j),
        comparison: false,
        column: format(mi),
      })),
      ...comparisons.map((ci, j) => {
        const base = measures.findIndex((mi) =>
          col(columns, ci).name.startsWith(col(columns, mi).name),
        );
        return {
          key: `c${j}`,
          label: labelOf(col(columns, ci)),
          color: colorOf(vis, base >= 0 ? base : j),
          comparison: true,
          column: format(ci),
        };
      }),
    ];
    const sources = [...measures, ...comparisons];
    for (const i of order) {
      const row = rows[i] ?? [];
      const point: CategoryPoint = { key: `r${i}`, ...labels(row[xi], axis) };
      marks[point.key] = { [xName]: row[xi] };
      sources.forEach((mi, j) => {
        const key = series[j]?.key;
        if (key) point[key] = toNumber(row[mi]);
      });
      const any = sources.some((mi) => toNumber(row[mi]) !== null);
      if (!any) valueless += 1;
      data.push(point);
    }
  } else {
    // Long rows (x, series, y) become one point per x with a key per series value.
    const mi = measures[0] ?? -1;
    const seriesIds = new Map<string, SeriesSpec>();
    const points = new Map<string, CategoryPoint>();
    let overflow = 0;
    let duplicates = 0;
    const seriesAxis = makeAxis(col(columns, si), rows, si);
    for (const i of order) {
      const row = rows[i] ?? [];
      const sid = identity(row[si]);
      let spec = seriesIds.get(sid);
      if (!spec) {
        if (seriesIds.size >= MAX_SERIES) {
          overflow += 1;
          continue;
        }
        spec = {
          key: `s${seriesIds.size}`,
          label: labels(row[si], seriesAxis).label,
          color: colorOf(vis, seriesIds.size),
          comparison: false,
          column: format(mi),
        };
        seriesIds.set(sid, spec);
      }
      const xid = identity(row[xi]);
      let point = points.get(xid);
      if (!point) {
        point = { key: `x${points.size}`, ...labels(row[xi], axis) };
        points.set(xid, point);
        marks[point.key] = { [xName]: row[xi] };
      }
      if (point[spec.key] !== undefined) {
        duplicates += 1;
        continue;
      }
      const value = toNumber(row[mi]);
      if (value === null) valueless += 1;
      point[spec.key] = value;
    }
    series = [...seriesIds.values()];
    data = [...points.values()];
    for (const point of data)
      for (const s of series) if (point[s.key] === undefined) point[s.key] = null;
    if (overflow > 0)
      notes.push(
        `${count(overflow, 'row')} cut off: only the first ${MAX_SERIES} series are drawn.`,
      );
    if (duplicates > 0)
      notes.push(
        `${count(duplicates, 'row')} cut off: they repeat a category and series already drawn.`,
      );
  }
  if (valueless > 0) notes.push(`${count(valueless, 'row')} without a value (not drawn).`);

  // Too many categories: "Other" when the measure adds up, else scroll.
  let scroll = false;
  const maxCategories = vis.maxCategories ?? DEFAULT_MAX_CATEGORIES;
  const additive = series.filter((s) => !s.comparison).every((s) => isAdditive(s.column));
  if (timeLike) {
    const maxPoints = vis.maxPoints ?? DEFAULT_MAX_POINTS;
    if ((type === 'line' || type === 'area') && data.length > maxPoints) {
      const xs = data.map((_, i) => i);
      const keep = new Set<number>();
      const perSeries = Math.max(3, Math.floor(maxPoints / Math.max(series.length, 1)));
      for (const s of series)
        for (const i of lttb(
          xs,
          data.map((p) => p[s.key] as number | null),
          perSeries,
        ))
          keep.add(i);
      const total = data.length;
      data = data.filter((_, i) => keep.has(i));
      notes.push(
        `Drawn from ${formatValueNumber(data.length)} of ${formatValueNumber(total)} points (downsampled); the table has every row.`,
      );
    } else if (data.length > MAX_TIME_BARS) {
      scroll = true;
      notes.push(`${count(data.length, 'bar')}: scroll to see them all.`);
    }
  } else if (data.length > maxCategories) {
    if (additive && maxCategories > 1) {
      const keep = maxCategories - 1;
      const weight = (p: CategoryPoint) =>
        series.reduce((sum, s) => sum + Math.abs((p[s.key] as number | null) ?? 0), 0);
      const ranked = data
        .map((p, i) => ({ i, w: weight(p) }))
        .sort((a, b) => b.w - a.w || a.i - b.i);
      const kept = new Set(ranked.slice(0, keep).map((r) => r.i));
      const rest = data.filter((_, i) => !kept.has(i));
      const other: CategoryPoint = {
        key: 'other',
        label: OTHER_LABEL,
        fullLabel: `${OTHER_LABEL} (${count(rest.length, 'category', 'categories')})`,
      };
      for (const s of series) {
        const values = rest.map((p) => p[s.key]).filter((v): v is number => typeof v === 'number');
        other[s.key] = values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
      }
      data = [...data.filter((_, i) => kept.has(i)), other];
      notes.push(`${count(rest.length, 'category', 'categories')} grouped into "${OTHER_LABEL}".`);
    } else {
      scroll = true;
      notes.push(`${count(data.length, 'category', 'categories')}: scroll to see them all.`);
    }
  }

  const longest = data.reduce((n, p) => Math.max(n, p.label.length), 0);
  const interval =
    type === 'bar'
      ? 0
      : labelInterval(data.length, DEFAULT_AXIS_WIDTH, Math.min(longest, 16) * 7 + 12);
  const measureTitle = series.length === 1 || si >= 0 ? labelOf(col(columns, measures[0])) : null;
  return {
    kind: 'cartesian',
    type,
    title,
    notes,
    xColumn: axis.column,
    xTitle: vis.xAxisTitle ?? labelOf(axis.column),
    yTitle: vis.yAxisTitle ?? measureTitle,
    data,
    series,
    stacking: vis.stacking ?? 'none',
    time: axis.grain,
    labelInterval: interval,
    scroll,
    showValues: vis.showValues ?? false,
    legend: vis.legend ?? series.length > 1,
    referenceLine: vis.referenceLine
      ? { value: vis.referenceLine.value, label: vis.referenceLine.label ?? null }
      : null,
    valueColumn: format(measures[0] ?? -1),
    marks,
  };
}

function buildPie(
  columns: ResultColumn[],
  rows: readonly Row[],
  vis: Visualization,
  type: 'pie' | 'donut',
): ChartSpec {
  const title = vis.title ?? null;
  const xi = pickX(columns, vis);
  const measures = pickMeasures(columns, vis, [xi]);
  if (xi < 0 || measures.length === 0)
    return tableFallback(title, 'A pie needs a category and a number.');
  const mi = measures[0] ?? -1;
  const axis = makeAxis(col(columns, xi), rows, xi, vis.grain);
  const notes: string[] = [];
  let skipped = 0;
  const xName = col(columns, xi).name;
  const marks: Record<string, MarkValues> = {};
  rows.forEach((row, i) => {
    marks[`p${i}`] = { [xName]: row[xi] };
  });
  let slices = rows.flatMap((row, i) => {
    const value = toNumber(row[mi]);
    if (value === null || value < 0) {
      skipped += 1;
      return [];
    }
    return [{ key: `p${i}`, label: labels(row[xi], axis).label, value, color: '' }];
  });
  if (skipped > 0) notes.push(`${count(skipped, 'row')} without a positive value (not drawn).`);
  const max = vis.maxCategories ?? DEFAULT_MAX_SLICES;
  if (slices.length > max && max > 1) {
    const sorted = [...slices].sort((a, b) => b.value - a.value);
    const kept = new Set(sorted.slice(0, max - 1).map((s) => s.key));
    const rest = slices.filter((s) => !kept.has(s.key));
    slices = [
      ...slices.filter((s) => kept.has(s.key)),
      { key: 'other', label: OTHER_LABEL, value: rest.reduce((a, s) => a + s.value, 0), color: '' },
    ];
    notes.push(`${count(rest.length, 'slice')} grouped into "${OTHER_LABEL}".`);
  }
  if (vis.sort) {
    const direction = vis.sort.direction === 'desc' ? -1 : 1;
    slices.sort((a, b) =>
      vis.sort?.by === 'y'
        ? (a.value - b.value) * direction
        : a.label.localeCompare(b.label) * direction,
    );
  }
  slices = slices.map((s, i) => ({ ...s, color: s.key === 'other' ? '#94a3b8' : colorOf(vis, i) }));
  return {
    kind: 'pie',
    type,
    title,
    notes,
    slices,
    valueColumn: { ...col(columns, mi), format: vis.numberFormat ?? col(columns, mi).format },
    marks,
    showValues: vis.showValues ?? false,
    legend: vis.legend ?? true,
  };
}

function buildScatter(
  columns: ResultColumn[],
  rows: readonly Row[],
  vis: Visualization,
): ChartSpec {
  const title = vis.title ?? null;
  const named = [resolve(columns, vis.x), ...asList(vis.y).map((n) => resolve(columns, n))].filter(
    (i) => i >= 0,
  );
  const sizeIndex = resolve(columns, vis.size);
  const numeric = columns
    .map((c, i) => ({ c, i }))
    .filter(({ c, i }) => roleOf(c) === 'measure' && i !== sizeIndex)
    .map(({ i }) => i);
  const [xi, yi] =
    named.length >= 2 ? named : [...named, ...numeric.filter((i) => !named.includes(i))];
  if (xi === undefined || yi === undefined)
    return tableFallback(title, 'A scatter chart needs two numbers.');
  const colorIndex =
    vis.color !== undefined
      ? resolve(columns, vis.color)
      : columns.findIndex((c) => roleOf(c) === 'category');
  const labelIndex = columns.findIndex((c, i) => roleOf(c) === 'category' && i !== colorIndex);
  const notes: string[] = [];
  const groups = new Map<
    string,
    { key: string; label: string; color: string; points: ScatterPoint[] }
  >();
  const colorAxis = colorIndex >= 0 ? makeAxis(col(columns, colorIndex), rows, colorIndex) : null;
  let skipped = 0;
  let overflow = 0;
  let drawn = 0;
  rows.forEach((row) => {
    const x = toNumber(row[xi]);
    const y = toNumber(row[yi]);
    if (x === null || y === null) {
      skipped += 1;
      return;
    }
    if (drawn >= MAX_SCATTER_POINTS) {
      overflow += 1;
      return;
    }
    const groupLabel = colorAxis
      ? labels(row[colorIndex], colorAxis).label
      : labelOf(col(columns, yi));
    const id = colorAxis ? identity(row[colorIndex]) : 'all';
    let group = groups.get(id);
    if (!group) {
      if (groups.size >= MAX_SERIES) {
        overflow += 1;
        return;
      }
      group = {
        key: `g${groups.size}`,
        label: groupLabel,
        color: colorOf(vis, groups.size),
        points: [],
      };
      groups.set(id, group);
    }
    drawn += 1;
    group.points.push({
      x,
      y,
      size: sizeIndex >= 0 ? toNumber(row[sizeIndex]) : null,
      group: group.label,
      label: labelIndex >= 0 ? cellText(row[labelIndex], EMPTY_LABEL) : '',
    });
  });
  if (skipped > 0) notes.push(`${count(skipped, 'row')} without both numbers (not drawn).`);
  if (overflow > 0) notes.push(`${count(overflow, 'row')} cut off.`);
  return {
    kind: 'scatter',
    type: 'scatter',
    title,
    notes,
    xColumn: col(columns, xi),
    yColumn: col(columns, yi),
    sizeColumn: sizeIndex >= 0 ? col(columns, sizeIndex) : null,
    groups: [...groups.values()],
    xTitle: vis.xAxisTitle ?? labelOf(col(columns, xi)),
    yTitle: vis.yAxisTitle ?? labelOf(col(columns, yi)),
    legend: vis.legend ?? groups.size > 1,
  };
}

/** Pivot cells are summed when several rows share a pair; this many columns at most. */
const MAX_PIVOT_COLUMNS = 50;

function buildPivot(columns: ResultColumn[], rows: readonly Row[], vis: Visualization): ChartSpec {
  const title = vis.title ?? null;
  const axes = columns.map((c, i) => ({ c, i })).filter(({ c }) => roleOf(c) !== 'measure');
  const ri = vis.pivot ? resolve(columns, vis.pivot.rows) : (axes[0]?.i ?? -1);
  const ci = vis.pivot ? resolve(columns, vis.pivot.columns) : (axes[1]?.i ?? -1);
  const mi = vis.pivot
    ? resolve(columns, vis.pivot.measure)
    : (pickMeasures(columns, vis, [ri, ci])[0] ?? -1);
  if (ri < 0 || ci < 0 || mi < 0)
    return tableFallback(title, 'A pivot table needs two columns to group by and a number.');
  const rowAxis = makeAxis(col(columns, ri), rows, ri);
  const colAxis = makeAxis(col(columns, ci), rows, ci);
  const rowIds = new Map<string, number>();
  const colIds = new Map<string, number>();
  const rowKeys: string[] = [];
  const columnKeys: string[] = [];
  const cells: (number | null)[][] = [];
  let overflow = 0;
  let summed = 0;
  for (const row of rows) {
    const cid = identity(row[ci]);
    let c = colIds.get(cid);
    if (c === undefined) {
      if (colIds.size >= MAX_PIVOT_COLUMNS) {
        overflow += 1;
        continue;
      }
      c = colIds.size;
      colIds.set(cid, c);
      columnKeys.push(labels(row[ci], colAxis).label);
      cells.forEach((line) => line.push(null));
    }
    const rid = identity(row[ri]);
    let r = rowIds.get(rid);
    if (r === undefined) {
      r = rowIds.size;
      rowIds.set(rid, r);
      rowKeys.push(labels(row[ri], rowAxis).label);
      cells.push(columnKeys.map(() => null));
    }
    const value = toNumber(row[mi]);
    const line = cells[r] ?? [];
    if (value !== null) {
      if (line[c] !== null && line[c] !== undefined) summed += 1;
      line[c] = (line[c] ?? 0) + value;
    }
  }
  const measure = { ...col(columns, mi), format: vis.numberFormat ?? col(columns, mi).format };
  const additive = isAdditive(measure);
  const sum = (values: (number | null)[]) => {
    const present = values.filter((v): v is number => v !== null);
    return present.length > 0 ? present.reduce((a, b) => a + b, 0) : null;
  };
  const notes: string[] = [];
  if (overflow > 0)
    notes.push(`${count(overflow, 'row')} cut off: only ${MAX_PIVOT_COLUMNS} columns are shown.`);
  if (summed > 0) notes.push(`${count(summed, 'row')} added into a cell another row already had.`);
  if (!additive) notes.push(`No totals: ${labelOf(measure)} does not add up.`);
  const pivot: PivotSpec = {
    rowLabel: labelOf(col(columns, ri)),
    columnLabel: labelOf(col(columns, ci)),
    measure,
    rowKeys,
    columnKeys,
    cells,
    rowTotals: additive ? cells.map(sum) : null,
    columnTotals: additive
      ? columnKeys.map((_, c) => sum(cells.map((line) => line[c] ?? null)))
      : null,
    grandTotal: additive ? sum(cells.map(sum)) : null,
  };
  return { kind: 'pivot', type: 'pivot', title, notes, pivot };
}
