import type { Visualization } from '@/charts';
import type { Dimension, Measure, SemanticModel, SemanticQuery } from '@/features/model';

/** Where a field can go in the builder. */
export type Zone = 'groupBy' | 'measures' | 'splitBy' | 'filters';

export type Granularity = NonNullable<NonNullable<SemanticQuery['time']>['granularity']>;
type SemanticOperator = NonNullable<SemanticQuery['filters']>[number]['operator'];
/** The semantic API's operators plus `between` (a number range: sent as gte and lte). */
export type FilterOperator = SemanticOperator | 'between';
export type FilterValue = string | number | boolean;

export interface BuilderFilter {
  member: string;
  operator: FilterOperator;
  values: FilterValue[];
}

export type Compare = 'none' | 'previous_period' | 'last_year';

export const DATE_PRESETS = [
  'all',
  'last_7_days',
  'last_30_days',
  'last_90_days',
  'this_month',
  'last_month',
  'this_quarter',
  'last_quarter',
  'this_year',
  'last_year',
  'year_to_date',
  'custom',
] as const;
export type DatePreset = (typeof DATE_PRESETS)[number];

export const PRESET_LABELS: Record<DatePreset, string> = {
  all: 'All time',
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  last_quarter: 'Last quarter',
  this_year: 'This year',
  last_year: 'Last year',
  year_to_date: 'Year to date',
  custom: 'Custom range',
};

export interface BuilderTime {
  dimension: string;
  granularity: Granularity;
  preset: DatePreset;
  /** For `custom`: inclusive ISO dates. */
  from?: string;
  to?: string;
}

export interface BuilderState {
  /** The dataset's id. */
  dataset: string;
  measures: string[];
  /** Dimensions grouped by (not the time dimension, which is `time`). */
  groupBy: string[];
  /** A dimension whose values become series. */
  splitBy: string | null;
  time: BuilderTime | null;
  compare: Compare;
  filters: BuilderFilter[];
  order: { member: string; direction: 'asc' | 'desc' } | null;
  limit: number;
}

export const DEFAULT_LIMIT = 500;

export function emptyState(dataset: string): BuilderState {
  return {
    dataset,
    measures: [],
    groupBy: [],
    splitBy: null,
    time: null,
    compare: 'none',
    filters: [],
    order: null,
    limit: DEFAULT_LIMIT,
  };
}

/** A field of the model as the field list shows it. */
export interface Field {
  kind: 'dimension' | 'time' | 'measure';
  name: string;
  label: string;
  type: string;
  description?: string | null;
}

const TIME_TYPES = new Set(['date', 'timestamp', 'timestamptz']);

/** The model's visible, unbroken fields: time dimensions, dimensions and measures. */
export function fieldsOf(model: SemanticModel): Field[] {
  const dimensions = model.dimensions
    .filter((dimension) => !dimension.hidden && !dimension.broken)
    .map((dimension: Dimension): Field => ({
      kind:
        (dimension.granularities?.length ?? 0) > 0 || TIME_TYPES.has(dimension.type ?? '')
          ? 'time'
          : 'dimension',
      name: dimension.name,
      label: dimension.label || dimension.name,
      type: dimension.type ?? 'text',
      description: dimension.description,
    }));
  const measures = model.measures
    .filter((measure) => !measure.hidden && !measure.broken)
    .map((measure: Measure): Field => ({
      kind: 'measure',
      name: measure.name,
      label: measure.label || measure.name,
      type: 'number',
      description: measure.description,
    }));
  return [...dimensions, ...measures];
}

/** The fields whose name or label contains the search text (case and accents ignored). */
export function searchFields(fields: readonly Field[], text: string): Field[] {
  const fold = (value: string) =>
    value
      .normalize('NFD')
      .replace(/\p{Diacritic}/gu, '')
      .toLowerCase();
  const needle = fold(text.trim());
  if (!needle) return [...fields];
  return fields.filter(
    (field) => fold(field.label).includes(needle) || fold(field.name).includes(needle),
  );
}

