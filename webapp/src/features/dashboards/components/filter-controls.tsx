import { ChevronDown, X } from 'lucide-react';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import { useDebounced } from '@/lib/use-debounced';
import type { DashboardFilter } from '@/lib/api/dashboards';
import { useFilterValues, type DashboardSource } from '../hooks/use-dashboards';
import { describeValue, filterLabel, PRESET_LABELS } from '../lib/filter-labels';
import {
  DATE_RANGE_PRESETS,
  isList,
  type DateRangePreset,
  type FilterValue,
  type NumberRangeValue,
} from '../lib/filter-state';

export interface FilterControlProps {
  /** Where a values filter's choices are read from (the project, or a public link). */
  source: DashboardSource;
  filter: DashboardFilter;
  value: FilterValue;
  onChange: (value: FilterValue) => void;
  /** "Reaches 2 of 5 widgets: …", shown under the control. */
  reach?: string;
}

/** The control for one dashboard filter, by its type. */
export function FilterControl(props: FilterControlProps) {
  const control =
    props.filter.type === 'date_range' ? (
      <DateRangeControl {...props} />
    ) : props.filter.type === 'values' ? (
      <ValuesControl {...props} />
    ) : (
      <NumberRangeControl {...props} />
    );
  return (
    <div className="min-w-[12rem]">
      {control}
      {props.reach && (
        <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">{props.reach}</p>
      )}
    </div>
  );
}

const CUSTOM = 'custom';
const ANY = '';

function DateRangeControl({ filter, value, onChange }: FilterControlProps) {
  const label = filterLabel(filter);
  const custom = value !== null && typeof value === 'object' && 'from' in value ? value : null;
  const selected = typeof value === 'string' ? value : custom ? CUSTOM : ANY;
  return (
    <div className="flex flex-wrap items-end gap-2">
      <SelectField
        label={label}
        className="w-52"
        value={selected}
        onChange={(event) => {
          const next = event.target.value;
          if (next === ANY) onChange(null);
          else if (next === CUSTOM) onChange({ from: null, to: null });
          else onChange(next as DateRangePreset);
        }}
        options={[
          { value: ANY, label: 'Any time' },
          ...DATE_RANGE_PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] })),
          { value: CUSTOM, label: 'Custom range' },
        ]}
      />
      {custom && (
        <>
          <TextField
            label={`${label} from`}
            type="date"
            className="w-40"
            value={custom.from ?? ''}
            onChange={(event) => onChange({ ...custom, from: event.target.value || null })}
          />
          <TextField
            label={`${label} to`}
            type="date"
            className="w-40"
            value={custom.to ?? ''}
            onChange={(event) => onChange({ ...custom, to: event.target.value || null })}
          />
        </>
      )}
    </div>
  );
}

/** A multi-select over the member's values from the data, with search. */
function ValuesControl({ source, filter, value, onChange }: FilterControlProps) {
  const label = filterLabel(filter);
  const selected = isList(value) ? value : [];
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const values = useFilterValues(source, filter.id, q, open);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);

  const searchField = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!open) return;
    searchField.current?.focus();
    const onPointer = (event: PointerEvent) => {
      if (root.current && !root.current.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  const toggle = (item: string) =>
    onChange(selected.includes(item) ? selected.filter((v) => v !== item) : [...selected, item]);
  const offered = (values.data?.values ?? []).map(String);
  // Chosen values stay listed even when the search or the server's limit leaves them out.
  const shown = [...selected.filter((v) => !offered.includes(v)), ...offered];

  return (
    <div ref={root} className="relative">
      <span className="mb-1 block text-sm font-medium" id={`${panelId}-label`}>
        {label}
      </span>
      <Button
        variant="secondary"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${label}: ${describeValue(selected)}`}
        onClick={() => setOpen((o) => !o)}
        className="w-52 justify-between"
      >
        <span className="truncate">{describeValue(selected)}</span>
        <ChevronDown className="h-4 w-4" aria-hidden="true" />
      </Button>
      {open && (
        <div
          id={panelId}
          role="group"
          aria-labelledby={`${panelId}-label`}
          className="absolute z-30 mt-1 w-72 rounded-md border border-slate-200 bg-white p-2 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          <TextField
            label={`Search ${label}`}
            hideLabel
            type="search"
            placeholder="Search values"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
            ref={searchField}
          />
          <div className="mt-2 max-h-60 overflow-auto">
            {values.isPending && <Spinner label="Loading values…" />}
            {values.error && (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                The values could not be loaded.
              </p>
            )}
            {values.data && shown.length === 0 && (
              <p className="p-2 text-sm text-slate-500">No value matches.</p>
            )}
            <ul className="space-y-0.5">
              {shown.map((item) => (
                <li key={item}>
                  <label className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
                    <input
                      type="checkbox"
                      checked={selected.includes(item)}
                      onChange={() => toggle(item)}
                    />
                    {item === '' ? '(empty)' : item}
                  </label>
                </li>
              ))}
            </ul>
            {values.data?.truncated && (
              <p className="p-2 text-xs text-slate-500">More values exist: search to find one.</p>
            )}
          </div>
          {selected.length > 0 && (
            <Button size="sm" variant="ghost" className="mt-2" onClick={() => onChange([])}>
              <X className="h-4 w-4" aria-hidden="true" />
              Clear {label}
            </Button>
          )}
        </div>
      )}
    </div>
  );
}

const parse = (text: string): number | null => {
  if (text.trim() === '') return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
};

/** Min and max, applied on Enter or when the field is left (not on every keystroke). */
function NumberRangeControl({ filter, value, onChange }: FilterControlProps) {
  const label = filterLabel(filter);
  const range: NumberRangeValue =
    value !== null && typeof value === 'object' && 'min' in value
      ? value
      : { min: null, max: null };
  const [min, setMin] = useState(range.min === null ? '' : String(range.min));
  const [max, setMax] = useState(range.max === null ? '' : String(range.max));
  useEffect(() => {
    setMin(range.min === null ? '' : String(range.min));
    setMax(range.max === null ? '' : String(range.max));
  }, [range.min, range.max]);

  const apply = (event?: FormEvent) => {
    event?.preventDefault();
    const next = { min: parse(min), max: parse(max) };
    if (next.min === range.min && next.max === range.max) return;
    onChange(next.min === null && next.max === null ? null : next);
  };
  return (
    <form onSubmit={apply} className="flex items-end gap-2" aria-label={label}>
      <TextField
        label={`${label} from`}
        type="number"
        className="w-28"
        value={min}
        onChange={(event) => setMin(event.target.value)}
        onBlur={() => apply()}
      />
      <TextField
        label={`${label} to`}
        type="number"
        className="w-28"
        value={max}
        onChange={(event) => setMax(event.target.value)}
        onBlur={() => apply()}
      />
      <button type="submit" className="sr-only">
        Apply {label}
      </button>
    </form>
  );
}
