import type { AskPlan } from './types';

/**
 * Edits of an answer's plan, as the interpretation chips offer them: each returns a new plan the
 * server runs as it is (it checks every name again), or null when the edit would leave nothing to
 * answer. Keys are the interpretation's: `measure:N`, `dimension:N`, `filter:N`, `sort`, `limit`.
 */
export function removePart(plan: AskPlan, key: string): AskPlan | null {
  const [kind, index] = key.split(':');
  const i = Number(index);
  const measures = plan.measures ?? [];
  const dimensions = plan.dimensions ?? [];
  const filters = plan.filters ?? [];
  switch (kind) {
    case 'measure': {
      const removed = measures[i];
      if (measures.length <= 1 || !removed) return null;
      return withoutOrder({ ...plan, measures: measures.filter((_, k) => k !== i) }, removed.alias);
    }
    case 'dimension': {
      const removed = dimensions[i]?.alias;
      if (removed === undefined) return null;
      const next = withoutOrder(
        { ...plan, dimensions: dimensions.filter((_, k) => k !== i) },
        removed,
      );
      // With no grouping left, a "top N" of groups is one value: drop the limit and the ranking.
      if ((next.dimensions ?? []).length === 0 && (next.measures ?? []).length > 0)
        return { ...next, orderBy: [], limit: null };
      return next;
    }
    case 'filter':
      if (filters[i] === undefined) return null;
      return { ...plan, filters: filters.filter((_, k) => k !== i) };
    case 'sort':
      return { ...plan, orderBy: [], limit: null };
    case 'limit':
      return { ...plan, limit: null };
    default:
      return null;
  }
}

/** A new row limit (1–10,000); null when the number is not one. */
export function setLimit(plan: AskPlan, limit: number): AskPlan | null {
  if (!Number.isInteger(limit) || limit < 1 || limit > 10000) return null;
  return { ...plan, limit };
}

/** The first sort key turned the other way: "highest first" ⇄ "lowest first". */
export function flipSort(plan: AskPlan): AskPlan | null {
  const order = plan.orderBy ?? [];
  if (order.length === 0) return null;
  const [first, ...rest] = order;
  if (!first) return null;
  return { ...plan, orderBy: [{ ...first, descending: !first.descending }, ...rest] };
}

function withoutOrder(plan: AskPlan, alias: string): AskPlan {
  const orderBy = (plan.orderBy ?? []).filter((o) => o.alias !== alias);
  const ranked = (plan.orderBy ?? []).length > 0 && orderBy.length === 0;
  return { ...plan, orderBy, limit: ranked ? null : plan.limit };
}
