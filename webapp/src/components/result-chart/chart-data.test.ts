import { describe, expect, it } from 'vitest';
import { chartModel } from './chart-data';

const columns = [{ name: 'weather' }, { name: 'days' }];
const rows = [
  ['rain', 641],
  ['sun', '640'],
];

describe('chartModel', () => {
  it('draws bars from the x and y columns, numbers as numbers', () => {
    expect(chartModel({ type: 'bar', x: 'weather', y: 'days' }, columns, rows)).toEqual({
      kind: 'bar',
      x: 'weather',
      yKeys: ['days'],
      data: [
        { weather: 'rain', days: 641 },
        { weather: 'sun', days: 640 },
      ],
    });
  });

  it('pivots a series column into one key per series value', () => {
    const model = chartModel(
      { type: 'line', x: 'year', y: 'days', series: 'weather' },
      [{ name: 'year' }, { name: 'weather' }, { name: 'days' }],
      [
        [2012, 'rain', 191],
        [2012, 'sun', 118],
        [2013, 'rain', 60],
      ],
    );
    expect(model).toEqual({
      kind: 'line',
      x: 'year',
      yKeys: ['rain', 'sun'],
      data: [
        { year: 2012, rain: 191, sun: 118 },
        { year: 2013, rain: 60 },
      ],
    });
  });

  it('gives a pie its slices', () => {
    expect(chartModel({ type: 'pie', x: 'weather', y: 'days' }, columns, rows)).toEqual({
      kind: 'pie',
      data: [
        { name: 'rain', value: 641 },
        { name: 'sun', value: 640 },
      ],
    });
  });

  it('shows a KPI as one formatted number', () => {
    expect(chartModel({ type: 'kpi', y: 'count' }, [{ name: 'count' }], [[641]])).toEqual({
      kind: 'kpi',
      label: 'count',
      value: '641',
    });
    expect(
      chartModel({ type: 'kpi', x: null, y: null }, [{ name: 'count' }], [[1461]]),
    ).toMatchObject({ kind: 'kpi', label: 'count' });
  });

  it('falls back to the table when a named column is missing or there are no rows', () => {
    expect(chartModel({ type: 'bar', x: 'nope', y: 'days' }, columns, rows)).toEqual({
      kind: 'table',
    });
    expect(chartModel({ type: 'bar', x: 'weather', y: 'days' }, columns, [])).toEqual({
      kind: 'table',
    });
    expect(chartModel(null, columns, rows)).toEqual({ kind: 'table' });
  });
});