/** Which zones a field may be dropped into. */
export function zonesFor(field: Field): Zone[] {
  if (field.kind === 'measure') return ['measures'];
  return ['groupBy', 'splitBy', 'filters'];
}

const without = (list: readonly string[], name: string) => list.filter((item) => item !== name);

/**
 * The state after a field is put into a zone. A time dimension grouped by becomes the time axis
 * (by month); a field appears once per zone; a dimension moved to Split by leaves Group by and the
 * other way round; a new filter starts with no values (it filters nothing until given some).
 */
export function addField(state: BuilderState, field: Field, zone: Zone): BuilderState {
  if (!zonesFor(field).includes(zone)) return state;
  switch (zone) {
    case 'measures':
      return state.measures.includes(field.name)
        ? state
        : { ...state, measures: [...state.measures, field.name] };
    case 'groupBy':
      if (field.kind === 'time')
        return {
          ...state,
          time: {
            dimension: field.name,
            granularity: state.time?.granularity ?? 'month',
            preset: state.time?.preset ?? 'all',
            from: state.time?.from,
            to: state.time?.to,
          },
          splitBy: state.splitBy === field.name ? null : state.splitBy,
        };
      return state.groupBy.includes(field.name)
        ? state
        : {
            ...state,
            groupBy: [...state.groupBy, field.name],
            splitBy: state.splitBy === field.name ? null : state.splitBy,
          };
    case 'splitBy':
      return {
        ...state,
        splitBy: field.name,
        groupBy: without(state.groupBy, field.name),
        time: state.time?.dimension === field.name ? null : state.time,
      };
    case 'filters':
      return {
        ...state,
        filters: [
          ...state.filters,
          { member: field.name, operator: defaultOperator(field), values: [] },
        ],
      };
  }
}

/** The state without one field in one zone (for a filter: the filter at `index`). */
export function removeField(
  state: BuilderState,
  zone: Zone,
  name: string,
  index?: number,
): BuilderState {
  switch (zone) {
    case 'measures': {
      const measures = without(state.measures, name);
      return {
        ...state,
        measures,
        order: state.order?.member === name ? null : state.order,
      };
    }
    case 'groupBy':
      if (state.time?.dimension === name) return { ...state, time: null, compare: 'none' };
      return {
        ...state,
        groupBy: without(state.groupBy, name),
        order: state.order?.member === name ? null : state.order,
      };
    case 'splitBy':
      return { ...state, splitBy: null };
    case 'filters':
      return {
        ...state,
        filters: state.filters.filter((filter, at) =>
          index === undefined ? filter.member !== name : at !== index,
        ),
      };
  }
}

/** The operators a filter on a field of this type offers, the first being the default. */
export function operatorsFor(field: Pick<Field, 'kind' | 'type'>): FilterOperator[] {
  if (field.kind === 'time') return ['inDateRange', 'notInDateRange', 'beforeDate', 'afterDate'];
  if (isNumberType(field.type))
    return ['between', 'gte', 'lte', 'gt', 'lt', 'equals', 'notEquals', 'set'];
  if (field.type === 'boolean') return ['equals', 'set', 'notSet'];
  return [
    'equals',
    'notEquals',
    'contains',
    'notContains',
    'startsWith',
    'endsWith',
    'set',
    'notSet',
  ];
}

function defaultOperator(field: Field): FilterOperator {
  return operatorsFor(field)[0] ?? 'equals';
}

export function isNumberType(type: string): boolean {
  return /^(integer|bigint|smallint|decimal|numeric|double precision|real|number|int\d?|float\d?)$/i.test(
    type,
  );
}

const iso = (date: Date) => date.toISOString().slice(0, 10);
const utc = (year: number, month: number, day: number) => new Date(Date.UTC(year, month, day));

