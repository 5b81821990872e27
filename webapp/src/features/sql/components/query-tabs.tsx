import { Plus, X } from 'lucide-react';
import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';
import type { SqlTab } from '../workspace-store';

interface QueryTabsProps {
  tabs: readonly SqlTab[];
  activeId: string;
  onSelect: (id: string) => void;
  onClose: (id: string) => void;
  onNew: () => void;
}

/** The SQL page's tabs: each keeps its own text, row limit and last result. */
export function QueryTabs({ tabs, activeId, onSelect, onClose, onNew }: QueryTabsProps) {
  return (
    <div className="flex flex-wrap items-center gap-1 border-b border-slate-200 dark:border-slate-700">
      <div role="tablist" aria-label="Query tabs" className="flex flex-wrap gap-1">
        {tabs.map((tab) => {
          const active = tab.id === activeId;
          return (
            <div
              key={tab.id}
              className={cn(
                '-mb-px flex items-center rounded-t-md border border-b-0 text-sm',
                active
                  ? 'border-slate-200 bg-white font-medium dark:border-slate-700 dark:bg-slate-900'
                  : 'border-transparent text-slate-600 hover:bg-slate-100 dark:text-slate-400 dark:hover:bg-slate-800',
              )}
            >
              <button
                type="button"
                role="tab"
                aria-selected={active}
                onClick={() => onSelect(tab.id)}
                className={cn('max-w-[12rem] truncate px-3 py-1.5', focusRing)}
              >
                {tab.title}
              </button>
              {tabs.length > 1 && (
                <button
                  type="button"
                  aria-label={`Close ${tab.title}`}
                  onClick={() => onClose(tab.id)}
                  className={cn(
                    'mr-1 rounded p-0.5 hover:bg-slate-200 dark:hover:bg-slate-700',
                    focusRing,
                  )}
                >
                  <X className="h-3.5 w-3.5" aria-hidden="true" />
                </button>
              )}
            </div>
          );
        })}
      </div>
      <button
        type="button"
        aria-label="New query tab"
        onClick={onNew}
        className={cn(
          'rounded p-1 text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        <Plus className="h-4 w-4" aria-hidden="true" />
      </button>
    </div>
  );
}
