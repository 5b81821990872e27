import { describe, expect, it } from 'vitest';
import { answerChartQuery, filterLabel } from './dashboard-answer';
import type { AskAnswer } from './types';

const base: AskAnswer = {
  answer: 'x',
  sql: 'SELECT 1',
  columns: [],
  rows: [],
  rowCount: 0,
  chart: { type: 'table', x: null, y: null, series: null },
  source: 'semantic',
  threadId: '00000000-0000-4000-8000-0000000000aa',
  timings: {},
};

describe('answerChartQuery', () => {
  it('keeps a semantic answer’s own filters and drops those the dashboard applied', () => {
    const { query, frozenFilters } = answerChartQuery({
      ...base,
      semanticQuery: {
        dataset: 'orders',
        filters: [
          { member: 'region', operator: 'equals', values: ['East'] },
          { member: 'order_date', operator: 'afterDate', values: ['2024-01-01'] },
        ],
      },
      appliedFilters: [
        { member: 'region', operator: 'equals', values: ['East'], applied: true },
        { member: 'order_date', operator: 'afterDate', values: ['2023-01-01'], applied: true },
      ],
    });
    expect(query).toEqual({
      semantic: {
        dataset: 'orders',
        filters: [{ member: 'order_date', operator: 'afterDate', values: ['2024-01-01'] }],
      },
    });
    expect(frozenFilters).toBe(false);
  });

  it('keeps SQL and says the filters are frozen only when one was applied', () => {
    const applied = { member: 'region', operator: 'equals', values: ['East'] };
    expect(
      answerChartQuery({
        ...base,
        source: 'planner',
        appliedFilters: [{ ...applied, applied: true }],
      }),
    ).toEqual({ query: { sql: 'SELECT 1' }, frozenFilters: true });
    expect(
      answerChartQuery({
        ...base,
        source: 'planner',
        appliedFilters: [{ ...applied, applied: false }],
      }).frozenFilters,
    ).toBe(false);
  });
});

describe('filterLabel', () => {
  it('reads each operator', () => {
    const f = (operator: string, values: string[]) =>
      filterLabel({ member: 'd', operator, values, applied: true });
    expect(f('inDateRange', ['2024-01-01', '2024-03-31'])).toBe('d 2024-01-01 – 2024-03-31');
    expect(f('gte', ['5'])).toBe('d ≥ 5');
    expect(f('equals', ['a', 'b'])).toBe('d = a, b');
  });
});
