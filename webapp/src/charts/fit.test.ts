import { describe, expect, it } from 'vitest';
import { chartFits, chartOptions, recommendChart, resultShape } from './fit';

const text = (name: string) => ({ name, type: 'text' });
const int = (name: string) => ({ name, type: 'integer' });
const time = (name: string) => ({ name, type: 'timestamp' });

describe('chart fit', () => {
  it('recommends a KPI for one value, lines over time, columns or bars for categories', () => {
    expect(recommendChart(resultShape([int('n')], 1))).toBe('kpi');
    expect(recommendChart(resultShape([time('month'), int('n')], 12))).toBe('line');
    expect(recommendChart(resultShape([text('rating'), int('n')], 8))).toBe('column');
    expect(recommendChart(resultShape([text('title'), int('n')], 40))).toBe('bar');
    expect(recommendChart(resultShape([text('a'), text('b'), text('c')], 40))).toBe('table');
    expect(recommendChart(resultShape([text('a'), int('n')], 0))).toBe('table');
  });

  it('offers only the types that fit the shape', () => {
    const shape = resultShape([text('rating'), int('n')], 8);
    expect(chartFits('pie', shape)).toBe(true);
    expect(chartFits('line', shape)).toBe(false);
    expect(chartFits('kpi', shape)).toBe(false);
    expect(chartFits('pivot', shape)).toBe(false);
    const options = chartOptions([int('year'), text('origin'), int('cars')], 30);
    expect(options.types.filter((t) => t.fits).map((t) => t.type)).toEqual([
      'bar',
      'column',
      'line',
      'area',
      'table',
      'pivot',
    ]);
    expect(options.recommended).toBe('column');
  });

  it('does not count comparison columns as measures', () => {
    expect(resultShape([time('m'), int('n'), int('n_last_year')], 3).measures).toBe(1);
  });
});
