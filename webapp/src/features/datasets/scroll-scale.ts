/**
 * Browsers cap an element's height (Chrome ~33.5M px, Firefox ~17.9M px), so 3 million rows of
 * 32 px (96M px) cannot simply be laid out. Past MAX_BODY_HEIGHT the scrollable body is capped
 * and one pixel of scrolling moves `ratio` pixels through the rows. Pure, so it is unit-tested.
 */
export const MAX_BODY_HEIGHT = 8_000_000;

export interface ScrollScale {
  /** Height of the scrollable body, in px. */
  bodyHeight: number;
  /** Row pixels per scrolled pixel (1 when nothing is capped). */
  ratio: number;
}

/**
 * `header` is the sticky header inside the scroller, `viewport` the scroller's height. The ratio
 * is chosen so the first row shows at scrollTop 0 and the last row ends the body at the bottom.
 */
export function scrollScale(
  rows: number,
  rowHeight: number,
  viewport: number,
  header: number,
  max = MAX_BODY_HEIGHT,
): ScrollScale {
  const real = rows * rowHeight;
  if (real <= max) return { bodyHeight: real, ratio: 1 };
  const maxScroll = Math.max(1, header + max - viewport);
  return { bodyHeight: max, ratio: 1 + (real - max) / maxScroll };
}

/** Where a row's top goes inside the capped body, given the scroller's real scrollTop. */
export function rowTop(realStart: number, scrollTop: number, ratio: number): number {
  return realStart - scrollTop * (ratio - 1);
}

/** The pages (of `pageSize` rows) that hold rows first..last, inclusive. */
export function pagesFor(first: number, last: number, pageSize: number): number[] {
  if (last < first) return [];
  const pages: number[] = [];
  for (let page = Math.floor(first / pageSize); page <= Math.floor(last / pageSize); page++)
    pages.push(page);
  return pages;
}
