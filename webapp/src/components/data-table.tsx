import { ArrowDown, ArrowUp } from 'lucide-react';
import { useMemo, useState } from 'react';
import { cn } from '@/lib/cn';
import { cellText } from '@/lib/format';
import { nextSort, sortRows, type RowSort } from '@/lib/sort-rows';
import { focusRing } from './button';

export interface DataTableColumn {
  name?: string;
  type?: string;
}

interface DataTableProps {
  /** The table's accessible name. */
  label: string;
  columns: readonly DataTableColumn[];
  rows: readonly (readonly unknown[])[];
  className?: string;
  /** Headers become buttons that sort the rows (in the browser: the rows given). */
  sortable?: boolean;
}

const numericTypes =
  /^(integer|decimal|bigint|int\d?|numeric|double precision|real|smallint|float\d?)$/i;

function formatCell(value: unknown): string {
  return cellText(value);
}

/** A plain, scrollable result table (for query results, not for millions of rows). */
export function DataTable({ label, columns, rows, className, sortable = false }: DataTableProps) {
  const [sort, setSort] = useState<RowSort | null>(null);
  // A new result (other columns) starts unsorted.
  const [sortedFor, setSortedFor] = useState(columns);
  if (sortedFor !== columns) {
    setSortedFor(columns);
    setSort(null);
  }
  const shown = useMemo(() => (sortable ? sortRows(rows, sort) : rows), [rows, sort, sortable]);
  return (
    <div
      className={cn(
        'max-h-[28rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-700',
        className,
      )}
    >
      <table aria-label={label} className="min-w-full border-collapse text-sm">
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-800">
          <tr>
            {columns.map((column, index) => {
              const direction = sort?.column === index ? sort.direction : undefined;
              const Arrow = direction === 'descending' ? ArrowDown : ArrowUp;
              const heading = (
                <>
                  {column.name}
                  {column.type && (
                    <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">
                      {column.type}
                    </span>
                  )}
                </>
              );
              return (
                <th
                  key={`${column.name ?? ''}-${index}`}
                  scope="col"
                  aria-sort={sortable ? (direction ?? 'none') : undefined}
                  className="whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left font-medium dark:border-slate-700"
                >
                  {sortable ? (
                    <button
                      type="button"
                      onClick={() => setSort((current) => nextSort(current, index))}
                      className={cn(
                        'inline-flex items-center gap-1 rounded hover:text-brand-600',
                        focusRing,
                      )}
                    >
                      {heading}
                      <Arrow
                        className={cn('h-3.5 w-3.5', direction ? 'opacity-100' : 'opacity-0')}
                        aria-hidden="true"
                      />
                    </button>
                  ) : (
                    heading
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {shown.map((row, rowIndex) => (
            <tr
              key={rowIndex}
              className="odd:bg-white even:bg-slate-50/60 dark:odd:bg-slate-900 dark:even:bg-slate-800/40"
            >
              {columns.map((column, index) => {
                const value = row[index];
                return (
                  <td
                    key={index}
                    className={cn(
                      'whitespace-nowrap border-b border-slate-100 px-3 py-1.5 dark:border-slate-800',
                      numericTypes.test(column.type ?? '') && 'text-right tabular-nums',
                      (value === null || value === undefined) && 'italic text-slate-400',
                    )}
                  >
                    {formatCell(value)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
