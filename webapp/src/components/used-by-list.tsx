import { ChartColumn, LayoutDashboard } from 'lucide-react';
import { Link } from 'react-router-dom';
import type { UsedBy } from '@/lib/api/used-by';
import { cn } from '@/lib/cn';
import { focusRing } from './button';

/** Where a chart or a dashboard of the project opens. */
function usedByPath(projectId: string, use: UsedBy): string {
  return use.kind === 'chart'
    ? `/projects/${projectId}/charts/${use.id}`
    : `/projects/${projectId}/dashboards/${use.id}`;
}

const VIA: Record<string, string> = {
  query: 'its query is on it',
  sql: 'its SQL reads it',
  relationship: 'through a relationship',
  measures: 'as a measure',
  formula: 'in a formula',
  dimensions: 'as a dimension',
  time: 'as its time',
  filters: 'in a filter',
  order: 'in its order',
};

/** How a user uses it, in words ("widget w1" and "filter f1" read as they are). */
function describeVia(via: string): string {
  return VIA[via] ?? via;
}

interface UsedByListProps {
  projectId: string;
  items: readonly UsedBy[];
  /** The list's accessible name, e.g. "Used by" or "What uses orders". */
  label?: string;
  /** Shown when nothing uses it. */
  empty?: string;
}

/** A small list of the charts and dashboards that use something, each a link to it. */
export function UsedByList({ projectId, items, label = 'Used by', empty }: UsedByListProps) {
  if (items.length === 0) {
    return empty ? <p className="text-sm text-slate-600 dark:text-slate-400">{empty}</p> : null;
  }
  return (
    <ul aria-label={label} className="space-y-1 text-sm">
      {items.map((use) => {
        const Icon = use.kind === 'chart' ? ChartColumn : LayoutDashboard;
        return (
          <li
            key={`${use.kind}:${use.id}:${use.member ?? ''}`}
            className="flex flex-wrap items-center gap-2"
          >
            <Icon className="h-4 w-4 shrink-0 text-slate-400" aria-hidden="true" />
            <span className="sr-only">{use.kind === 'chart' ? 'Chart' : 'Dashboard'}</span>
            <Link
              to={usedByPath(projectId, use)}
              className={cn(
                'rounded font-medium text-brand-600 hover:underline dark:text-brand-100',
                focusRing,
              )}
            >
              {use.name}
            </Link>
            <span className="text-slate-500 dark:text-slate-400">
              {use.member ? `${use.member} ` : ''}
              {describeVia(use.via)}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
