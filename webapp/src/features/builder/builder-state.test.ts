import { describe, expect, it } from 'vitest';
import type { SemanticModel } from '@/features/model';
import {
  addField,
  emptyState,
  fieldsOf,
  fromSemanticQuery,
  impliedVisualization,
  isComplete,
  operatorsFor,
  presetRange,
  removeField,
  searchFields,
  toSemanticQuery,
  type Field,
} from './builder-state';

const model = {
  datasetId: 'd1',
  datasetName: 'cars',
  tableName: 'cars',
  version: 1,
  datasetVersion: 1,
  fiscalYearStartMonth: 1,
  dimensions: [
    { name: 'origin', type: 'text', label: 'Origin' },
    { name: 'year', type: 'date', label: 'Year', granularities: ['day', 'month', 'year'] },
    { name: 'horsepower', type: 'integer', label: 'Horsepower' },
    { name: 'secret', type: 'text', hidden: true },
    { name: 'gone', type: 'text', broken: 'column removed' },
  ],
  measures: [
    { name: 'count', label: 'Cars', aggregation: 'count' },
    { name: 'avg_mpg', label: 'Average Miles per Gallon', aggregation: 'avg', column: 'mpg' },
  ],
  relationships: [],
  functions: [],
  timeTransforms: [],
} as SemanticModel;

