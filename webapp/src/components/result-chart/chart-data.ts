import type { Schema } from '@/lib/api/types';
import { cellText } from '@/lib/format';

type Chart = Schema<'Chart'>;

export type ChartRow = Record<string, string | number | null>;

export type ChartModel =
  | { kind: 'kpi'; label: string; value: string }
  | { kind: 'table' }
  | { kind: 'pie'; data: { name: string; value: number }[] }
  | { kind: 'line' | 'bar' | 'scatter'; x: string; yKeys: string[]; data: ChartRow[] };

interface Column {
  name?: string;
}

/** Series beyond this many are left out (a legend of hundreds helps no one). */
export const MAX_SERIES = 12;

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

function toLabel(value: unknown): string | number | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'number' ? value : cellText(value);
}

function formatKpi(value: unknown): string {
  const n = toNumber(value);
  return n === null
    ? cellText(value, '—')
    : new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(n);
}

/**
 * What to draw for an answer: the server names the chart type and the columns for x, y and
 * series; anything that does not fit (a missing column, no rows) falls back to the table.
 */
export function chartModel(
  chart: Chart | null,
  columns: readonly Column[],
  rows: readonly (readonly unknown[])[],
): ChartModel {
  if (!chart || rows.length === 0) return { kind: 'table' };
  const index = (name: string | null | undefined) =>
    name ? columns.findIndex((c) => c.name === name) : -1;
  const xi = index(chart.x);
  let yi = index(chart.y);

  if (chart.type === 'kpi') {
    if (yi < 0) yi = columns.length === 1 ? 0 : -1;
    if (yi < 0) return { kind: 'table' };
    return { kind: 'kpi', label: columns[yi]?.name ?? '', value: formatKpi(rows[0]?.[yi]) };
  }
  if (chart.type === 'table' || xi < 0 || yi < 0) return { kind: 'table' };
  const x = chart.x ?? '';
  const y = chart.y ?? '';

  if (chart.type === 'pie') {
    return {
      kind: 'pie',
      data: rows.map((row) => ({ name: cellText(row[xi]), value: toNumber(row[yi]) ?? 0 })),
    };
  }

  const si = index(chart.series);
  if (si < 0) {
    return {
      kind: chart.type,
      x,
      yKeys: [y],
      data: rows.map((row) => ({ [x]: toLabel(row[xi]), [y]: toNumber(row[yi]) })),
    };
  }
  // Long rows (x, series, y) become one point per x with a key per series value.
  const byX = new Map<string, ChartRow>();
  const series: string[] = [];
  for (const row of rows) {
    const key = cellText(row[si]);
    if (!series.includes(key)) {
      if (series.length >= MAX_SERIES) continue;
      series.push(key);
    }
    const xValue = toLabel(row[xi]);
    const id = String(xValue);
    const point = byX.get(id) ?? { [x]: xValue };
    point[key] = toNumber(row[yi]);
    byX.set(id, point);
  }
  return { kind: chart.type, x, yKeys: series, data: [...byX.values()] };
}
