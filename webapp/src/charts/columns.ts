import { isNumericType, isTemporalType } from '@/lib/format';
import type { ModelLike, ResultColumn } from './types';

/** A result column's role in a chart. `ordinal`: whole numbers that name periods (year, month). */
export type Role = 'time' | 'ordinal' | 'measure' | 'category';

const ORDINAL_NAMES = /(^|_)(year|yr|quarter|month|week|day|hour|fiscal_year|fiscal_quarter)$/i;
const INTEGER = /^(integer|bigint|int\d?|smallint)$/i;

/** A column that holds a comparison value: the same measure for the previous period or last year. */
export const COMPARISON_NAME =
  /(^|_)(previous_period|prev|previous|prior|prior_period|prior_year|last_year|same_period_last_year|same_weekday_last_year)$/i;
/** Change columns (`change_last_year`, `pct_change_previous_period`) are not measures to draw as series. */
export const CHANGE_NAME = /(^|_)(pct_)?change_(previous_period|last_year)$/i;

/** Measures that do not add up (averages, ratios, extremes): no "Other" sum, no pivot totals. */
const NON_ADDITIVE =
  /(avg|average|mean|median|rate|ratio|pct|percent|share|min|max|distinct|per_)/i;

export function roleOf(column: ResultColumn): Role {
  if (isTemporalType(column.type)) return 'time';
  if (
    INTEGER.test(column.type ?? '') &&
    ORDINAL_NAMES.test(column.name) &&
    !COMPARISON_NAME.test(column.name) &&
    !CHANGE_NAME.test(column.name)
  )
    return 'ordinal';
  if (isNumericType(column.type)) return 'measure';
  return 'category';
}

export const isComparison = (column: ResultColumn) =>
  COMPARISON_NAME.test(column.name) && roleOf(column) === 'measure';
export const isChange = (column: ResultColumn) => CHANGE_NAME.test(column.name);

export function isAdditive(column: ResultColumn): boolean {
  if (column.format?.type === 'percent') return false;
  return !NON_ADDITIVE.test(column.name) && !NON_ADDITIVE.test(column.label ?? '');
}

export const labelOf = (column: ResultColumn) => column.label || column.name;

/** Labels and formats from the model (by dimension or measure name) where the result has none. */
export function withModel(
  columns: readonly ResultColumn[],
  model?: ModelLike | null,
): ResultColumn[] {
  if (!model) return columns.map((c) => ({ ...c }));
  const members = [...(model.dimensions ?? []), ...(model.measures ?? [])];
  return columns.map((column) => {
    const member = members.find((m) => m.name === column.name);
    return {
      ...column,
      label: column.label ?? member?.label ?? null,
      format: column.format ?? member?.format ?? null,
    };
  });
}
