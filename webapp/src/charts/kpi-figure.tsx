import { ArrowDownRight, ArrowRight, ArrowUpRight } from 'lucide-react';
import { cn } from '@/lib/cn';
import type { KpiItem } from './types';

const TONE = {
  good: 'text-emerald-700 dark:text-emerald-400',
  bad: 'text-red-700 dark:text-red-400',
  neutral: 'text-slate-600 dark:text-slate-400',
} as const;
const ARROW = { up: ArrowUpRight, down: ArrowDownRight, flat: ArrowRight } as const;

/** One key figure: the number, what it is, and its change coloured by whether it is good news. */
export function KpiFigure({ item }: { item: KpiItem }) {
  const change = item.change;
  const Arrow = change ? ARROW[change.direction] : null;
  return (
    <figure aria-label={`Key figure: ${item.label}`} className="py-2">
      <p className="text-4xl font-semibold tabular-nums">{item.text}</p>
      <figcaption className="text-sm text-slate-500 dark:text-slate-400">
        {item.label}
        {item.context && <span> · {item.context}</span>}
      </figcaption>
      {change && Arrow && (
        <p className={cn('mt-1 flex items-center gap-1 text-sm font-medium', TONE[change.tone])}>
          <Arrow className="h-4 w-4" aria-hidden="true" />
          <span>
            {change.text} vs {change.against}
          </span>
          <span className="sr-only">
            ({change.direction === 'flat' ? 'unchanged' : change.direction},{' '}
            {change.tone === 'neutral' ? 'no change' : `${change.tone} news`})
          </span>
        </p>
      )}
    </figure>
  );
}
