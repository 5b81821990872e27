import { describe, expect, it } from 'vitest';
import { formatBytes, formatNumber } from './format';

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
