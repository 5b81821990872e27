import { describe, expect, it } from 'vitest';
import {
  firstFreeSlot,
  fitPlace,
  fromLayout,
  isStacked,
  nextWidgetId,
  overlaps,
  stackedLayout,
  toLayout,
  withWidget,
  type GridPlace,
} from './grid-layout';

const a: GridPlace = { id: 'w1', x: 0, y: 0, w: 6, h: 4 };
const b: GridPlace = { id: 'w2', x: 6, y: 0, w: 6, h: 2 };
const c: GridPlace = { id: 'w3', x: 0, y: 4, w: 12, h: 3 };

describe('toLayout / fromLayout', () => {
  it('maps widgets to layout items and back without loss', () => {
    const layout = toLayout([a, b], 12);
    expect(layout).toEqual([
      { i: 'w1', x: 0, y: 0, w: 6, h: 4, minW: 2, minH: 2 },
      { i: 'w2', x: 6, y: 0, w: 6, h: 2, minW: 2, minH: 2 },
    ]);
    const widgets = [a, b];
    expect(fromLayout(widgets, layout)).toBe(widgets);
  });

  it('fits a widget that is wider than the grid or sticks out of it', () => {
    expect(toLayout([{ id: 'w9', x: 10, y: -1, w: 20, h: 0.4 }], 12)[0]).toMatchObject({
      x: 0,
      y: 0,
      w: 12,
      h: 2,
    });
    expect(fitPlace({ id: 'w9', x: 10, y: 0, w: 4, h: 2 }, 12)).toMatchObject({ x: 8, w: 4 });
  });

  it('returns the moved widgets, keeping their other fields', () => {
    const text = { ...b, type: 'text', markdown: '## Notes' };
    const moved = fromLayout(
      [a, text],
      [
        { i: 'w1', x: 0, y: 0, w: 6, h: 4 },
        { i: 'w2', x: 0, y: 4, w: 8, h: 3 },
      ],
    );
    expect(moved[0]).toBe(a);
    expect(moved[1]).toEqual({ ...text, x: 0, y: 4, w: 8, h: 3 });
  });
});

describe('firstFreeSlot', () => {
  it('puts the first widget top left', () => {
    expect(firstFreeSlot([], { w: 6, h: 4 }, 12)).toEqual({ x: 0, y: 0 });
  });

  it('fills the gap beside a short widget before going below', () => {
    // w2 is 2 high beside w1 (4 high): a 6×2 widget fits under w2, at (6, 2).
    expect(firstFreeSlot([a, b], { w: 6, h: 2 }, 12)).toEqual({ x: 6, y: 2 });
  });

  it('goes below everything when no gap is big enough', () => {
    expect(firstFreeSlot([a, b, c], { w: 6, h: 4 }, 12)).toEqual({ x: 0, y: 7 });
  });

  it('never returns a place that overlaps a widget', () => {
    const widgets = [a, b, c, { id: 'w4', x: 3, y: 7, w: 2, h: 2 }];
    for (const size of [
      { w: 1, h: 1 },
      { w: 4, h: 2 },
      { w: 12, h: 5 },
      { w: 30, h: 1 },
    ]) {
      const slot = firstFreeSlot(widgets, size, 12);
      const place = { ...slot, w: Math.min(size.w, 12), h: size.h };
      expect(widgets.some((w) => overlaps(place, w))).toBe(false);
      expect(place.x + place.w).toBeLessThanOrEqual(12);
    }
  });
});

describe('stacking at tablet width', () => {
  it('stacks below 768 px only', () => {
    expect(isStacked(767)).toBe(true);
    expect(isStacked(768)).toBe(false);
    expect(isStacked(0)).toBe(false); // not measured yet
  });

  it('stacks in reading order, one column, keeping heights', () => {
    const right = { id: 'w5', x: 6, y: 4, w: 6, h: 2 };
    expect(stackedLayout([c, right, b, a])).toEqual([
      { i: 'w1', x: 0, y: 0, w: 1, h: 4, static: true },
      { i: 'w2', x: 0, y: 4, w: 1, h: 2, static: true },
      { i: 'w3', x: 0, y: 6, w: 1, h: 3, static: true },
      { i: 'w5', x: 0, y: 9, w: 1, h: 2, static: true },
    ]);
  });
});

describe('nextWidgetId', () => {
  it('numbers after the highest id in use', () => {
    expect(nextWidgetId([])).toBe('w1');
    expect(nextWidgetId([{ id: 'w2' }, { id: 'w10' }, { id: 'notes' }])).toBe('w11');
  });
});

describe('withWidget', () => {
  it('adds a widget at the first free slot under the next id, reached by cross-filters', () => {
    const widgets = [
      { ...a, type: 'chart' as const, chartId: 'c1', ignoreCrossFilters: false },
      { ...b, type: 'text' as const, markdown: '#', ignoreCrossFilters: false },
    ];
    // The gap beside a, under b, fits a widget two rows high.
    const next = withWidget(widgets, { type: 'chart', chartId: 'c9', w: 6, h: 2 }, 12);
    expect(next).toHaveLength(3);
    expect(next.slice(0, 2)).toEqual(widgets);
    expect(next[2]).toEqual({
      id: 'w3',
      type: 'chart',
      chartId: 'c9',
      x: 6,
      y: 2,
      w: 6,
      h: 2,
      ignoreCrossFilters: false,
    });
    expect(withWidget(next, { type: 'chart', chartId: 'c9', w: 6, h: 4 }, 12)[3]).toMatchObject({
      id: 'w4',
      x: 0,
      y: 4,
    });
  });
});
