import { ArrowDownUp, History, X } from 'lucide-react';
import { useState } from 'react';
import { focusRing } from '@/components/button';
import { cn } from '@/lib/cn';
import { flipSort, removePart, setLimit } from '../plan-edits';
import type { AskInterpretation, AskInterpretationPart, AskPlan } from '../types';

interface InterpretationChipsProps {
  interpretation: AskInterpretation;
  plan: AskPlan;
  /** Runs an edited plan (the question is not retyped). */
  onRun: (plan: AskPlan) => void;
  disabled?: boolean;
}

const GROUP_TITLES: Record<string, string> = {
  measures: 'Measure',
  groupings: 'Grouped by',
  filters: 'Filters',
};

/** What was understood, as chips: each can be removed (or, for sort and limit, changed) and the answer runs again. */
export function InterpretationChips({
  interpretation,
  plan,
  onRun,
  disabled,
}: InterpretationChipsProps) {
  const run = (next: AskPlan | null) => {
    if (next) onRun(next);
  };
  const groups: [string, AskInterpretationPart[]][] = [
    ['measures', interpretation.measures],
    ['groupings', interpretation.groupings],
    ['filters', interpretation.filters],
  ];
  return (
    <div
      aria-label="What I understood"
      role="group"
      className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm"
    >
      {groups.map(([name, parts]) =>
        parts.length === 0 ? null : (
          <ul
            key={name}
            aria-label={GROUP_TITLES[name]}
            className="flex flex-wrap items-center gap-1.5"
          >
            <li className="text-xs font-medium uppercase tracking-wide text-slate-500">
              {GROUP_TITLES[name]}
            </li>
            {parts.map((part) => (
              <li key={part.key}>
                <Chip
                  part={part}
                  disabled={disabled}
                  onRemove={part.removable ? () => run(removePart(plan, part.key)) : undefined}
                />
              </li>
            ))}
          </ul>
        ),
      )}
      {interpretation.sort && (
        <Chip
          part={interpretation.sort}
          disabled={disabled}
          onRemove={() => run(removePart(plan, 'sort'))}
          extra={
            <button
              type="button"
              disabled={disabled}
              aria-label="Reverse the order"
              onClick={() => run(flipSort(plan))}
              className={cn(
                'rounded-full p-0.5 hover:bg-slate-200 dark:hover:bg-slate-700',
                focusRing,
              )}
            >
              <ArrowDownUp className="h-3 w-3" aria-hidden="true" />
            </button>
          }
        />
      )}
      {interpretation.limit && plan.limit != null && (
        <LimitChip
          part={interpretation.limit}
          limit={plan.limit}
          disabled={disabled}
          onChange={(n) => run(setLimit(plan, n))}
          onRemove={() => run(removePart(plan, 'limit'))}
        />
      )}
    </div>
  );
}

function Chip({
  part,
  onRemove,
  disabled,
  extra,
}: {
  part: AskInterpretationPart;
  onRemove?: () => void;
  disabled?: boolean;
  extra?: React.ReactNode;
}) {
  const others = part.otherColumns ?? [];
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded-full border px-2.5 py-0.5',
        part.carried
          ? 'border-dashed border-slate-400 bg-slate-50 text-slate-700 dark:bg-slate-800 dark:text-slate-200'
          : 'border-brand-100 bg-brand-50 text-brand-700 dark:border-brand-700 dark:bg-brand-700/20 dark:text-brand-100',
      )}
      title={others.length > 0 ? `Also a value of ${others.join(', ')}` : undefined}
    >
      {part.carried && <History className="h-3 w-3" aria-hidden="true" />}
      <span>{part.label}</span>
      {part.carried && <span className="sr-only"> (from the previous question)</span>}
      {others.length > 0 && (
        <span className="text-xs text-slate-500">{`(column ${part.column ?? ''})`}</span>
      )}
      {extra}
      {onRemove && (
        <button
          type="button"
          disabled={disabled}
          aria-label={`Remove ${part.label}`}
          onClick={onRemove}
          className={cn('rounded-full p-0.5 hover:bg-slate-200 dark:hover:bg-slate-700', focusRing)}
        >
          <X className="h-3 w-3" aria-hidden="true" />
        </button>
      )}
    </span>
  );
}

function LimitChip({
  part,
  limit,
  onChange,
  onRemove,
  disabled,
}: {
  part: AskInterpretationPart;
  limit: number;
  onChange: (limit: number) => void;
  onRemove: () => void;
  disabled?: boolean;
}) {
  const [value, setValue] = useState(String(limit));
  return (
    <form
      className="inline-flex"
      onSubmit={(event) => {
        event.preventDefault();
        onChange(Number(value));
      }}
    >
      <Chip
        part={{ ...part, label: 'top' }}
        disabled={disabled}
        onRemove={onRemove}
        extra={
          <input
            aria-label="How many"
            type="number"
            min={1}
            max={10000}
            value={value}
            disabled={disabled}
            onChange={(event) => setValue(event.target.value)}
            onBlur={() => {
              if (Number(value) !== limit) onChange(Number(value));
            }}
            className="w-14 rounded border border-slate-300 bg-white px-1 text-xs dark:border-slate-600 dark:bg-slate-900"
          />
        }
      />
    </form>
  );
}
