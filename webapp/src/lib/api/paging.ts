/** The page parameters every list of the API takes. */
export interface PageQuery {
  limit: number;
  cursor?: string;
}

/** What allItems needs of a page: its items and the cursor of the next one (null on the last). */
export interface PageOf<T> {
  items: T[];
  next?: string | null;
}

/** Items per request while walking a list: the API's maximum page. */
export const PAGE_LIMIT = 500;

/** Walking stops with an error after this many pages rather than looping on a server bug. */
export const MAX_PAGES = 200;

/**
 * Every item of a paged list, for screens that need the whole list (pickers, sidebars): asks for
 * pages of PAGE_LIMIT, each with the previous page's `next`, until `next` is null.
 */
export async function allItems<T>(
  fetchPage: (query: PageQuery) => Promise<PageOf<T>>,
): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < MAX_PAGES; pages++) {
    const page = await fetchPage(
      cursor === undefined ? { limit: PAGE_LIMIT } : { limit: PAGE_LIMIT, cursor },
    );
    items.push(...page.items);
    if (page.next == null) return items;
    cursor = page.next;
  }
  throw new Error(`the list has more than ${MAX_PAGES * PAGE_LIMIT} items`);
}
