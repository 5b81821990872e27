import { describe, expect, it } from 'vitest';
import {
  addMeasure,
  definition,
  draftOf,
  formatValue,
  formatWith,
  nameProblem,
  parseSynonyms,
  removeMeasure,
  toInput,
  updateMeasure,
} from './model-draft';
import { orderModel } from '@/test/model';

describe('model drafts', () => {
  const draft = draftOf(orderModel());

  it('adds an aggregation or a formula measure and sends the version it was edited from', () => {
    const withSum = addMeasure(draft, {
      name: 'revenue',
      label: 'Revenue',
      kind: 'aggregation',
      aggregation: 'sum',
      column: 'amount',
      p: 0.5,
      formula: '',
    });
    expect(withSum.measures.at(-1)).toMatchObject({
      name: 'revenue',
      aggregation: 'sum',
      column: 'amount',
    });
    const withFormula = addMeasure(draft, {
      name: 'aov',
      label: '',
      kind: 'formula',
      aggregation: 'sum',
      column: '',
      p: 0.5,
      formula: 'sum(amount) / count()',
    });
    expect(withFormula.measures.at(-1)).toMatchObject({
      name: 'aov',
      label: 'aov',
      formula: 'sum(amount) / count()',
    });
    expect(toInput(withFormula, 3)).toMatchObject({ version: 3, fiscalYearStartMonth: 1 });
  });

  it('refuses names that are taken or not identifiers', () => {
    expect(nameProblem(draft, 'region')).toMatch(/already/);
    expect(nameProblem(draft, 'Revenue')).toMatch(/lower-case/);
    expect(nameProblem(draft, '')).toMatch(/name/);
    expect(nameProblem(draft, 'revenue')).toBeNull();
  });

  it('updates and removes measures without touching the others', () => {
    const renamed = updateMeasure(draft, 'total_amount', { label: 'Revenue' });
    expect(renamed.measures.find((m) => m.name === 'total_amount')?.label).toBe('Revenue');
    expect(renamed.measures.find((m) => m.name === 'count')).toBe(draft.measures[0]);
    expect(removeMeasure(draft, 'count').measures.map((m) => m.name)).toEqual([
      'total_amount',
      'old_margin',
    ]);
  });

  it('describes definitions, synonyms and formats', () => {
    const [count, total] = draft.measures;
    expect(total && definition(total)).toBe('sum(amount)');
    expect(count && definition(count)).toBe('count(*)');
    expect(
      definition({
        name: 'p90',
        aggregation: 'percentile',
        column: 'amount',
        p: 0.9,
        filter: "region = 'East'",
      }),
    ).toBe("percentile(amount, 0.9) where region = 'East'");
    expect(parseSynonyms(' sales, turnover ,, ')).toEqual(['sales', 'turnover']);
    expect(formatWith({ type: 'number', decimals: 2 }, { type: 'currency' })).toEqual({
      type: 'currency',
      decimals: 2,
      currency: 'EUR',
    });
    expect(formatWith({ type: 'currency', currency: 'USD' }, { type: 'percent' })).toEqual({
      type: 'percent',
    });
    expect(formatValue(0.256, { type: 'percent', decimals: 1 })).toBe('25.6%');
    expect(formatValue('1234.5', { type: 'currency', currency: 'EUR', decimals: 2 })).toBe(
      '€1,234.50',
    );
    expect(formatValue(null, null)).toBe('—');
  });
});
