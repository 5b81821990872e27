import { Button } from '@/components/button';
import { formatDateTime } from '@/lib/format';
import { HISTORY_SIZE, type HistoryEntry } from '../workspace-store';

interface QueryHistoryProps {
  entries: readonly HistoryEntry[];
  /** An entry was picked: the page puts its SQL into the current tab. */
  onPick: (sql: string) => void;
  onClear: () => void;
}

/** The project's last 50 queries, newest first; a click puts one back into the editor. */
export function QueryHistory({ entries, onPick, onClear }: QueryHistoryProps) {
  return (
    <section
      aria-label="Query history"
      className="rounded-md border border-slate-200 p-2 text-sm dark:border-slate-700"
    >
      <div className="mb-1 flex items-center justify-between gap-2">
        <h2 className="font-medium">Last {HISTORY_SIZE} queries</h2>
        {entries.length > 0 && (
          <Button variant="secondary" size="sm" onClick={onClear}>
            Clear
          </Button>
        )}
      </div>
      {entries.length === 0 ? (
        <p className="text-slate-500 dark:text-slate-400">Queries you run appear here.</p>
      ) : (
        <ol className="max-h-64 space-y-0.5 overflow-auto">
          {entries.map((entry) => (
            <li key={`${entry.at}-${entry.sql}`}>
              <button
                type="button"
                onClick={() => onPick(entry.sql)}
                className="flex w-full items-baseline gap-3 rounded px-1 py-0.5 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
              >
                <span className="min-w-0 flex-1 truncate font-mono text-xs">{entry.sql}</span>
                <time dateTime={entry.at} className="shrink-0 text-xs text-slate-500">
                  {formatDateTime(entry.at)}
                </time>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
