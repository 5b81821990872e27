import { useQueryClient } from '@tanstack/react-query';
import { elementScroll, observeElementOffset, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { SaveAsChartButton } from '@/features/charts';
import { focusRing } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { cn } from '@/lib/cn';
import { formatCell, formatNumber, NULL_TEXT, type FormatColumn } from '@/lib/format';
import { datasetKeys, ROWS_PAGE_SIZE, useDatasetRowPages } from '../hooks/use-datasets';
import type { Dataset, RowsPage } from '../types';
import { pagesFor, rowTop, scrollScale } from '../scroll-scale';

const ROW_HEIGHT = 32;
const HEADER_HEIGHT = 40;
/** Wait for scrolling to pause before asking for pages, so dragging the thumb across 3M rows does not fire 15,000 requests. */
const FETCH_DELAY_MS = 120;
/** More than the rows ever in view (viewport + overscan), so rows in view never share a key. */
const KEY_RING = 256;

// Partial: a column type this build does not know yet gets the default width.
const WIDTHS: Partial<Record<string, number>> = {
  integer: 120,
  decimal: 130,
  boolean: 96,
  date: 130,
  timestamp: 190,
  text: 200,
};
const NUMERIC: readonly string[] = ['integer', 'decimal'];

function widthOf(type: string): number {
  return WIDTHS[type] ?? 180;
}

/** Cells read like every other table: formatted by type, NULL one way. */
function show(value: unknown, column: FormatColumn): string {
  return formatCell(value, column);
}

type Sort = { column: string; descending: boolean } | null;

function nextSort(sort: Sort, column: string): Sort {
  if (sort?.column !== column) return { column, descending: false };
  return sort.descending ? null : { column, descending: true };
}

interface PreviewTabProps {
  projectId: string;
  dataset: Dataset;
}

/**
 * Every row of the live version, virtualised: only the rows in view exist in the DOM, pages of
 * 200 come from GET …/rows as they scroll into view, and a header click sorts on the server.
 */
/** The preview as SQL (a saved table chart of the dataset): its sort, the first 1,000 rows. */
function previewSql(table: string, sort: Sort): string {
  const name = (id: string) => `"${id.replaceAll('"', '""')}"`;
  const order = sort ? `\nORDER BY ${name(sort.column)} ${sort.descending ? 'DESC' : 'ASC'}` : '';
  return `SELECT *\nFROM ${name(table)}${order}\nLIMIT 1000`;
}

export function PreviewTab({ projectId, dataset }: PreviewTabProps) {
  const queryClient = useQueryClient();
  const scroller = useRef<HTMLDivElement>(null);
  const scrollTop = useRef(0);
  const [sort, setSort] = useState<Sort>(null);
  const sortParam = sort ? `${sort.descending ? '-' : ''}${sort.column}` : undefined;
  const total = dataset.rowCount ?? 0;
  const columns = dataset.columns;
  // Wide enough for the largest row number ("3,000,000") in the small font.
  const indexWidth = Math.max(56, formatNumber(total).length * 8 + 24);
  const template = `${indexWidth}px ${columns.map((c) => `${widthOf(c.type)}px`).join(' ')}`;
  const width = indexWidth + columns.reduce((sum, c) => sum + widthOf(c.type), 0);

  const [viewport, setViewport] = useState(480);
  const { bodyHeight, ratio } = scrollScale(total, ROW_HEIGHT, viewport, HEADER_HEIGHT);
  const ratioRef = useRef(ratio);
  ratioRef.current = ratio;

  const virtualizer = useVirtualizer({
    count: total,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialRect: { width: 800, height: 480 },
    // Report positions in row space: scrolled pixels times the ratio (see scroll-scale.ts).
    observeElementOffset: (instance, report) =>
      observeElementOffset(instance, (offset, isScrolling) => {
        scrollTop.current = offset;
        report(offset * ratioRef.current, isScrolling);
      }),
    scrollToFn: (offset, options, instance) =>
      elementScroll(offset / ratioRef.current, options, instance),
  });
  const items = virtualizer.getVirtualItems();
  const measured = virtualizer.scrollRect?.height;
  useEffect(() => {
    if (measured && measured !== viewport) setViewport(measured);
  }, [measured, viewport]);

  // Which pages are in view; fetched once scrolling pauses.
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? -1;
  const [wanted, setWanted] = useState<number[]>(() =>
    pagesFor(0, Math.min(total, ROWS_PAGE_SIZE) - 1, ROWS_PAGE_SIZE),
  );
  useEffect(() => {
    const timer = setTimeout(() => {
      const pages = pagesFor(first, last, ROWS_PAGE_SIZE);
      setWanted((current) => (current.join() === pages.join() ? current : pages));
    }, FETCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [first, last]);
  const pages = useDatasetRowPages(projectId, dataset.id, {
    version: dataset.version,
    sort: sortParam,
    pages: wanted,
  });

  function rowAt(index: number): unknown[] | undefined {
    const page = Math.floor(index / ROWS_PAGE_SIZE);
    const data =
      pages.byPage.get(page) ??
      queryClient.getQueryData<RowsPage>(
        datasetKeys.rows(projectId, dataset.id, {
          version: dataset.version,
          sort: sortParam,
          offset: page * ROWS_PAGE_SIZE,
          limit: ROWS_PAGE_SIZE,
        }),
      );
    return data?.rows[index - page * ROWS_PAGE_SIZE];
  }

  function sortBy(column: string) {
    setSort((current) => nextSort(current, column));
    if (scroller.current) scroller.current.scrollTop = 0;
  }

  if (total === 0)
    return <p className="text-sm text-slate-600 dark:text-slate-400">This dataset has no rows.</p>;
  const sortedColumn = sort ? columns.find((c) => c.name === sort.column) : undefined;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
          {formatNumber(total)} rows
          {sortedColumn
            ? `, sorted by ${sortedColumn.label} (${sort?.descending ? 'descending' : 'ascending'})`
            : ''}
          . Click a column heading to sort.
        </p>
        <SaveAsChartButton
          projectId={projectId}
          query={{ sql: previewSql(dataset.tableName, sort) }}
          visualization={{ type: 'table' }}
          defaultName={dataset.name}
        />
      </div>
      {pages.error ? <ErrorMessage title="Could not load rows" error={pages.error} /> : null}
      <div
        ref={scroller}
        // A scrolling region must take focus so keyboard users can scroll it (WCAG 2.1.1).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={0}
        aria-label={`Rows of ${dataset.name}`}
        role="region"
        className={cn(
          'relative h-[min(65vh,640px)] overflow-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900',
          focusRing,
        )}
      >
        <div
          role="table"
          aria-label={`Preview of ${dataset.name}`}
          aria-rowcount={total + 1}
          aria-colcount={columns.length + 1}
          style={{ width, minWidth: '100%' }}
        >
          <div role="rowgroup" className="sticky top-0 z-10">
            <div
              role="row"
              aria-rowindex={1}
              className="grid border-b border-slate-200 bg-slate-50 text-xs font-medium text-slate-600 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-300"
              style={{ gridTemplateColumns: template, height: HEADER_HEIGHT }}
            >
              <div
                role="columnheader"
                className="flex items-center justify-end px-3 text-slate-400"
              >
                <span className="sr-only">Row number</span>#
              </div>
              {columns.map((column) => {
                const active = sort?.column === column.name;
                const Icon = !active ? ArrowUpDown : sort.descending ? ArrowDown : ArrowUp;
                return (
                  <div
                    key={column.name}
                    role="columnheader"
                    aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}
                    className="flex min-w-0 items-center"
                  >
                    <button
                      type="button"
                      onClick={() => sortBy(column.name)}
                      title={`${column.label} (${column.name}, ${column.type})`}
                      className={cn(
                        'flex h-full w-full min-w-0 items-center gap-1 px-3 text-left hover:bg-slate-100 dark:hover:bg-slate-700',
                        NUMERIC.includes(column.type) && 'justify-end text-right',
                        focusRing,
                        active && 'text-brand-700 dark:text-white',
                      )}
                    >
                      <span className="truncate">{column.label}</span>
                      <Icon
                        className={cn('h-3.5 w-3.5 shrink-0', !active && 'opacity-40')}
                        aria-hidden="true"
                      />
                    </button>
                  </div>
                );
              })}
            </div>
          </div>
          <div role="rowgroup" className="relative" style={{ height: bodyHeight }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              return (
                <div
                  // Keys from a ring of slots: a long jump (dragging the thumb past thousands of
                  // rows) reuses the row elements instead of removing and creating them all.
                  key={item.index % KEY_RING}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className="absolute left-0 top-0 grid w-full border-b border-slate-100 text-sm dark:border-slate-800"
                  style={{
                    gridTemplateColumns: template,
                    height: ROW_HEIGHT,
                    transform: `translateY(${rowTop(item.start, scrollTop.current, ratio)}px)`,
                  }}
                >
                  <div
                    role="cell"
                    className="truncate px-3 text-right text-xs leading-8 tabular-nums text-slate-400"
                  >
                    {formatNumber(item.index + 1)}
                  </div>
                  {columns.map((column, c) => {
                    const value = row?.[c];
                    return (
                      <div
                        key={column.name}
                        role="cell"
                        className={cn(
                          'truncate px-3 leading-8',
                          NUMERIC.includes(column.type) && 'text-right tabular-nums',
                        )}
                        title={row && value !== null ? show(value, column) : undefined}
                      >
                        {!row ? (
                          <span
                            aria-hidden="true"
                            className="inline-block h-3 w-3/4 rounded bg-slate-100 motion-safe:animate-pulse dark:bg-slate-800"
                          />
                        ) : value === null || value === undefined ? (
                          <span className="italic text-slate-400">{NULL_TEXT}</span>
                        ) : (
                          show(value, column)
                        )}
                      </div>
                    );
                  })}
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
