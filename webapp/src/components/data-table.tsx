import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { useMemo, useState } from 'react';
import { cn } from '@/lib/cn';
import { compareCells, formatCell, isNumericType, type ValueFormat } from '@/lib/format';

export interface DataTableColumn {
  name?: string;
  type?: string;
  label?: string | null;
  format?: ValueFormat | null;
}

/** Colours a cell when its number passes a test (the first rule that matches wins). */
export interface CellColorRule {
  column: string;
  operator: 'gt' | 'gte' | 'lt' | 'lte' | 'eq';
  value: number;
  color: 'green' | 'red' | 'amber' | 'blue';
}

interface DataTableProps {
  /** The table's accessible name. */
  label: string;
  columns: readonly DataTableColumn[];
  rows: readonly (readonly unknown[])[];
  className?: string;
  /** Headers sort the rows in the browser (default on). */
  sortable?: boolean;
  colorRules?: readonly CellColorRule[] | null;
  /** Makes each row's first cell a button (a dashboard table cross-filters by the row). */
  onRowClick?: (row: readonly unknown[]) => void;
}

type Sort = { index: number; descending: boolean } | null;

const TONES: Record<CellColorRule['color'], string> = {
  green: 'bg-emerald-100 text-emerald-900 dark:bg-emerald-900/50 dark:text-emerald-100',
  red: 'bg-red-100 text-red-900 dark:bg-red-900/50 dark:text-red-100',
  amber: 'bg-amber-100 text-amber-900 dark:bg-amber-900/50 dark:text-amber-100',
  blue: 'bg-blue-100 text-blue-900 dark:bg-blue-900/50 dark:text-blue-100',
};

function matches(rule: CellColorRule, value: unknown): boolean {
  const n = typeof value === 'number' ? value : Number(value);
  if (value === null || value === '' || !Number.isFinite(n)) return false;
  switch (rule.operator) {
    case 'gt':
      return n > rule.value;
    case 'gte':
      return n >= rule.value;
    case 'lt':
      return n < rule.value;
    case 'lte':
      return n <= rule.value;
    case 'eq':
      return n === rule.value;
  }
}

function nextSort(sort: Sort, index: number): Sort {
  if (sort?.index !== index) return { index, descending: false };
  return sort.descending ? null : { index, descending: true };
}

/**
 * A plain, scrollable result table (for query results, not for millions of rows): numbers and
 * dates formatted by type or model format, NULL shown one way, headers that sort.
 */
export function DataTable({
  label,
  columns,
  rows,
  className,
  sortable = true,
  colorRules,
  onRowClick,
}: DataTableProps) {
  const [sort, setSort] = useState<Sort>(null);
  const sorted = useMemo(() => {
    if (!sort) return rows;
    const type = columns[sort.index]?.type;
    const direction = sort.descending ? -1 : 1;
    return [...rows].sort((a, b) => {
      const left = a[sort.index];
      const right = b[sort.index];
      // NULLs stay last in both directions.
      if (left === null || left === undefined || right === null || right === undefined)
        return compareCells(left, right, type);
      return compareCells(left, right, type) * direction;
    });
  }, [rows, columns, sort]);

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
              const active = sort?.index === index;
              const Icon = active ? (sort.descending ? ArrowDown : ArrowUp) : ArrowUpDown;
              const title = column.label || column.name;
              const content = (
                <>
                  {title}
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
                  aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : undefined}
                  className={cn(
                    'whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left font-medium dark:border-slate-700',
                    isNumericType(column.type) && 'text-right',
                  )}
                >
                  {sortable ? (
                    <button
                      type="button"
                      onClick={() => setSort((current) => nextSort(current, index))}
                      className="inline-flex items-center gap-1 rounded hover:text-brand-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500"
                    >
                      {content}
                      <Icon className="h-3.5 w-3.5 opacity-60" aria-hidden="true" />
                    </button>
                  ) : (
                    content
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.map((row, rowIndex) => (
            <tr
              key={rowIndex}
              className="odd:bg-white even:bg-slate-50/60 dark:odd:bg-slate-900 dark:even:bg-slate-800/40"
            >
              {columns.map((column, index) => {
                const value = row[index];
                const rule = colorRules?.find((r) => r.column === column.name && matches(r, value));
                return (
                  <td
                    key={index}
                    className={cn(
                      'whitespace-nowrap border-b border-slate-100 px-3 py-1.5 dark:border-slate-800',
                      isNumericType(column.type) && 'text-right tabular-nums',
                      (value === null || value === undefined) && 'italic text-slate-400',
                      rule && TONES[rule.color],
                    )}
                  >
                    {onRowClick && index === 0 ? (
                      <button
                        type="button"
                        onClick={() => onRowClick(row)}
                        className="rounded text-left underline decoration-dotted underline-offset-2 hover:text-brand-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500"
                      >
                        {formatCell(value, column)}
                      </button>
                    ) : (
                      formatCell(value, column)
                    )}
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
