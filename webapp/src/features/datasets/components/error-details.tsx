import { AlertCircle } from 'lucide-react';
import { forwardRef } from 'react';
import { cn } from '@/lib/cn';
import { formatNumber } from '@/lib/format';
import type { ConversionFailure } from '../types';

function failuresOf(details: Record<string, unknown>): ConversionFailure[] {
  const list = details.failures;
  return Array.isArray(list)
    ? list.filter((item): item is ConversionFailure => typeof item === 'object' && item !== null)
    : [];
}

interface LoadErrorProps {
  title?: string;
  /** The server's message, shown as written. */
  message: string;
  details?: Record<string, unknown>;
  className?: string;
}

/**
 * A refused file or load: the server's message in its words, then what its details add — the
 * line, the values that do not convert, the sheets a workbook has.
 */
export const LoadError = forwardRef<HTMLDivElement, LoadErrorProps>(function LoadError(
  { title, message, details = {}, className },
  ref,
) {
  const failures = failuresOf(details);
  const line = typeof details.line === 'number' ? details.line : null;
  const sheets = Array.isArray(details.sheets)
    ? details.sheets.filter((s): s is string => typeof s === 'string')
    : [];
  const count = typeof details.count === 'number' ? details.count : failures.length;
  return (
    <div
      ref={ref}
      role="alert"
      tabIndex={-1}
      className={cn(
        'rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 focus:outline-none dark:border-red-900 dark:bg-red-950/50 dark:text-red-200',
        className,
      )}
    >
      <div className="flex items-start gap-2">
        <AlertCircle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
        <div className="min-w-0 flex-1">
          {title && <p className="font-medium">{title}</p>}
          <p className="break-words">{message}</p>
          {line !== null && failures.length === 0 && (
            <p className="mt-1 font-medium">Line {formatNumber(line)}</p>
          )}
          {sheets.length > 0 && (
            <p className="mt-1">Sheets in this workbook: {sheets.join(', ')}</p>
          )}
        </div>
      </div>
      {failures.length > 0 && (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-xs">
            <caption className="mb-1 text-left font-medium">
              {count > failures.length
                ? `First ${formatNumber(failures.length)} of ${formatNumber(count)} values that do not convert`
                : 'Values that do not convert'}
            </caption>
            <thead>
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Line
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Column
                </th>
                <th scope="col" className="py-1 pr-3 font-medium">
                  Value
                </th>
                <th scope="col" className="py-1 font-medium">
                  Expected
                </th>
              </tr>
            </thead>
            <tbody>
              {failures.map((failure, index) => (
                <tr
                  key={`${failure.line ?? ''}-${failure.column ?? ''}-${index}`}
                  className="border-t border-red-200 dark:border-red-900"
                >
                  <td className="py-1 pr-3 tabular-nums">{failure.line ?? ''}</td>
                  <td className="py-1 pr-3 font-mono">{failure.column ?? ''}</td>
                  <td className="py-1 pr-3 font-mono">
                    {failure.value === undefined || failure.value === null
                      ? '(empty)'
                      : `“${failure.value}”`}
                  </td>
                  <td className="py-1">{failure.type ?? ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
});
