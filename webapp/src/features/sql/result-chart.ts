import type { Schema } from '@/lib/api/types';

type Chart = Schema<'Chart'>;

interface Column {
  name: string;
  type: string;
}

const NUMERIC = new Set(['integer', 'decimal']);
const TEMPORAL = new Set(['date', 'timestamp']);

/**
 * A chart from the shape of a SQL result, by the rules the server's ChartChooser uses for Ask
 * (without its pie, which needs a question asking for a share):
 * one value → KPI; date/timestamp + number (at most three columns) → line, a text column as series;
 * one text + one number → bar; two text + one number → bar with the second as series;
 * two numbers (and at most one text column as series, more than one row) → scatter;
 * anything else → `table` (no chart fits).
 */
export function chartForResult(columns: readonly Column[], rowCount: number): Chart {
  const time: string[] = [];
  const numbers: string[] = [];
  const categories: string[] = [];
  for (const c of columns) {
    if (TEMPORAL.has(c.type)) time.push(c.name);
    else if (NUMERIC.has(c.type)) numbers.push(c.name);
    else categories.push(c.name);
  }
  const chart = (
    type: Chart['type'],
    x: string | null,
    y: string | null,
    series: string | null = null,
  ): Chart => ({ type, x, y, series });

  if (rowCount === 1 && columns.length === 1 && numbers.length === 1)
    return chart('kpi', null, numbers[0] ?? null);
  if (time.length > 0 && numbers.length > 0 && columns.length <= 3) {
    return chart('line', time[0] ?? null, numbers[0] ?? null, categories[0] ?? null);
  }
  if (categories.length === 1 && numbers.length === 1 && time.length === 0)
    return chart('bar', categories[0] ?? null, numbers[0] ?? null);
  if (categories.length === 2 && numbers.length === 1 && time.length === 0) {
    return chart('bar', categories[0] ?? null, numbers[0] ?? null, categories[1] ?? null);
  }
  if (numbers.length === 2 && time.length === 0 && categories.length <= 1 && rowCount > 1) {
    return chart('scatter', numbers[0] ?? null, numbers[1] ?? null, categories[0] ?? null);
  }
  return chart('table', null, null);
}
