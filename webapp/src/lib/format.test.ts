import { describe, expect, it } from 'vitest';
import { formatBytes, formatCell, formatNumber, NULL_TEXT } from './format';

describe('formatBytes', () => {
  it('uses whole units from 10 up and one decimal below', () => {
    expect(formatBytes(42_000_000)).toBe('42 MB');
    expect(formatBytes(3_450_000)).toBe('3.5 MB');
    expect(formatBytes(2_000_000)).toBe('2 MB');
    expect(formatBytes(812_400)).toBe('812 KB');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
  });
});

describe('formatNumber', () => {
  it('groups thousands', () => {
    expect(formatNumber(1_250_000)).toBe('1,250,000');
  });
});

describe('formatCell', () => {
  it('shows NULL one way', () => {
    expect(formatCell(null, { type: 'integer' })).toBe(NULL_TEXT);
    expect(formatCell(undefined)).toBe(NULL_TEXT);
  });

  it('groups numbers and keeps averages to sensible decimals', () => {
    expect(formatCell(1250000, { type: 'integer' })).toBe('1,250,000');
    expect(formatCell('6.283716475095785', { type: 'decimal' })).toBe('6.28');
    expect(formatCell(0.000123456, { type: 'decimal' })).toBe('0.000123');
    expect(formatCell(1234.5, { type: 'numeric' })).toBe('1,234.5');
    expect(formatCell(2012, { name: 'model_year', type: 'integer' })).toBe('2012');
    expect(formatCell(12345, { name: 'id', type: 'integer' })).toBe('12345');
  });

  it('follows a model format', () => {
    expect(formatCell(0.256, { type: 'decimal', format: { type: 'percent', decimals: 1 } })).toBe(
      '25.6%',
    );
    expect(formatCell(1234.5, { format: { type: 'currency', currency: 'EUR', decimals: 0 } })).toBe(
      '€1,235',
    );
    expect(formatCell(3, { type: 'integer', format: { type: 'number', decimals: 2 } })).toBe(
      '3.00',
    );
  });

  it('shows dates in the locale without a Z, and the stored day', () => {
    expect(formatCell('2012-08-01', { type: 'date' })).toBe('Aug 1, 2012');
    expect(formatCell('2012-08-01T00:00:00Z', { type: 'timestamp' })).toBe('Aug 1, 2012');
    expect(formatCell('2012-08-01T14:30:00Z', { type: 'timestamp' })).toBe('Aug 1, 2012, 2:30 PM');
  });

  it('leaves text as it is', () => {
    expect(formatCell('PG-13', { type: 'text' })).toBe('PG-13');
    expect(formatCell(true, { type: 'boolean' })).toBe('true');
  });
});
