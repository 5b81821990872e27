import { describe, expect, it } from 'vitest';
import { complete, formulaOptions, problemRange, wordBefore } from './formula-completion';
import { orderModel } from '@/test/model';

describe('formula completion', () => {
  const options = formulaOptions(orderModel());

  it('offers fields, working measures and functions', () => {
    expect(complete(options, 'am').map((o) => o.label)).toEqual(['amount']);
    expect(complete(options, 'co').map((o) => o.label)).toEqual([
      'count',
      'coalesce',
      'count',
      'count_distinct',
    ]);
    expect(complete(options, 'old')).toEqual([]); // broken measures are not offered
    expect(options.find((o) => o.label === 'sum')).toMatchObject({
      type: 'function',
      apply: 'sum(',
    });
  });

  it('finds the word being typed', () => {
    expect(wordBefore('sum(amo', 7)).toEqual({ from: 4, word: 'amo' });
    expect(wordBefore('sum(', 4)).toEqual({ from: 4, word: '' });
  });

  it('turns a 1-based problem position into an editor range, clamped', () => {
    expect(problemRange('sum(reveneu)', 5, 7)).toEqual({ from: 4, to: 11 });
    expect(problemRange('sum(', 5, 1)).toEqual({ from: 3, to: 4 });
    expect(problemRange('x', undefined, 1)).toBeNull();
  });
});
