/**
 * Which widgets a filter reaches, as the server's `…/scope` answers it, turned into what the page
 * shows ("Reaches 2 of 3 widgets") and into what it re-queries: after a change only the widgets
 * the changed filters reach are asked for again; the others keep their rows.
 */
import {
  isEmptyValue,
  isList,
  sameValue,
  type CrossFilter,
  type DashboardFilterState,
  type FilterValue,
} from './filter-state';

/** `…/scope`: filter id → widget ids; member → widget ids a cross-filter on it reaches. */
export interface Scope {
  filters: Readonly<Record<string, readonly string[]>>;
  members: Readonly<Record<string, readonly string[]>>;
}

export interface ScopeWidget {
  id: string;
  title: string;
  optOut?: readonly string[] | null;
  ignoreCrossFilters?: boolean | null;
}

/** "Reaches every widget", "Reaches 2 of 5 widgets: Sales, Orders", "Reaches no widget". */
export function describeReach(
  reached: readonly string[] | undefined,
  widgets: readonly ScopeWidget[],
): string {
  if (reached === undefined) return 'Reach not known yet';
  const titles = widgets.filter((w) => reached.includes(w.id)).map((w) => w.title);
  if (titles.length === 0) return 'Reaches no widget';
  if (titles.length === widgets.length)
    return widgets.length === 1 ? 'Reaches the widget' : `Reaches all ${widgets.length} widgets`;
  const listed = titles.length <= 3 ? titles.join(', ') : `${titles.slice(0, 3).join(', ')}, …`;
  return `Reaches ${titles.length} of ${widgets.length} widgets: ${listed}`;
}

/** The filters that reach one widget (for its "Filtered by …" line). */
export function filtersReaching(widgetId: string, scope: Scope | undefined): string[] {
  if (!scope) return [];
  return Object.entries(scope.filters)
    .filter(([, ids]) => ids.includes(widgetId))
    .map(([id]) => id);
}

const crossKey = (c: CrossFilter) =>
  `${c.widgetId}\u0000${c.member}\u0000${[...c.values].sort().join('\u0000')}`;

/**
 * The widgets to ask for again when the state goes from `previous` to `next`: those the changed
 * filters reach, and those a changed cross-filter reaches (not its own widget). Null when the
 * scope does not say (ask for every widget).
 */
export function widgetsToRequery(
  previous: DashboardFilterState,
  next: DashboardFilterState,
  scope: Scope | undefined,
  widgets: readonly ScopeWidget[],
): string[] | null {
  if (!scope) return null;
  const ids = new Set<string>();
  const filterIds = new Set([...Object.keys(previous.values), ...Object.keys(next.values)]);
  for (const id of filterIds) {
    const before: FilterValue = previous.values[id] ?? null;
    const after: FilterValue = next.values[id] ?? null;
    if (sameValue(before, after)) continue;
    const reached = scope.filters[id];
    if (!reached) return null;
    reached.forEach((w) => ids.add(w));
  }
  const before = new Map(previous.crossFilters.map((c) => [crossKey(c), c]));
  const after = new Map(next.crossFilters.map((c) => [crossKey(c), c]));
  const changed = [
    ...[...before].filter(([key]) => !after.has(key)),
    ...[...after].filter(([key]) => !before.has(key)),
  ].map(([, c]) => c);
  const ignoring = new Set(widgets.filter((w) => w.ignoreCrossFilters).map((w) => w.id));
  for (const cross of changed) {
    const reached = scope.members[cross.member];
    if (!reached) return null;
    reached.filter((w) => w !== cross.widgetId && !ignoring.has(w)).forEach((w) => ids.add(w));
  }
  return [...ids];
}

/** The earlier answer with the fresh entries put in place (by widget id, in the earlier order). */
export function mergeWidgetData<T extends { id: string }>(
  previous: readonly T[],
  fresh: readonly T[],
): T[] {
  const byId = new Map(fresh.map((w) => [w.id, w]));
  const merged = previous.map((w) => byId.get(w.id) ?? w);
  const known = new Set(previous.map((w) => w.id));
  return [...merged, ...fresh.filter((w) => !known.has(w.id))];
}

/** The members a click could cross-filter by: the text and date columns of the widgets' rows. */
export function clickableMembers(
  widgets: readonly { columns?: readonly { name: string; type: string }[] }[],
): string[] {
  const numeric = /^(integer|bigint|smallint|decimal|numeric|double|real|float|int)/i;
  const names = new Set<string>();
  for (const w of widgets)
    for (const column of w.columns ?? []) if (!numeric.test(column.type)) names.add(column.name);
  return [...names].sort();
}

/** A filter's value as the request sends it (lists as plain arrays). */
export type RequestFilterValue = Exclude<FilterValue, readonly string[]> | string[];

/** The value sent for each filter: the state's value, `null` (or `[]` for a list) for none. */
export function requestFilters(state: DashboardFilterState): Record<string, RequestFilterValue> {
  return Object.fromEntries(
    Object.entries(state.values).map(([id, value]): [string, RequestFilterValue] => {
      if (isList(value)) return [id, [...value]];
      return [id, isEmptyValue(value) ? null : value];
    }),
  );
}

export function requestCrossFilters(
  state: DashboardFilterState,
): { member: string; values: string[]; sourceWidgetId: string }[] {
  return state.crossFilters
    .filter((c) => c.values.length > 0)
    .map((c) => ({ member: c.member, values: [...c.values], sourceWidgetId: c.widgetId }));
}
