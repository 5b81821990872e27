import { Calendar, Hash, Search, Sigma, Type } from 'lucide-react';
import { useState } from 'react';
import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';
import { searchFields, type Field } from '../builder-state';

/** The drag payload's media type: the field's kind and name as JSON. */
export const FIELD_MIME = 'application/x-analytics-field';

const ICONS = { time: Calendar, measure: Sigma, dimension: Type } as const;

interface FieldListProps {
  fields: readonly Field[];
  /** A click (or Enter) on a field: the page puts it where it fits best. */
  onAdd: (field: Field) => void;
}

function Group({ title, fields, onAdd }: FieldListProps & { title: string }) {
  if (fields.length === 0) return null;
  return (
    <div>
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {title}
      </h3>
      <ul className="space-y-0.5">
        {fields.map((field) => {
          const Icon =
            field.kind === 'dimension' && /int|dec|num/.test(field.type) ? Hash : ICONS[field.kind];
          return (
            <li key={`${field.kind}:${field.name}`}>
              <button
                type="button"
                draggable
                onDragStart={(event) => {
                  event.dataTransfer.setData(
                    FIELD_MIME,
                    JSON.stringify({ kind: field.kind, name: field.name }),
                  );
                  event.dataTransfer.effectAllowed = 'copy';
                }}
                onClick={() => onAdd(field)}
                title={field.description ?? `Add ${field.label}`}
                aria-label={`Add ${field.label}`}
                className={cn(
                  'flex w-full cursor-grab items-center gap-2 rounded px-2 py-1 text-left text-sm hover:bg-slate-100 dark:hover:bg-slate-800',
                  focusRing,
                )}
              >
                <Icon className="h-3.5 w-3.5 shrink-0 text-slate-500" aria-hidden="true" />
                <span className="truncate">{field.label}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}

/** The model's fields with search; drag one into a zone, or click it to add it. */
export function FieldList({ fields, onAdd }: FieldListProps) {
  const [search, setSearch] = useState('');
  const found = searchFields(fields, search);
  return (
    <section aria-label="Fields" className="space-y-3">
      <label className="relative block">
        <span className="sr-only">Search fields</span>
        <Search
          className="pointer-events-none absolute left-2 top-2.5 h-4 w-4 text-slate-400"
          aria-hidden="true"
        />
        <input
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          placeholder="Search fields"
          className="block w-full rounded-md border border-slate-300 bg-white py-2 pl-8 pr-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      <Group title="Time" fields={found.filter((f) => f.kind === 'time')} onAdd={onAdd} />
      <Group
        title="Dimensions"
        fields={found.filter((f) => f.kind === 'dimension')}
        onAdd={onAdd}
      />
      <Group title="Measures" fields={found.filter((f) => f.kind === 'measure')} onAdd={onAdd} />
      {found.length === 0 && (
        <p className="text-sm text-slate-500 dark:text-slate-400">No field matches “{search}”.</p>
      )}
    </section>
  );
}
