import { describe, expect, it } from 'vitest';
import { compareValues, nextSort, sortRows } from './sort-rows';

describe('sortRows', () => {
  const rows = [
    ['b', 10],
    [null, 2],
    ['a', 9],
    ['C', null],
    ['a', 100],
  ];

  it('sorts numbers by value, not as text', () => {
    const sorted = sortRows(rows, { column: 1, direction: 'ascending' });
    expect(sorted.map((row) => row[1])).toEqual([2, 9, 10, 100, null]);
  });

  it('keeps NULL last in both directions', () => {
    const sorted = sortRows(rows, { column: 0, direction: 'descending' });
    expect(sorted.map((row) => row[0])).toEqual(['C', 'b', 'a', 'a', null]);
    expect(sortRows(rows, { column: 1, direction: 'descending' }).at(-1)?.[1]).toBeNull();
  });

  it('is stable and leaves the input as it was', () => {
    const sorted = sortRows(rows, { column: 0, direction: 'ascending' });
    expect(sorted.slice(0, 2)).toEqual([
      ['a', 9],
      ['a', 100],
    ]);
    expect(rows[0]).toEqual(['b', 10]);
    expect(sortRows(rows, null)).toBe(rows);
  });

  it('compares exact numbers sent as strings by value', () => {
    expect(compareValues('9007199254740993', '10')).toBeGreaterThan(0);
    expect(compareValues('item 2', 'item 10')).toBeLessThan(0);
    expect(compareValues(false, true)).toBeLessThan(0);
  });

  it('cycles a header through ascending, descending and unsorted', () => {
    const first = nextSort(null, 2);
    expect(first).toEqual({ column: 2, direction: 'ascending' });
    const second = nextSort(first, 2);
    expect(second).toEqual({ column: 2, direction: 'descending' });
    expect(nextSort(second, 2)).toBeNull();
    expect(nextSort(second, 0)).toEqual({ column: 0, direction: 'ascending' });
  });
});
