import { describe, expect, it } from 'vitest';
import { lttb } from './lttb';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('lttb', () => {
  it('keeps every point when there are no more than the threshold', () => {
    expect(lttb([0, 1, 2], [5, 6, 7], 10)).toEqual([0, 1, 2]);
  });

  it('keeps exactly the threshold, the first and the last point, in order', () => {
    const xs = range(1000);
    const kept = lttb(
      xs,
      xs.map((x) => Math.sin(x / 20)),
      100,
    );
    expect(kept).toHaveLength(100);
    expect(kept[0]).toBe(0);
    expect(kept[99]).toBe(999);
    expect([...kept].sort((a, b) => a - b)).toEqual(kept);
    expect(new Set(kept).size).toBe(100);
  });

  it('keeps a single spike that averaging would flatten', () => {
    const xs = range(500);
    const ys = xs.map((x) => (x === 257 ? 1000 : 1));
    expect(lttb(xs, ys, 20)).toContain(257);
  });

  it('never keeps a point without a value', () => {
    const xs = range(50);
    const ys = xs.map((x) => (x % 5 === 0 ? null : x));
    const kept = lttb(xs, ys, 10);
    expect(kept.every((i) => ys[i] !== null)).toBe(true);
    expect(kept).toHaveLength(10);
  });
});
