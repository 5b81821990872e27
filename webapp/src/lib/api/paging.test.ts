import { describe, expect, it, vi } from 'vitest';
import { allItems, MAX_PAGES, PAGE_LIMIT, type PageQuery } from './paging';

describe('allItems', () => {
  it('walks the pages with the cursor of the previous one until next is null', async () => {
    const pages: Record<string, { items: number[]; next: string | null }> = {
      first: { items: [1, 2], next: 'c1.a' },
      'c1.a': { items: [3], next: 'c1.b' },
      'c1.b': { items: [4], next: null },
    };
    const fetchPage = vi.fn((q: PageQuery) =>
      Promise.resolve(pages[q.cursor ?? 'first'] ?? { items: [], next: null }),
    );
    await expect(allItems(fetchPage)).resolves.toEqual([1, 2, 3, 4]);
    expect(fetchPage.mock.calls.map((c) => c[0])).toEqual([
      { limit: PAGE_LIMIT },
      { limit: PAGE_LIMIT, cursor: 'c1.a' },
      { limit: PAGE_LIMIT, cursor: 'c1.b' },
    ]);
  });

  it('asks once for a list of one page', async () => {
    const fetchPage = vi.fn(() => Promise.resolve({ items: ['a'], next: null }));
    await expect(allItems(fetchPage)).resolves.toEqual(['a']);
    expect(fetchPage).toHaveBeenCalledTimes(1);
  });

  it('stops with an error instead of looping forever on a cursor that never ends', async () => {
    const fetchPage = vi.fn(() => Promise.resolve({ items: [0], next: 'again' }));
    await expect(allItems(fetchPage)).rejects.toThrow(/more than/);
    expect(fetchPage).toHaveBeenCalledTimes(MAX_PAGES);
  });
});
