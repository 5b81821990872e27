import { describe, expect, it } from 'vitest';
import {
  defaultFilterState,
  readFilterState,
  removeCrossFilter,
  sameValue,
  stateKey,
  toggleCrossFilter,
  writeFilterState,
  type DashboardFilterState,
  type FilterDefinition,
} from './filter-state';

const filters: FilterDefinition[] = [
  { id: 'f1', type: 'date_range', member: 'order_date', default: 'last_90_days' },
  { id: 'f2', type: 'values', member: 'region', default: [] },
  { id: 'f3', type: 'number_range', member: 'amount' },
  { id: 'f4', type: 'values', member: 'segment', default: ['Consumer'] },
];

const roundTrip = (state: DashboardFilterState, params = new URLSearchParams()) =>
  readFilterState(
    new URLSearchParams(writeFilterState(params, filters, state).toString()),
    filters,
  );

describe('filter state in the URL', () => {
  it('reads the defaults from an empty URL and writes nothing for them', () => {
    const state = readFilterState(new URLSearchParams(), filters);
    expect(state).toEqual({
      values: { f1: 'last_90_days', f2: [], f3: null, f4: ['Consumer'] },
      crossFilters: [],
    });
    expect(state).toEqual(defaultFilterState(filters));
    expect(writeFilterState(new URLSearchParams(), filters, state).toString()).toBe('');
  });

  it('round-trips every kind of value and the cross-filters', () => {
    const state: DashboardFilterState = {
      values: {
        f1: { from: '2024-01-01', to: '2024-03-31' },
        f2: ['East', 'West & North', 'a|b'],
        f3: { min: 10, max: null },
        f4: [],
      },
      crossFilters: [
        { widgetId: 'w1', member: 'region', values: ['East'] },
        { widgetId: 'w3', member: 'customers.name', values: ['Ann | Co', 'Bob'] },
      ],
    };
    expect(roundTrip(state)).toEqual(state);
  });

  it('writes readable parameters and keeps the others', () => {
    const params = writeFilterState(new URLSearchParams('edit=1&f.gone=x'), filters, {
      values: { f1: 'ytd', f2: ['East'], f3: { min: null, max: 200 }, f4: ['Consumer'] },
      crossFilters: [{ widgetId: 'w2', member: 'region', values: ['West'] }],
    });
    expect(decodeURIComponent(params.toString()).replaceAll('+', ' ')).toBe(
      'edit=1&f.f1=ytd&f.f2=East&f.f3=..200&x=w2|region|West',
    );
  });

  it('keeps a values filter cleared against a non-empty default', () => {
    const state = {
      ...defaultFilterState(filters),
      values: { ...defaultFilterState(filters).values, f4: [] },
    };
    const params = writeFilterState(new URLSearchParams(), filters, state);
    expect(params.getAll('f.f4')).toEqual(['']);
    expect(roundTrip(state).values.f4).toEqual([]);
  });

  it('ignores what it cannot read instead of failing', () => {
    const state = readFilterState(
      new URLSearchParams('f.f1=someday&f.f3=abc..&x=broken&x=w1||v&x=w1|region|'),
      filters,
    );
    expect(state.values.f1).toBe('last_90_days'); // an unknown preset: the default
    expect(state.values.f3).toBeNull();
    expect(state.crossFilters).toEqual([{ widgetId: 'w1', member: 'region', values: [''] }]);
  });

  it('reads a half-open date range', () => {
    const state = readFilterState(new URLSearchParams('f.f1=2024-05-01..'), filters);
    expect(state.values.f1).toEqual({ from: '2024-05-01', to: null });
  });
});

describe('cross-filters', () => {
  it('a click filters by the value, a second click on it clears', () => {
    const once = toggleCrossFilter([], { widgetId: 'w1', member: 'region', value: 'East' });
    expect(once).toEqual([{ widgetId: 'w1', member: 'region', values: ['East'] }]);
    expect(toggleCrossFilter(once, { widgetId: 'w1', member: 'region', value: 'East' })).toEqual(
      [],
    );
  });

  it('a click on another value of the same widget replaces its cross-filter', () => {
    const list = [
      { widgetId: 'w1', member: 'region', values: ['East'] },
      { widgetId: 'w2', member: 'segment', values: ['Consumer'] },
    ];
    expect(toggleCrossFilter(list, { widgetId: 'w1', member: 'region', value: 'West' })).toEqual([
      { widgetId: 'w2', member: 'segment', values: ['Consumer'] },
      { widgetId: 'w1', member: 'region', values: ['West'] },
    ]);
    expect(removeCrossFilter(list, 'w2')).toEqual([list[0]]);
  });
});

describe('comparing and keying states', () => {
  it('treats no value and an empty list alike, and lists as sets', () => {
    expect(sameValue(null, [])).toBe(true);
    expect(sameValue(['a', 'b'], ['b', 'a'])).toBe(true);
    expect(sameValue('ytd', { from: null, to: null })).toBe(false);
    expect(sameValue({ min: 1, max: 2 }, { min: 1, max: 2 })).toBe(true);
  });

  it('keys equal states equally whatever the order', () => {
    const a: DashboardFilterState = {
      values: { f1: 'ytd', f2: ['b', 'a'] },
      crossFilters: [
        { widgetId: 'w2', member: 'm', values: ['x'] },
        { widgetId: 'w1', member: 'n', values: ['y'] },
      ],
    };
    const b: DashboardFilterState = {
      values: { f2: ['a', 'b'], f1: 'ytd' },
      crossFilters: [...a.crossFilters].reverse(),
    };
    expect(stateKey(a)).toBe(stateKey(b));
    expect(stateKey(a)).not.toBe(stateKey({ ...b, crossFilters: [] }));
  });
});
