import { X } from 'lucide-react';
import { describeValue, memberLabel } from '../lib/filter-labels';
import type { CrossFilter } from '../lib/filter-state';

export interface CrossFilterChipsProps {
  crossFilters: readonly CrossFilter[];
  /** The title of the widget a cross-filter comes from, if it is still there. */
  sourceTitle: (widgetId: string) => string | undefined;
  onClear: (widgetId: string) => void;
}

/** The cross-filters in force, each a chip naming its source widget, cleared by its ×. */
export function CrossFilterChips({ crossFilters, sourceTitle, onClear }: CrossFilterChipsProps) {
  if (crossFilters.length === 0) return null;
  return (
    <ul aria-label="Cross-filters" className="mb-3 flex flex-wrap gap-2">
      {crossFilters.map((cross) => {
        const source = sourceTitle(cross.widgetId);
        const text = `${memberLabel(cross.member)}: ${describeValue(cross.values)}`;
        return (
          <li
            key={cross.widgetId}
            className="inline-flex items-center gap-1 rounded-full bg-brand-50 py-1 pl-3 pr-1 text-sm text-brand-800 dark:bg-brand-900/40 dark:text-brand-200"
          >
            <span>
              {text}
              {source && <span className="text-xs opacity-70"> · from {source}</span>}
            </span>
            <button
              type="button"
              aria-label={`Clear cross-filter ${text}`}
              onClick={() => onClear(cross.widgetId)}
              className="rounded-full p-1 hover:bg-brand-100 dark:hover:bg-brand-800"
            >
              <X className="h-3.5 w-3.5" aria-hidden="true" />
            </button>
          </li>
        );
      })}
    </ul>
  );
}