/**
 * The inclusive date range of a preset on `today` (a UTC date), or null for all time. Quarters
 * and years are calendar ones; "last 7 days" ends today and includes it.
 */
export function presetRange(
  preset: DatePreset,
  today: Date,
  custom?: { from?: string; to?: string },
): [string, string] | null {
  const y = today.getUTCFullYear();
  const m = today.getUTCMonth();
  const d = today.getUTCDate();
  const quarter = Math.floor(m / 3) * 3;
  const back = (days: number): [string, string] => [iso(utc(y, m, d - days + 1)), iso(today)];
  switch (preset) {
    case 'all':
      return null;
    case 'last_7_days':
      return back(7);
    case 'last_30_days':
      return back(30);
    case 'last_90_days':
      return back(90);
    case 'this_month':
      return [iso(utc(y, m, 1)), iso(utc(y, m + 1, 0))];
    case 'last_month':
      return [iso(utc(y, m - 1, 1)), iso(utc(y, m, 0))];
    case 'this_quarter':
      return [iso(utc(y, quarter, 1)), iso(utc(y, quarter + 3, 0))];
    case 'last_quarter':
      return [iso(utc(y, quarter - 3, 1)), iso(utc(y, quarter, 0))];
    case 'this_year':
      return [`${y}-01-01`, `${y}-12-31`];
    case 'last_year':
      return [`${y - 1}-01-01`, `${y - 1}-12-31`];
    case 'year_to_date':
      return [`${y}-01-01`, iso(today)];
    case 'custom':
      return custom?.from && custom.to ? [custom.from, custom.to] : null;
  }
}

/** The column a compared measure comes back as (the semantic API's `<measure>__<transform>`). */
export function comparisonName(measure: string, compare: Compare): string | null {
  if (compare === 'none') return null;
  return `${measure}__${compare === 'last_year' ? 'same_period_last_year' : 'previous_period'}`;
}

/**
 * The semantic query the builder's state asks for: measures (each with its comparison beside it
 * when one is asked for and there is a time axis), the group-by and split-by dimensions, the time
 * axis with its range, the filters that have what they need, the order and the limit.
 */
export function toSemanticQuery(state: BuilderState, today = new Date()): SemanticQuery {
  const measures: NonNullable<SemanticQuery['measures']> = [];
  for (const measure of state.measures) {
    measures.push(measure);
    const compared = comparisonName(measure, state.compare);
    if (compared && state.time)
      measures.push({
        measure,
        time: state.compare === 'last_year' ? 'same_period_last_year' : 'previous_period',
        as: compared,
      });
  }
  const dimensions = [...state.groupBy];
  if (state.splitBy && !dimensions.includes(state.splitBy)) dimensions.push(state.splitBy);
  const query: SemanticQuery = { dataset: state.dataset, measures, dimensions };
  if (state.time) {
    const range = presetRange(state.time.preset, today, state.time);
    query.time = {
      dimension: state.time.dimension,
      granularity: state.time.granularity,
      ...(range ? { dateRange: range } : {}),
    };
  }
  const filters = state.filters
    .filter(isComplete)
    .flatMap((filter): NonNullable<SemanticQuery['filters']> =>
      filter.operator === 'between'
        ? [
            { member: filter.member, operator: 'gte', values: [filter.values[0] ?? 0] },
            { member: filter.member, operator: 'lte', values: [filter.values[1] ?? 0] },
          ]
        : [{ member: filter.member, operator: filter.operator, values: [...filter.values] }],
    );
  if (filters.length > 0) query.filters = filters;
  if (state.order) query.order = [state.order];
  query.limit = state.limit;
  return query;
}

/** A filter that says what it keeps: set/notSet need no value, a range both ends, others one. */
export function isComplete(filter: BuilderFilter): boolean {
  if (filter.operator === 'set' || filter.operator === 'notSet') return true;
  if (
    filter.operator === 'inDateRange' ||
    filter.operator === 'notInDateRange' ||
    filter.operator === 'between'
  )
    return filter.values.length === 2 && filter.values.every((value) => value !== '');
  return filter.values.length > 0 && filter.values.every((value) => value !== '');
}

