import { formatCell, NULL_TEXT } from '@/lib/format';
import type { PivotSpec } from './types';

const cell = 'whitespace-nowrap border-b border-slate-100 px-3 py-1.5 dark:border-slate-800';
const head =
  'whitespace-nowrap border-b border-slate-200 px-3 py-2 text-left font-medium dark:border-slate-700';

/** Rows × columns × measure, with row, column and grand totals when the measure adds up. */
export function PivotTable({ label, pivot }: { label: string; pivot: PivotSpec }) {
  const show = (value: number | null) =>
    value === null ? NULL_TEXT : formatCell(value, { ...pivot.measure, type: 'decimal' });
  const totals = pivot.rowTotals !== null;
  return (
    <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200 dark:border-slate-700">
      <table aria-label={label} className="min-w-full border-collapse text-sm">
        <caption className="sr-only">
          {pivot.measure.label || pivot.measure.name} by {pivot.rowLabel} and {pivot.columnLabel}
        </caption>
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-800">
          <tr>
            <th scope="col" className={head}>
              {pivot.rowLabel} \ {pivot.columnLabel}
            </th>
            {pivot.columnKeys.map((key, i) => (
              <th key={i} scope="col" className={`${head} text-right`}>
                {key}
              </th>
            ))}
            {totals && (
              <th scope="col" className={`${head} text-right`}>
                Total
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {pivot.rowKeys.map((key, r) => (
            <tr key={r}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {key}
              </th>
              {pivot.columnKeys.map((_, c) => {
                const value = pivot.cells[r]?.[c] ?? null;
                return (
                  <td
                    key={c}
                    className={`${cell} text-right tabular-nums ${value === null ? 'italic text-slate-400' : ''}`}
                  >
                    {show(value)}
                  </td>
                );
              })}
              {totals && (
                <td className={`${cell} text-right font-medium tabular-nums`}>
                  {show(pivot.rowTotals?.[r] ?? null)}
                </td>
              )}
            </tr>
          ))}
        </tbody>
        {totals && (
          <tfoot>
            <tr className="bg-slate-50 dark:bg-slate-800">
              <th scope="row" className={`${cell} text-left font-medium`}>
                Total
              </th>
              {pivot.columnKeys.map((_, c) => (
                <td key={c} className={`${cell} text-right font-medium tabular-nums`}>
                  {show(pivot.columnTotals?.[c] ?? null)}
                </td>
              ))}
              <td className={`${cell} text-right font-semibold tabular-nums`}>
                {show(pivot.grandTotal)}
              </td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}
