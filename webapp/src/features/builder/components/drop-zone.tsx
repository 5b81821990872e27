import { X } from 'lucide-react';
import { useState, type ReactNode } from 'react';
import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';
import { FIELD_MIME } from './field-list';

export interface DroppedField {
  kind: 'dimension' | 'time' | 'measure';
  name: string;
}

interface DropZoneProps {
  label: string;
  hint: string;
  /** Whether a dragged field of this kind may be dropped here. */
  accepts: (kind: DroppedField['kind']) => boolean;
  onDrop: (field: DroppedField) => void;
  children?: ReactNode;
}

function readField(data: string): DroppedField | null {
  try {
    const value: unknown = JSON.parse(data);
    if (
      typeof value === 'object' &&
      value !== null &&
      'kind' in value &&
      'name' in value &&
      (value.kind === 'dimension' || value.kind === 'time' || value.kind === 'measure') &&
      typeof value.name === 'string'
    )
      return { kind: value.kind, name: value.name };
  } catch {
    // Not one of ours (text dragged from elsewhere).
  }
  return null;
}

/** A zone of the builder (Group by, Measures, Split by, Filters) that takes dragged fields. */
export function DropZone({ label, hint, accepts, onDrop, children }: DropZoneProps) {
  const [over, setOver] = useState(false);
  return (
    <section
      aria-label={label}
      onDragOver={(event) => {
        if (!event.dataTransfer.types.includes(FIELD_MIME)) return;
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(event) => {
        setOver(false);
        const field = readField(event.dataTransfer.getData(FIELD_MIME));
        if (!field || !accepts(field.kind)) return;
        event.preventDefault();
        onDrop(field);
      }}
      className={cn(
        'min-h-[3.5rem] rounded-md border border-dashed p-2',
        over
          ? 'border-brand-500 bg-brand-50 dark:bg-brand-700/20'
          : 'border-slate-300 dark:border-slate-600',
      )}
    >
      <h3 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
        {label}
      </h3>
      {children ?? <p className="text-xs text-slate-400">{hint}</p>}
    </section>
  );
}

/** A field placed in a zone, with a button that takes it out. */
export function Chip({
  label,
  onRemove,
  children,
}: {
  label: string;
  onRemove: () => void;
  children?: ReactNode;
}) {
  return (
    <span className="mb-1 mr-1 inline-flex items-center gap-1 rounded-full bg-brand-100 py-0.5 pl-2.5 pr-1 text-sm text-brand-700 dark:bg-brand-700/30 dark:text-brand-100">
      {label}
      {children}
      <button
        type="button"
        aria-label={`Remove ${label}`}
        onClick={onRemove}
        className={cn('rounded-full p-0.5 hover:bg-brand-200 dark:hover:bg-brand-700', focusRing)}
      >
        <X className="h-3 w-3" aria-hidden="true" />
      </button>
    </span>
  );
}
