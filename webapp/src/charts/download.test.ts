import { describe, expect, it } from 'vitest';
import { fileName, toCsv } from './download';

describe('toCsv', () => {
  it('writes every row, quotes what needs quoting, NULL as an empty field', () => {
    expect(
      toCsv({
        columns: [{ name: 'rating' }, { name: 'n' }],
        rows: [
          ['PG', 354],
          [null, 1350],
          ['say "hi", then', 1],
        ],
      }),
    ).toBe('rating,n\r\nPG,354\r\n,1350\r\n"say ""hi"", then",1\r\n');
  });

  it('names files after the chart', () => {
    expect(fileName('Cars per year, by origin', 'png')).toBe('cars-per-year-by-origin.png');
    expect(fileName('', 'csv')).toBe('chart.csv');
  });
});
