import { CompletionContext } from '@codemirror/autocomplete';
import { EditorState } from '@codemirror/state';
import { describe, expect, it } from 'vitest';
import { columnCompletion, columnOptions } from './column-completion';

const schema = { cars: ['name', 'horsepower', 'origin'], movies: ['title', 'origin'] };

function complete(doc: string, explicit = false) {
  const state = EditorState.create({ doc });
  return columnCompletion(schema)(new CompletionContext(state, doc.length, explicit));
}

describe('column completion', () => {
  it('offers a column right after SELECT, as the issue asks for `hor`', () => {
    const result = complete('select hor');
    expect(result?.from).toBe(7);
    expect(result?.options.map((option) => option.label)).toContain('horsepower');
  });

  it('offers columns in WHERE, GROUP BY and ORDER BY too', () => {
    for (const doc of [
      'select * from cars where hor',
      'select origin, count(*) from cars group by ori',
      'select * from cars order by hor',
    ]) {
      expect(complete(doc)?.options.map((option) => option.label)).toContain('horsepower');
    }
  });

  it('leaves `alias.col` to the language’s own completion', () => {
    expect(complete('select c.hor')).toBeNull();
  });

  it('offers nothing unasked when no word is being typed, everything when asked', () => {
    expect(complete('select ')).toBeNull();
    expect(complete('select ', true)?.options.length).toBeGreaterThan(0);
  });

  it('offers a column shared by two tables once, naming both', () => {
    const origin = columnOptions(schema).filter((option) => option.label === 'origin');
    expect(origin).toHaveLength(1);
    expect(origin[0]?.detail).toBe('cars, movies');
  });
});