/** Whether there is anything to run: at least one measure, or dimensions to list. */
export function isRunnable(state: BuilderState): boolean {
  return state.measures.length > 0 || state.groupBy.length > 0 || state.time !== null;
}

const TRANSFORMS_TO_COMPARE: Record<string, Compare> = {
  same_period_last_year: 'last_year',
  previous_period: 'previous_period',
};

/**
 * The builder's state for a saved semantic query (the "Edit" of a chart): the inverse of
 * toSemanticQuery for what the builder can express. A date range becomes a custom range; inline
 * measures and other transforms are not editable here and are reported in `unsupported`.
 */
export function fromSemanticQuery(
  query: SemanticQuery,
  fields?: readonly Field[],
): { state: BuilderState; unsupported: string[] } {
  const state = emptyState(query.dataset);
  const unsupported: string[] = [];
  for (const measure of query.measures ?? []) {
    if (typeof measure === 'string') {
      if (!state.measures.includes(measure)) state.measures.push(measure);
    } else if (measure.measure && measure.time && TRANSFORMS_TO_COMPARE[measure.time]) {
      state.compare = TRANSFORMS_TO_COMPARE[measure.time] ?? 'none';
      if (!state.measures.includes(measure.measure)) state.measures.push(measure.measure);
    } else if (measure.measure && !measure.time) {
      state.measures.push(measure.measure);
    } else {
      unsupported.push(measure.as ?? measure.formula ?? measure.measure ?? 'an inline measure');
    }
  }
  const dimensions = query.dimensions ?? [];
  const splitCandidate = dimensions.length > 1 ? dimensions.at(-1) : undefined;
  state.groupBy = dimensions.filter((name) => name !== splitCandidate);
  state.splitBy = splitCandidate ?? null;
  if (query.time) {
    const [from, to] = query.time.dateRange ?? [];
    state.time = {
      dimension: query.time.dimension,
      granularity: query.time.granularity ?? 'month',
      preset: from && to ? 'custom' : 'all',
      ...(from && to ? { from, to } : {}),
    };
  }
  state.filters = (query.filters ?? []).map((filter) => ({
    member: filter.member,
    operator: filter.operator,
    values: [...(filter.values ?? [])],
  }));
  const [order] = query.order ?? [];
  if (order) state.order = { member: order.member, direction: order.direction ?? 'asc' };
  if (query.limit) state.limit = query.limit;
  if (fields) {
    const known = new Set(fields.map((field) => field.name));
    for (const name of [...state.measures, ...state.groupBy, state.splitBy ?? ''])
      if (name && !known.has(name) && !name.includes('.')) unsupported.push(name);
  }
  return { state, unsupported };
}

/**
 * The settings the builder's state implies: the comparison columns and the series — the split-by
 * dimension, or else, when the chart is grouped by two dimensions (the time axis counts as one), the
 * last of them, so "count by year and origin" draws one series per origin over the years as a person
 * would expect, instead of repeating each year once per origin.
 */
export function impliedSeries(state: BuilderState): string | null {
  if (state.splitBy) return state.splitBy;
  const axes = state.groupBy.length + (state.time ? 1 : 0);
  return axes >= 2 ? (state.groupBy[state.groupBy.length - 1] ?? null) : null;
}

export function impliedVisualization(
  state: BuilderState,
  chosen: Visualization | null,
): Visualization | null {
  if (!chosen) return null;
  const comparison = state.measures
    .map((measure) => comparisonName(measure, state.compare))
    .filter((name): name is string => name !== null && state.time !== null);
  return {
    ...chosen,
    series: impliedSeries(state),
    comparison: comparison.length ? comparison : null,
  };
}

/** The builder for one dataset: fields, zones, time and sort settings, and the live preview. */