const fields = fieldsOf(model);
const field = (name: string): Field => {
  const found = fields.find((candidate) => candidate.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('the builder state', () => {
  it('lists visible, unbroken fields, time dimensions marked as such', () => {
    expect(fields.map((f) => `${f.kind}:${f.name}`)).toEqual([
      'dimension:origin',
      'time:year',
      'dimension:horsepower',
      'measure:count',
      'measure:avg_mpg',
    ]);
  });

  it('finds fields by label or name, ignoring case and accents', () => {
    expect(searchFields(fields, 'MILES').map((f) => f.name)).toEqual(['avg_mpg']);
    expect(searchFields(fields, 'orígin').map((f) => f.name)).toEqual(['origin']);
    expect(searchFields(fields, '  ')).toHaveLength(fields.length);
  });

  it('builds "cars per year by origin" as a time axis split by origin', () => {
    let state = emptyState('d1');
    state = addField(state, field('count'), 'measures');
    state = addField(state, field('year'), 'groupBy');
    state = addField(state, field('origin'), 'splitBy');
    state = { ...state, time: state.time && { ...state.time, granularity: 'year' } };
    expect(toSemanticQuery(state)).toEqual({
      dataset: 'd1',
      measures: ['count'],
      dimensions: ['origin'],
      time: { dimension: 'year', granularity: 'year' },
      limit: 500,
    });
  });

  it('refuses a measure in Group by and a dimension in Measures', () => {
    const state = emptyState('d1');
    expect(addField(state, field('count'), 'groupBy')).toBe(state);
    expect(addField(state, field('origin'), 'measures')).toBe(state);
  });

  it('moves a dimension between Group by and Split by rather than using it twice', () => {
    let state = addField(emptyState('d1'), field('origin'), 'groupBy');
    state = addField(state, field('origin'), 'splitBy');
    expect(state.groupBy).toEqual([]);
    expect(state.splitBy).toBe('origin');
    state = addField(state, field('origin'), 'groupBy');
    expect(state.groupBy).toEqual(['origin']);
    expect(state.splitBy).toBeNull();
  });

  it('puts last year beside each measure when asked, only with a time axis', () => {
    let state = addField(emptyState('d1'), field('count'), 'measures');
    state = { ...state, compare: 'last_year' };
    expect(toSemanticQuery(state).measures).toEqual(['count']);
    state = addField(state, field('year'), 'groupBy');
    expect(toSemanticQuery(state).measures).toEqual([
      'count',
      { measure: 'count', time: 'same_period_last_year', as: 'count__same_period_last_year' },
    ]);
    // Removing the time axis removes the comparison with it.
    expect(removeField(state, 'groupBy', 'year').compare).toBe('none');
  });

  it('sends only filters that say what they keep', () => {
    let state = addField(emptyState('d1'), field('count'), 'measures');
    state = addField(state, field('origin'), 'filters');
    expect(toSemanticQuery(state).filters).toBeUndefined();
    state = { ...state, filters: [{ member: 'origin', operator: 'equals', values: ['USA'] }] };
    expect(toSemanticQuery(state).filters).toEqual([
      { member: 'origin', operator: 'equals', values: ['USA'] },
    ]);
    expect(isComplete({ member: 'origin', operator: 'notSet', values: [] })).toBe(true);
    state = {
      ...state,
      filters: [{ member: 'horsepower', operator: 'between', values: [90, 150] }],
    };
    expect(toSemanticQuery(state).filters).toEqual([
      { member: 'horsepower', operator: 'gte', values: [90] },
      { member: 'horsepower', operator: 'lte', values: [150] },
    ]);
    expect(isComplete({ member: 'year', operator: 'inDateRange', values: ['2020-01-01'] })).toBe(
      false,
    );
  });

  it('offers operators that fit the type', () => {
    expect(operatorsFor(field('origin'))).toContain('contains');
    expect(operatorsFor(field('horsepower'))[0]).toBe('between');
    expect(operatorsFor(field('year'))[0]).toBe('inDateRange');
  });

  it('turns date presets into inclusive calendar ranges', () => {
    const today = new Date(Date.UTC(2024, 2, 15)); // 15 March 2024, a leap year
    expect(presetRange('last_7_days', today)).toEqual(['2024-03-09', '2024-03-15']);
    expect(presetRange('last_month', today)).toEqual(['2024-02-01', '2024-02-29']);
    expect(presetRange('this_quarter', today)).toEqual(['2024-01-01', '2024-03-31']);
    expect(presetRange('last_quarter', today)).toEqual(['2023-10-01', '2023-12-31']);
    expect(presetRange('year_to_date', today)).toEqual(['2024-01-01', '2024-03-15']);
    expect(presetRange('last_year', today)).toEqual(['2023-01-01', '2023-12-31']);
    expect(presetRange('all', today)).toBeNull();
    expect(presetRange('custom', today, { from: '2020-01-01', to: '2020-06-30' })).toEqual([
      '2020-01-01',
      '2020-06-30',
    ]);
  });

  it('reads a saved query back into the same state (Edit)', () => {
    let state = addField(emptyState('d1'), field('avg_mpg'), 'measures');
    state = addField(state, field('year'), 'groupBy');
    state = addField(state, field('origin'), 'splitBy');
    state = {
      ...state,
      compare: 'last_year',
      time: state.time && { ...state.time, preset: 'custom', from: '1970-01-01', to: '1982-12-31' },
      filters: [{ member: 'horsepower', operator: 'gte', values: [100] }],
      order: { member: 'avg_mpg', direction: 'desc' },
    };
    const query = toSemanticQuery(state);
    const back = fromSemanticQuery(query, fields);
    expect(back.unsupported).toEqual([]);
    expect(toSemanticQuery(back.state)).toEqual(query);
  });

  it('names what it cannot edit in a saved query', () => {
    const { unsupported } = fromSemanticQuery(
      { dataset: 'd1', measures: [{ formula: 'sum(mpg) / count(*)', as: 'ratio' }, 'nope'] },
      fields,
    );
    expect(unsupported).toEqual(['ratio', 'nope']);
  });

  it('draws the second of two grouped dimensions as series unless a split is chosen', () => {
    const byYear = addField(
      addField(emptyState('d1'), field('count'), 'measures'),
      field('year'),
      'groupBy',
    );
    const chosen = { type: 'column' as const };
    expect(impliedVisualization(byYear, chosen)?.series).toBeNull();
    const byYearAndOrigin = addField(byYear, field('origin'), 'groupBy');
    expect(impliedVisualization(byYearAndOrigin, chosen)?.series).toBe('origin');
    const two = addField(
      addField(emptyState('d1'), field('origin'), 'groupBy'),
      field('horsepower'),
      'groupBy',
    );
    expect(impliedVisualization(two, chosen)?.series).toBe('horsepower');
    const split = addField(byYearAndOrigin, field('horsepower'), 'splitBy');
    expect(impliedVisualization(split, chosen)?.series).toBe('horsepower');
  });
});
