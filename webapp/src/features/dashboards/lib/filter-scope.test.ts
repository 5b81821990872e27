import { describe, expect, it } from 'vitest';
import { describeValue, memberLabel } from './filter-labels';
import {
  clickableMembers,
  describeReach,
  filtersReaching,
  mergeWidgetData,
  requestCrossFilters,
  requestFilters,
  widgetsToRequery,
  type Scope,
} from './filter-scope';
import type { DashboardFilterState } from './filter-state';

const widgets = [
  { id: 'w1', title: 'Sales by region' },
  { id: 'w2', title: 'Orders' },
  { id: 'w3', title: 'Margin', ignoreCrossFilters: true },
];
const scope: Scope = {
  filters: { f1: ['w1', 'w2', 'w3'], f2: ['w1'] },
  members: { region: ['w1', 'w2', 'w3'], 'order_date.month': ['w2'] },
};
const base: DashboardFilterState = {
  values: { f1: 'last_90_days', f2: [] },
  crossFilters: [],
};

describe('describing reach', () => {
  it('names the widgets a filter reaches', () => {
    expect(describeReach(['w1', 'w2', 'w3'], widgets)).toBe('Reaches all 3 widgets');
    expect(describeReach(['w1'], widgets)).toBe('Reaches 1 of 3 widgets: Sales by region');
    expect(describeReach([], widgets)).toBe('Reaches no widget');
    expect(describeReach(undefined, widgets)).toBe('Reach not known yet');
    expect(filtersReaching('w1', scope)).toEqual(['f1', 'f2']);
    expect(filtersReaching('w3', scope)).toEqual(['f1']);
  });

  it('describes values and members in words', () => {
    expect(describeValue('ytd')).toBe('Year to date (YTD)');
    expect(describeValue(['East', 'West', 'North'])).toBe('East, West +1');
    expect(describeValue({ from: '2024-01-01', to: null })).toBe('From 2024-01-01');
    expect(describeValue({ min: 10, max: null })).toBe('≥ 10');
    expect(describeValue([])).toBe('Any');
    expect(memberLabel('order_date.month')).toBe('Order date (month)');
    expect(memberLabel('customers.region')).toBe('Region');
  });
});

describe('what to re-query', () => {
  it('asks again only for the widgets a changed filter reaches', () => {
    const next = { ...base, values: { ...base.values, f2: ['East'] } };
    expect(widgetsToRequery(base, next, scope, widgets)).toEqual(['w1']);
    expect(widgetsToRequery(base, base, scope, widgets)).toEqual([]);
  });

  it('leaves out the clicked widget and widgets that ignore cross-filters', () => {
    const next = {
      ...base,
      crossFilters: [{ widgetId: 'w1', member: 'region', values: ['East'] }],
    };
    expect(widgetsToRequery(base, next, scope, widgets)).toEqual(['w2']);
    // Clearing it again re-queries the same widgets.
    expect(widgetsToRequery(next, base, scope, widgets)).toEqual(['w2']);
  });

  it('asks for everything when the scope does not know the filter or member', () => {
    const next = { ...base, crossFilters: [{ widgetId: 'w1', member: 'segment', values: ['A'] }] };
    expect(widgetsToRequery(base, next, scope, widgets)).toBeNull();
    expect(widgetsToRequery(base, next, undefined, widgets)).toBeNull();
  });

  it('merges fresh entries into the earlier answer by id', () => {
    const merged = mergeWidgetData(
      [
        { id: 'w1', v: 1 },
        { id: 'w2', v: 1 },
      ],
      [
        { id: 'w2', v: 2 },
        { id: 'w4', v: 2 },
      ],
    );
    expect(merged).toEqual([
      { id: 'w1', v: 1 },
      { id: 'w2', v: 2 },
      { id: 'w4', v: 2 },
    ]);
  });
});

describe('the request', () => {
  it('sends every filter, cleared ones as null or [], and cross-filters with their source', () => {
    const state: DashboardFilterState = {
      values: { f1: null, f2: [], f3: { min: 1, max: null } },
      crossFilters: [{ widgetId: 'w1', member: 'region', values: ['East'] }],
    };
    expect(requestFilters(state)).toEqual({ f1: null, f2: [], f3: { min: 1, max: null } });
    expect(requestCrossFilters(state)).toEqual([
      { member: 'region', values: ['East'], sourceWidgetId: 'w1' },
    ]);
  });

  it('offers the text and date columns as cross-filter members', () => {
    expect(
      clickableMembers([
        {
          columns: [
            { name: 'region', type: 'text' },
            { name: 'revenue', type: 'decimal' },
          ],
        },
        { columns: [{ name: 'order_date.month', type: 'date' }] },
        {},
      ]),
    ).toEqual(['order_date.month', 'region']);
  });
});
