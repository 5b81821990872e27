import { describe, expect, it } from 'vitest';
import { pagesFor, rowTop, scrollScale } from './scroll-scale';

describe('scrollScale', () => {
  it('leaves small tables alone', () => {
    expect(scrollScale(1000, 32, 480, 40)).toEqual({ bodyHeight: 32_000, ratio: 1 });
  });

  it('caps 3 million rows and still reaches the first and the last row', () => {
    const rowHeight = 32;
    const rows = 3_000_000;
    const viewport = 600;
    const header = 40;
    const { bodyHeight, ratio } = scrollScale(rows, rowHeight, viewport, header);
    expect(bodyHeight).toBe(8_000_000);
    expect(ratio).toBeGreaterThan(11);
    // At the top the first row sits at the top of the body.
    expect(rowTop(0, 0, ratio)).toBe(0);
    // At the bottom the last row's end meets the end of the body.
    const maxScrollTop = header + bodyHeight - viewport;
    const lastEnd = rowTop((rows - 1) * rowHeight, maxScrollTop, ratio) + rowHeight;
    expect(lastEnd).toBeCloseTo(bodyHeight, 3);
  });
});

describe('pagesFor', () => {
  it('lists the pages that hold a range of rows', () => {
    expect(pagesFor(0, 30, 200)).toEqual([0]);
    expect(pagesFor(190, 410, 200)).toEqual([0, 1, 2]);
    expect(pagesFor(5, 4, 200)).toEqual([]);
  });
});
