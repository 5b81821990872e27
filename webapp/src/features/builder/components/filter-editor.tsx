import { useState } from 'react';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { cellText } from '@/lib/format';
import {
  DATE_PRESETS,
  PRESET_LABELS,
  operatorsFor,
  presetRange,
  type BuilderFilter,
  type DatePreset,
  type Field,
  type FilterOperator,
  type FilterValue,
} from '../builder-state';
import { useDimensionValues } from '../hooks/use-preview';

const OPERATOR_LABELS: Record<FilterOperator, string> = {
  equals: 'is',
  notEquals: 'is not',
  contains: 'contains',
  notContains: 'does not contain',
  startsWith: 'starts with',
  endsWith: 'ends with',
  gt: '>',
  gte: '≥',
  lt: '<',
  lte: '≤',
  between: 'between',
  set: 'is set',
  notSet: 'is empty',
  inDateRange: 'in',
  notInDateRange: 'not in',
  beforeDate: 'before',
  afterDate: 'after',
};

interface FilterEditorProps {
  projectId: string;
  dataset: string;
  field: Field;
  filter: BuilderFilter;
  onChange: (filter: BuilderFilter) => void;
  today?: Date;
}

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-600 dark:bg-slate-900';

/** Values picked from the data, with search: for text dimensions with equals / not equals. */
function ValuePicker({
  projectId,
  dataset,
  field,
  filter,
  onChange,
}: Omit<FilterEditorProps, 'today'>) {
  const [search, setSearch] = useState('');
  const values = useDimensionValues(projectId, dataset, field.name, search);
  const chosen = new Set(filter.values.map((value) => cellText(value)));
  const toggle = (value: unknown) => {
    const text = cellText(value, '');
    const next = chosen.has(text)
      ? filter.values.filter((existing) => cellText(existing) !== text)
      : [...filter.values, text];
    onChange({ ...filter, values: next });
  };
  return (
    <div className="space-y-1">
      <input
        type="search"
        aria-label={`Search values of ${field.label}`}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        placeholder="Search values"
        className={inputClass}
      />
      {values.isPending && <Spinner label="Loading values…" />}
      <ul aria-label={`Values of ${field.label}`} className="max-h-40 overflow-auto">
        {(values.data ?? [])
          .filter((value) => value !== null)
          .map((value) => {
            const text = cellText(value);
            return (
              <li key={text}>
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={chosen.has(text)}
                    onChange={() => toggle(value)}
                  />
                  {text === '' ? '(empty)' : text}
                </label>
              </li>
            );
          })}
      </ul>
    </div>
  );
}

function NumberInputs({
  field,
  filter,
  onChange,
}: Pick<FilterEditorProps, 'field' | 'filter' | 'onChange'>) {
  const count = filter.operator === 'between' ? 2 : 1;
  const set = (index: number, text: string) => {
    const values = [...filter.values];
    values[index] = text === '' ? '' : Number(text);
    onChange({ ...filter, values: values.slice(0, count) });
  };
  return (
    <div className="flex gap-2">
      {Array.from({ length: count }, (_, index) => (
        <input
          key={index}
          type="number"
          aria-label={
            count === 2 ? `${field.label} ${index === 0 ? 'from' : 'to'}` : `${field.label} value`
          }
          value={filter.values[index] === undefined ? '' : String(filter.values[index])}
          onChange={(event) => set(index, event.target.value)}
          className={inputClass}
        />
      ))}
    </div>
  );
}

function DateInputs({
  field,
  filter,
  onChange,
  today = new Date(),
}: Pick<FilterEditorProps, 'field' | 'filter' | 'onChange' | 'today'>) {
  const [preset, setPreset] = useState<DatePreset>('custom');
  const range = filter.operator === 'inDateRange' || filter.operator === 'notInDateRange';
  const setValue = (index: number, value: string) => {
    const values: FilterValue[] = [...filter.values];
    values[index] = value;
    onChange({ ...filter, values: values.slice(0, range ? 2 : 1) });
  };
  return (
    <div className="space-y-1">
      {range && (
        <SelectField
          label={`${field.label} period`}
          hideLabel
          value={preset}
          options={DATE_PRESETS.filter((p) => p !== 'all').map((p) => ({
            value: p,
            label: PRESET_LABELS[p],
          }))}
          onChange={(event) => {
            const next = event.target.value as DatePreset;
            setPreset(next);
            const dates = presetRange(next, today);
            if (dates) onChange({ ...filter, values: dates });
          }}
        />
      )}
      <div className="flex gap-2">
        {Array.from({ length: range ? 2 : 1 }, (_, index) => (
          <input
            key={index}
            type="date"
            aria-label={
              range ? `${field.label} ${index === 0 ? 'from' : 'to'}` : `${field.label} date`
            }
            value={typeof filter.values[index] === 'string' ? filter.values[index] : ''}
            onChange={(event) => {
              setPreset('custom');
              setValue(index, event.target.value);
            }}
            className={inputClass}
          />
        ))}
      </div>
    </div>
  );
}

/** One filter: an operator that fits the field's type and the editor for its values. */
export function FilterEditor(props: FilterEditorProps) {
  const { field, filter, onChange } = props;
  const operators = operatorsFor(field);
  const needsValues = filter.operator !== 'set' && filter.operator !== 'notSet';
  const pickValues =
    field.kind === 'dimension' &&
    (filter.operator === 'equals' || filter.operator === 'notEquals') &&
    !operators.includes('between');
  return (
    <fieldset className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700">
      <legend className="px-1 text-sm font-medium">{field.label}</legend>
      <SelectField
        label={`${field.label} condition`}
        hideLabel
        value={filter.operator}
        options={operators.map((operator) => ({
          value: operator,
          label: OPERATOR_LABELS[operator],
        }))}
        onChange={(event) =>
          onChange({ ...filter, operator: event.target.value as FilterOperator, values: [] })
        }
      />
      {needsValues &&
        (field.kind === 'time' ? (
          <DateInputs {...props} />
        ) : operators.includes('between') ? (
          <NumberInputs {...props} />
        ) : pickValues ? (
          <ValuePicker {...props} />
        ) : (
          <input
            type="text"
            aria-label={`${field.label} text`}
            value={typeof filter.values[0] === 'string' ? filter.values[0] : ''}
            onChange={(event) => onChange({ ...filter, values: [event.target.value] })}
            className={inputClass}
          />
        ))}
    </fieldset>
  );
}
