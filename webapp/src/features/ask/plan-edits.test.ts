import { describe, expect, it } from 'vitest';
import { flipSort, removePart, setLimit } from './plan-edits';
import type { AskPlan } from './types';

const plan: AskPlan = {
  datasetId: 'd1',
  tableName: 'cars',
  measures: [
    {
      agg: 'avg',
      column: 'miles_per_gallon',
      alias: 'avg_miles_per_gallon',
      per: null,
      condition: [],
    },
    { agg: 'count', column: null, alias: 'count', per: null, condition: [] },
  ],
  dimensions: [{ column: 'origin', bucket: null, alias: 'origin' }],
  filters: [
    { column: 'cylinders', op: '=', values: ['8'], part: null },
    { column: 'year', op: 'range', values: ['1975-01-01', '1980-01-01'], part: null },
  ],
  columns: [],
  orderBy: [{ alias: 'avg_miles_per_gallon', descending: true }],
  limit: 3,
};

describe('plan edits', () => {
  it('removes a filter by its key and keeps the rest', () => {
    const next = removePart(plan, 'filter:0');
    expect(next?.filters).toEqual([plan.filters?.[1]]);
    expect(next?.measures).toEqual(plan.measures);
  });

  it('never removes the last measure', () => {
    const one: AskPlan = { ...plan, measures: (plan.measures ?? []).slice(0, 1) };
    expect(removePart(one, 'measure:0')).toBeNull();
  });

  it('drops the ranking when the measure it ranks by is removed', () => {
    const next = removePart(plan, 'measure:0');
    expect(next?.measures).toHaveLength(1);
    expect(next?.orderBy).toEqual([]);
    expect(next?.limit).toBeNull();
  });

  it('drops a top-N of groups when the last grouping is removed', () => {
    const next = removePart(plan, 'dimension:0');
    expect(next?.dimensions).toEqual([]);
    expect(next?.limit).toBeNull();
  });

  it('changes the limit within bounds and flips the sort', () => {
    expect(setLimit(plan, 10)?.limit).toBe(10);
    expect(setLimit(plan, 0)).toBeNull();
    expect(setLimit(plan, 2.5)).toBeNull();
    expect(flipSort(plan)?.orderBy?.[0]?.descending).toBe(false);
    expect(flipSort({ ...plan, orderBy: [] })).toBeNull();
  });

  it('refuses keys it does not know', () => {
    expect(removePart(plan, 'filter:9')).toBeNull();
    expect(removePart(plan, 'nonsense')).toBeNull();
  });
});
