import { ChevronDown, ChevronRight, Table2 } from 'lucide-react';
import { useState } from 'react';
import type { Dataset } from '@/features/datasets';
import { sqlName } from '../sql-name';

interface SchemaBrowserProps {
  datasets: readonly Dataset[];
  /** A table or column name was picked: the page puts it into the editor. */
  onPick: (name: string) => void;
}

/** The project's tables and their columns with types; a click puts the name into the editor. */
export function SchemaBrowser({ datasets, onPick }: SchemaBrowserProps) {
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const ready = datasets.filter((dataset) => dataset.columns.length > 0);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  return (
    <nav aria-label="Tables" className="space-y-1 text-sm">
      <h2 className="text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        Tables
      </h2>
      {ready.length === 0 && (
        <p className="text-slate-500 dark:text-slate-400">No loaded datasets yet.</p>
      )}
      <ul className="space-y-0.5">
        {ready.map((dataset) => {
          const expanded = open.has(dataset.id);
          const Chevron = expanded ? ChevronDown : ChevronRight;
          return (
            <li key={dataset.id}>
              <div className="flex items-center gap-1">
                <button
                  type="button"
                  aria-expanded={expanded}
                  aria-label={`${expanded ? 'Hide' : 'Show'} the columns of ${dataset.tableName}`}
                  onClick={() => toggle(dataset.id)}
                  className="rounded p-0.5 hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <Chevron className="h-3.5 w-3.5" aria-hidden="true" />
                </button>
                <button
                  type="button"
                  title={`Insert ${dataset.tableName}`}
                  onClick={() => onPick(sqlName(dataset.tableName))}
                  className="inline-flex min-w-0 items-center gap-1 rounded px-1 font-mono hover:bg-slate-100 dark:hover:bg-slate-800"
                >
                  <Table2 className="h-3.5 w-3.5 shrink-0" aria-hidden="true" />
                  <span className="truncate">{dataset.tableName}</span>
                </button>
              </div>
              {expanded && (
                <ul aria-label={`Columns of ${dataset.tableName}`} className="ml-6 space-y-0.5">
                  {dataset.columns.map((column) => (
                    <li key={column.name}>
                      <button
                        type="button"
                        title={`Insert ${column.name}`}
                        onClick={() => onPick(sqlName(column.name))}
                        className="flex w-full items-baseline justify-between gap-2 rounded px-1 text-left hover:bg-slate-100 dark:hover:bg-slate-800"
                      >
                        <span className="truncate font-mono">{column.name}</span>
                        <span className="shrink-0 text-xs text-slate-500 dark:text-slate-400">
                          {column.type}
                        </span>
                      </button>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
