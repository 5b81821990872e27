import type { ChartQuery } from '@/lib/api/charts';
import type { AskAnswer, AskAppliedFilter } from './types';

/** A dashboard filter as a chip's text: `region = East, West`, `order_date in 2024-01-01 – 2024-03-31`. */
export function filterLabel(filter: AskAppliedFilter): string {
  const values = filter.values.map(String);
  switch (filter.operator) {
    case 'equals':
      return `${filter.member} = ${values.join(', ')}`;
    case 'inDateRange':
      return `${filter.member} ${values[0] ?? ''} – ${values[1] ?? ''}`;
    case 'afterDate':
      return `${filter.member} after ${values[0] ?? ''}`;
    case 'beforeDate':
      return `${filter.member} before ${values[0] ?? ''}`;
    case 'gte':
      return `${filter.member} ≥ ${values[0] ?? ''}`;
    case 'lte':
      return `${filter.member} ≤ ${values[0] ?? ''}`;
    default:
      return `${filter.member} ${filter.operator} ${values.join(', ')}`;
  }
}

function sameFilter(a: unknown, f: AskAppliedFilter): boolean {
  if (typeof a !== 'object' || a === null) return false;
  const { member, operator, values } = a as Record<string, unknown>;
  return (
    member === f.member &&
    operator === f.operator &&
    JSON.stringify(values ?? []) === JSON.stringify(f.values)
  );
}

/**
 * What an answer asked beside a dashboard is saved as, to be a widget of it. A semantic answer
 * keeps its semantic query without the dashboard's filters the server merged in, so the
 * dashboard's live filters reach the widget as they reach every other; any other answer keeps its
 * SQL, with the filters as they were when it was asked (`frozenFilters` says so).
 */
export function answerChartQuery(answer: AskAnswer): {
  query: ChartQuery;
  frozenFilters: boolean;
} {
  const applied = (answer.appliedFilters ?? []).filter((f) => f.applied);
  const semantic = answer.semanticQuery;
  if (answer.source === 'semantic' && semantic) {
    const { filters, ...rest } = semantic;
    const own = (filters ?? []).filter((f) => !applied.some((a) => sameFilter(f, a)));
    return {
      query: { semantic: own.length > 0 ? { ...rest, filters: own } : rest },
      frozenFilters: false,
    };
  }
  return { query: { sql: answer.sql }, frozenFilters: applied.length > 0 };
}
