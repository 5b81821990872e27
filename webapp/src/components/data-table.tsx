import { cn } from '@/lib/cn';
import { cellText } from '@/lib/format';

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
}

const numericTypes =
  /^(integer|decimal|bigint|int\d?|numeric|double precision|real|smallint|float\d?)$/i;

function formatCell(value: unknown): string {
  return cellText(value);
}

/** A plain, scrollable result table (for query results, not for millions of rows). */
export function DataTable({ label, columns, rows, className }: DataTableProps) {
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
            {columns.map((column, index) => (
              <th
                key={`${column.name ?? ''}-${index}`}
                scope="col"
                className="whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left font-medium dark:border-slate-700"
              >
                {column.name}
                {column.type && (
                  <span className="ml-1 text-xs font-normal text-slate-500 dark:text-slate-400">
                    {column.type}
                  </span>
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, rowIndex) => (
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
