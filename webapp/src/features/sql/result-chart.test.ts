import { describe, expect, it } from 'vitest';
import { chartForResult } from './result-chart';

const col = (name: string, type: string) => ({ name, type });

describe('chartForResult', () => {
  it('shows one numeric value as a KPI', () => {
    expect(chartForResult([col('count', 'integer')], 1)).toEqual({
      type: 'kpi',
      x: null,
      y: 'count',
      series: null,
    });
    // A single number column over several rows is not one value.
    expect(chartForResult([col('count', 'integer')], 3)).toMatchObject({ type: 'table' });
  });

  it('draws a date or timestamp against a number as a line, a text column as its series', () => {
    expect(chartForResult([col('date', 'date'), col('temp_max', 'decimal')], 1461)).toEqual({
      type: 'line',
      x: 'date',
      y: 'temp_max',
      series: null,
    });
    expect(
      chartForResult([col('at', 'timestamp'), col('weather', 'text'), col('n', 'integer')], 10),
    ).toEqual({ type: 'line', x: 'at', y: 'n', series: 'weather' });
  });

  it('draws one text column and one number as bars', () => {
    expect(chartForResult([col('weather', 'text'), col('count', 'integer')], 5)).toEqual({
      type: 'bar',
      x: 'weather',
      y: 'count',
      series: null,
    });
  });

  it('draws two text columns and a number as bars with the second text column as series', () => {
    expect(
      chartForResult([col('city', 'text'), col('weather', 'text'), col('days', 'integer')], 8),
    ).toEqual({ type: 'bar', x: 'city', y: 'days', series: 'weather' });
  });

  it('draws two numbers as a scatter', () => {
    expect(chartForResult([col('temp_min', 'decimal'), col('temp_max', 'decimal')], 100)).toEqual({
      type: 'scatter',
      x: 'temp_min',
      y: 'temp_max',
      series: null,
    });
  });

  it('finds no chart for other shapes', () => {
    expect(chartForResult([col('weather', 'text')], 5).type).toBe('table');
    expect(chartForResult([col('a', 'text'), col('b', 'text')], 5).type).toBe('table');
    expect(
      chartForResult([col('a', 'integer'), col('b', 'integer'), col('c', 'integer')], 5).type,
    ).toBe('table');
    expect(
      chartForResult(
        [col('date', 'date'), col('a', 'integer'), col('b', 'integer'), col('c', 'text')],
        5,
      ).type,
    ).toBe('table');
    expect(chartForResult([col('x', 'integer'), col('y', 'integer')], 1).type).toBe('table');
    expect(chartForResult([], 0).type).toBe('table');
  });
});
