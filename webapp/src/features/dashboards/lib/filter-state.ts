/**
 * A dashboard's filter state (each filter's value and the cross-filters from clicked marks) and
 * its place in the URL, so a link shows exactly what its sender saw. Readable parameters:
 *
 *   f.<filterId>=last_30_days                 a date range preset
 *   f.<filterId>=2024-01-01..2024-03-31       a custom date range (either end may be empty)
 *   f.<filterId>=East&f.<filterId>=West       a values filter (one parameter per value)
 *   f.<filterId>=                             a values filter cleared to "any value"
 *   f.<filterId>=10..200                      a number range (either end may be empty)
 *   x=<widgetId>|<member>|<value>             a cross-filter (one parameter per value)
 *
 * A filter at its default is left out of the URL; every other parameter is kept as it is.
 */

export const FILTER_TYPES = ['date_range', 'values', 'number_range'] as const;
export type FilterType = (typeof FILTER_TYPES)[number];

export const DATE_RANGE_PRESETS = [
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'ytd',
  'qtd',
  'mtd',
] as const;
export type DateRangePreset = (typeof DATE_RANGE_PRESETS)[number];

/** A date range: a preset (resolved by the server with the model's fiscal year) or inclusive ISO dates. */
export type DateRangeValue = DateRangePreset | { from: string | null; to: string | null };
export interface NumberRangeValue {
  min: number | null;
  max: number | null;
}
export type FilterValue = DateRangeValue | readonly string[] | NumberRangeValue | null;

/** What the state needs to know of a dashboard filter. */
export interface FilterDefinition {
  id: string;
  type: FilterType;
  member: string;
  default?: unknown;
}

/** A filter from a clicked mark: `member` is one of `values`, in every widget but `widgetId`. */
export interface CrossFilter {
  widgetId: string;
  member: string;
  values: readonly string[];
}

export interface DashboardFilterState {
  /** Each filter's value by filter id; null is "no restriction". */
  values: Readonly<Record<string, FilterValue>>;
  crossFilters: readonly CrossFilter[];
}

const FILTER_PREFIX = 'f.';
const CROSS = 'x';
const SEP = '|';

const isPreset = (value: unknown): value is DateRangePreset =>
  typeof value === 'string' && (DATE_RANGE_PRESETS as readonly string[]).includes(value);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `Array.isArray` that keeps the element type of a readonly list. */
export const isList = (value: FilterValue): value is readonly string[] => Array.isArray(value);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const orNull = (value: unknown): string | null =>
  typeof value === 'string' && ISO_DATE.test(value) ? value : null;
const numberOrNull = (value: unknown): number | null =>
  typeof value === 'number' && Number.isFinite(value) ? value : null;

/** A filter's value as the definition's type allows; anything else is "no restriction". */
export function normalizeValue(type: FilterType, value: unknown): FilterValue {
  switch (type) {
    case 'date_range': {
      if (isPreset(value)) return value;
      if (isRecord(value)) {
        if (isPreset(value.preset)) return value.preset;
        const from = orNull(value.from);
        const to = orNull(value.to);
        return from || to ? { from, to } : null;
      }
      return null;
    }
    case 'values':
      return Array.isArray(value)
        ? value
            .filter((v): v is string | number | boolean =>
              ['string', 'number', 'boolean'].includes(typeof v),
            )
            .map(String)
        : null;
    case 'number_range': {
      if (!isRecord(value)) return null;
      const min = numberOrNull(value.min);
      const max = numberOrNull(value.max);
      return min === null && max === null ? null : { min, max };
    }
  }
}

export function defaultValue(filter: FilterDefinition): FilterValue {
  return normalizeValue(filter.type, filter.default);
}

/** No restriction: null, an empty value list. */
export function isEmptyValue(value: FilterValue): boolean {
  return value === null || (Array.isArray(value) && value.length === 0);
}

export function sameValue(a: FilterValue, b: FilterValue): boolean {
  if (isEmptyValue(a) && isEmptyValue(b)) return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  if (a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const set = new Set<string>(b as readonly string[]);
    return (a as readonly string[]).every((v) => set.has(v));
  }
  if ('from' in a && 'from' in b) return a.from === b.from && a.to === b.to;
  if ('min' in a && 'min' in b) return a.min === b.min && a.max === b.max;
  return false;
}

function splitRange(text: string): [string, string] | null {
  const at = text.indexOf('..');
  return at < 0 ? null : [text.slice(0, at), text.slice(at + 2)];
}

