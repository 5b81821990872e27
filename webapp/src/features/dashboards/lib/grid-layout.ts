/**
 * Pure layout logic for the dashboard grid: the dashboard document keeps each widget's place
 * (`x`, `y`, `w`, `h` in grid cells), react-grid-layout works on its own `Layout` items (`i` for
 * the id). These helpers translate between the two, find where a new widget goes, and stack the
 * widgets into one column on narrow screens. No React here, so every rule is unit-tested.
 */
import type { DashboardWidget } from '@/lib/api/dashboards';

/** A widget's place on the grid, in cells (the document's shape). */
export interface GridPlace {
  id: string;
  x: number;
  y: number;
  w: number;
  h: number;
}

/** One react-grid-layout item (the fields of its `LayoutItem` we use). */
export interface LayoutItem {
  i: string;
  x: number;
  y: number;
  w: number;
  h: number;
  minW?: number;
  minH?: number;
  static?: boolean;
}

/** Below this width (px) the grid is a tablet's or a phone's: widgets stack in one column. */
export const STACK_BELOW_PX = 768;
/** The grid's columns unless the dashboard says otherwise. */
export const DEFAULT_COLUMNS = 12;
/** The smallest widget, in cells: a KPI or a line of text still fits. */
export const MIN_W = 2;
export const MIN_H = 2;
/** The size a newly added widget gets. */
export const NEW_CHART_SIZE = { w: 6, h: 4 } as const;
export const NEW_TEXT_SIZE = { w: 4, h: 2 } as const;

export function isStacked(widthPx: number): boolean {
  return widthPx > 0 && widthPx < STACK_BELOW_PX;
}

const clampInt = (value: number, min: number, max: number) =>
  Math.min(max, Math.max(min, Math.round(Number.isFinite(value) ? value : min)));

/** A place made to fit a grid of `columns`: whole cells, at least the minimum size, inside the grid. */
export function fitPlace<T extends GridPlace>(place: T, columns: number): T {
  const w = clampInt(place.w, Math.min(MIN_W, columns), columns);
  const h = clampInt(place.h, MIN_H, 1000);
  const x = clampInt(place.x, 0, columns - w);
  const y = clampInt(place.y, 0, 100_000);
  return place.x === x && place.y === y && place.w === w && place.h === h
    ? place
    : { ...place, x, y, w, h };
}

/** The document's widgets as react-grid-layout's layout, each fitted to the grid. */
export function toLayout(widgets: readonly GridPlace[], columns: number): LayoutItem[] {
  return widgets.map((widget) => {
    const { x, y, w, h } = fitPlace(widget, columns);
    return { i: widget.id, x, y, w, h, minW: Math.min(MIN_W, columns), minH: MIN_H };
  });
}

/**
 * The widgets with the places of `layout` (after a drag or a resize). Returns the same array when
 * nothing moved, so a click that does not move anything adds no undo step.
 */
export function fromLayout<T extends GridPlace>(
  widgets: readonly T[],
  layout: readonly LayoutItem[],
): readonly T[] {
  const byId = new Map(layout.map((item) => [item.i, item]));
  const next = widgets.map((widget) => {
    const item = byId.get(widget.id);
    if (
      !item ||
      (item.x === widget.x && item.y === widget.y && item.w === widget.w && item.h === widget.h)
    )
      return widget;
    return { ...widget, x: item.x, y: item.y, w: item.w, h: item.h };
  });
  return next.some((widget, i) => widget !== widgets[i]) ? next : widgets;
}

export function overlaps(a: Omit<GridPlace, 'id'>, b: Omit<GridPlace, 'id'>): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** The first row below every widget. */
export function bottom(widgets: readonly GridPlace[]): number {
  return widgets.reduce((max, w) => Math.max(max, w.y + w.h), 0);
}

/**
 * Where a new widget of `size` goes: the first free place reading the grid row by row, left to
 * right (a gap left by a removed widget is filled), else below everything.
 */
export function firstFreeSlot(
  widgets: readonly GridPlace[],
  size: { w: number; h: number },
  columns: number,
): { x: number; y: number } {
  const w = Math.min(Math.max(1, size.w), columns);
  const h = Math.max(1, size.h);
  const end = bottom(widgets);
  for (let y = 0; y + h <= end; y++) {
    for (let x = 0; x + w <= columns; x++) {
      const candidate = { x, y, w, h };
      if (!widgets.some((other) => overlaps(candidate, other))) return { x, y };
    }
  }
  return { x: 0, y: end };
}

/**
 * The layout on a narrow screen: one column, in reading order of the wide layout (top to bottom,
 * then left to right), each widget keeping its height. Static: nothing is dragged on a tablet.
 */
export function stackedLayout(widgets: readonly GridPlace[]): LayoutItem[] {
  const ordered = [...widgets].sort((a, b) => a.y - b.y || a.x - b.x);
  let y = 0;
  return ordered.map((widget) => {
    const item = { i: widget.id, x: 0, y, w: 1, h: Math.max(MIN_H, widget.h), static: true };
    y += item.h;
    return item;
  });
}

/** A widget id not used yet: `w1`, `w2`, … after the highest number in use. */
export function nextWidgetId(widgets: readonly { id: string }[]): string {
  const highest = widgets.reduce((max, { id }) => {
    const match = /^w(\d+)$/.exec(id);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return `w${highest + 1}`;
}

/**
 * The widgets with `widget` added at the first free slot of its size, under the next free id
 * (`w<n>`); cross-filters reach it unless it says otherwise.
 */
export function withWidget(
  widgets: readonly DashboardWidget[],
  widget: Omit<DashboardWidget, 'id' | 'x' | 'y' | 'ignoreCrossFilters'> &
    Partial<Pick<DashboardWidget, 'ignoreCrossFilters'>>,
  columns: number,
): DashboardWidget[] {
  const slot = firstFreeSlot(widgets, widget, columns);
  return [...widgets, { ignoreCrossFilters: false, ...widget, id: nextWidgetId(widgets), ...slot }];
}
