import { describe, expect, it } from 'vitest';
import { detectGrain, formatFull, formatTick, labelInterval, spansMonths } from './time-axis';

const d = (iso: string) => new Date(iso);

describe('time axis', () => {
  it('finds the grain from the values', () => {
    expect(detectGrain([d('2012-01-01T00:00:00Z'), d('2013-01-01T00:00:00Z')])).toBe('year');
    expect(detectGrain([d('2012-07-01'), d('2012-10-01')])).toBe('quarter');
    expect(detectGrain([d('2012-07-01'), d('2012-08-01')])).toBe('month');
    expect(detectGrain([d('2012-08-06'), d('2012-08-13')])).toBe('week');
    expect(detectGrain([d('2012-08-05'), d('2012-08-06')])).toBe('day');
    expect(detectGrain([d('2012-08-05T14:00:00Z'), d('2012-08-05T15:00:00Z')])).toBe('hour');
  });

  it('labels by grain, never with the ISO time', () => {
    expect(formatTick(d('2012-08-01T00:00:00Z'), 'month')).toBe('Aug 2012');
    expect(formatTick(d('2012-08-01T00:00:00Z'), 'quarter')).toBe('2012-Q3');
    expect(formatTick(d('2012-01-01T00:00:00Z'), 'year')).toBe('2012');
    expect(formatTick(d('2026-01-05T00:00:00Z'), 'day')).toBe('Mon 5');
    expect(formatTick(d('2026-01-05T00:00:00Z'), 'day', true)).toBe('Jan 5');
    expect(formatFull(d('2012-08-01T00:00:00Z'), 'month')).not.toMatch(/T00|Z/);
  });

  it('knows when days span months', () => {
    expect(spansMonths([d('2012-08-05'), d('2012-08-30')])).toBe(false);
    expect(spansMonths([d('2012-08-05'), d('2012-09-01')])).toBe(true);
  });

  it('thins labels so they fit, keeping every one when they do', () => {
    expect(labelInterval(10, 600, 60)).toBe(0);
    expect(labelInterval(100, 600, 60)).toBe(9);
    expect(labelInterval(1, 600, 60)).toBe(0);
  });
});
