import { describe, expect, it } from 'vitest';
import { dataset } from '@/test/dataset';
import { completionSchema, starterSql } from './completion';

describe('completionSchema', () => {
  it('offers each table name with its column names', () => {
    expect(completionSchema([dataset()])).toEqual({
      seattle_weather: ['date', 'temp_max', 'weather'],
    });
  });

  it('leaves out datasets that have no columns yet', () => {
    expect(completionSchema([dataset({ columns: [] })])).toEqual({});
    expect(completionSchema(undefined)).toEqual({});
  });
});

describe('starterSql', () => {
  it('reads the first dataset', () => {
    expect(starterSql([dataset()])).toBe('SELECT *\nFROM seattle_weather\nLIMIT 100');
    expect(starterSql([])).toBe('');
  });
});