function parseNumber(text: string): number | null {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

/** A filter's value from its URL parameters; undefined when the URL does not say (use the default). */
function parseParam(type: FilterType, raw: readonly string[]): FilterValue | undefined {
  const first = raw[0];
  if (first === undefined) return undefined;
  switch (type) {
    case 'values':
      return raw.filter((v) => v !== '');
    case 'date_range': {
      if (isPreset(first)) return first;
      const range = splitRange(first);
      if (!range) return first === '' ? null : undefined;
      return normalizeValue('date_range', { from: range[0], to: range[1] });
    }
    case 'number_range': {
      const range = splitRange(first);
      if (!range) return first === '' ? null : undefined;
      const [min, max] = [parseNumber(range[0]), parseNumber(range[1])];
      return min === null && max === null ? null : { min, max };
    }
  }
}

function formatParam(type: FilterType, value: FilterValue): string[] {
  if (value === null) return [''];
  if (typeof value === 'string') return [value];
  if (isList(value)) return value.length === 0 ? [''] : [...value];
  if (type === 'date_range' && 'from' in value) return [`${value.from ?? ''}..${value.to ?? ''}`];
  if ('min' in value) return [`${value.min ?? ''}..${value.max ?? ''}`];
  return [''];
}

/** The state a URL describes: each filter from its parameter or its default, and the cross-filters. */
export function readFilterState(
  params: URLSearchParams,
  filters: readonly FilterDefinition[],
): DashboardFilterState {
  const values: Record<string, FilterValue> = {};
  for (const filter of filters) {
    const parsed = parseParam(filter.type, params.getAll(FILTER_PREFIX + filter.id));
    values[filter.id] = parsed === undefined ? defaultValue(filter) : parsed;
  }
  const crossFilters: CrossFilter[] = [];
  for (const raw of params.getAll(CROSS)) {
    const first = raw.indexOf(SEP);
    const second = first < 0 ? -1 : raw.indexOf(SEP, first + 1);
    if (second < 0) continue;
    const widgetId = raw.slice(0, first);
    const member = raw.slice(first + 1, second);
    const value = raw.slice(second + 1);
    if (!widgetId || !member) continue;
    const existing = crossFilters.find((c) => c.widgetId === widgetId && c.member === member);
    if (existing) {
      if (!existing.values.includes(value)) (existing.values as string[]).push(value);
    } else crossFilters.push({ widgetId, member, values: [value] });
  }
  return { values, crossFilters };
}

/**
 * The URL parameters for `state`: `params` with the filter and cross-filter parameters replaced
 * (a filter at its default is left out), every other parameter kept.
 */
export function writeFilterState(
  params: URLSearchParams,
  filters: readonly FilterDefinition[],
  state: DashboardFilterState,
): URLSearchParams {
  const next = new URLSearchParams();
  for (const [key, value] of params) {
    if (!key.startsWith(FILTER_PREFIX) && key !== CROSS) next.append(key, value);
  }
  for (const filter of filters) {
    const value = state.values[filter.id] ?? null;
    if (sameValue(value, defaultValue(filter))) continue;
    for (const text of formatParam(filter.type, value))
      next.append(FILTER_PREFIX + filter.id, text);
  }
  for (const cross of state.crossFilters) {
    for (const value of cross.values)
      next.append(CROSS, [cross.widgetId, cross.member, value].join(SEP));
  }
  return next;
}

/** Every filter back at its default, no cross-filter. */
export function defaultFilterState(filters: readonly FilterDefinition[]): DashboardFilterState {
  return {
    values: Object.fromEntries(filters.map((f) => [f.id, defaultValue(f)])),
    crossFilters: [],
  };
}

/**
 * A click on a mark of `widgetId` showing `value` of `member`: the widget's cross-filter becomes
 * that value; clicking the value it already filters by clears it. One cross-filter per widget.
 */
export function toggleCrossFilter(
  crossFilters: readonly CrossFilter[],
  click: { widgetId: string; member: string; value: string },
): CrossFilter[] {
  const current = crossFilters.find((c) => c.widgetId === click.widgetId);
  const others = crossFilters.filter((c) => c.widgetId !== click.widgetId);
  if (
    current &&
    current.member === click.member &&
    current.values.length === 1 &&
    current.values[0] === click.value
  )
    return others;
  return [...others, { widgetId: click.widgetId, member: click.member, values: [click.value] }];
}

/**
 * The cross-filters after a click on a mark of `widgetId`: its first value (by result column)
 * toggles the widget's cross-filter; a mark without a value leaves them as they are.
 */
export function clickCrossFilter(
  crossFilters: readonly CrossFilter[],
  widgetId: string,
  mark: Readonly<Record<string, unknown>>,
): readonly CrossFilter[] {
  const [member, raw] = Object.entries(mark)[0] ?? [];
  if (member === undefined || raw === null || raw === undefined) return crossFilters;
  const value = typeof raw === 'string' ? raw : JSON.stringify(raw);
  return toggleCrossFilter(crossFilters, { widgetId, member, value });
}

export function removeCrossFilter(
  crossFilters: readonly CrossFilter[],
  widgetId: string,
): CrossFilter[] {
  return crossFilters.filter((c) => c.widgetId !== widgetId);
}

/** A stable key of the state, for react-query (the same state is the same request). */
export function stateKey(state: DashboardFilterState): string {
  const values = Object.keys(state.values)
    .sort()
    .map((id) => {
      const value = state.values[id] ?? null;
      return [id, Array.isArray(value) ? [...(value as string[])].sort() : value];
    });
  const cross = [...state.crossFilters]
    .sort((a, b) => a.widgetId.localeCompare(b.widgetId))
    .map((c) => [c.widgetId, c.member, [...c.values].sort()]);
  return JSON.stringify([values, cross]);
}
