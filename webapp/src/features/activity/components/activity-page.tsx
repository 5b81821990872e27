import { ChevronLeft, ChevronRight, History } from 'lucide-react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { PageSpinner } from '@/components/spinner';
import { formatDateTime } from '@/lib/format';
import { changesOf, describeAction } from '../describe';
import { useAudit } from '../hooks/use-audit';
import type { AuditEntry } from '../types';
import { useProject } from '@/features/projects';
import { useDocumentTitle } from '@/lib/use-document-title';

export const PAGE_SIZE = 20;

export function ActivityPage() {
  const { projectId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const offset = (page - 1) * PAGE_SIZE;
  const audit = useAudit(projectId, PAGE_SIZE, offset);
  const { data: project } = useProject(projectId);
  useDocumentTitle('Activity', project?.name);

  function goTo(nextPage: number) {
    setParams(nextPage <= 1 ? {} : { page: String(nextPage) });
  }

  let body;
  if (audit.isPending) body = <PageSpinner label="Loading activity…" />;
  else if (audit.isError)
    body = (
      <ErrorMessage
        title="Could not load activity"
        error={audit.error}
        onRetry={() => void audit.refetch()}
      />
    );
  else if (audit.data.total === 0)
    body = (
      <EmptyState
        icon={History}
        title="No activity yet"
        description="Changes to this project and its members will be listed here."
      />
    );
  else {
    const { items, total } = audit.data;
    const first = total === 0 ? 0 : offset + 1;
    const last = Math.min(offset + items.length, total);
    const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    body = (
      <>
        <ol
          className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900"
          aria-label="Activity"
          aria-busy={audit.isPlaceholderData || undefined}
        >
          {items.map((entry) => (
            <ActivityItem key={entry.id} entry={entry} />
          ))}
        </ol>
        <nav
          aria-label="Activity pages"
          className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm"
        >
          <p aria-live="polite">
            Showing {first}–{last} of {total}
          </p>
          <div className="flex items-center gap-2">
            <Button
              variant="secondary"
              size="sm"
              disabled={page <= 1}
              onClick={() => goTo(page - 1)}
            >
              <ChevronLeft className="h-4 w-4" aria-hidden="true" />
              Newer
            </Button>
            <span className="text-slate-600 dark:text-slate-400">
              Page {page} of {pages}
            </span>
            <Button
              variant="secondary"
              size="sm"
              disabled={page >= pages}
              onClick={() => goTo(page + 1)}
            >
              Older
              <ChevronRight className="h-4 w-4" aria-hidden="true" />
            </Button>
          </div>
        </nav>
      </>
    );
  }

  return (
    <>
      <PageHeader title="Activity" description="Every change made in this project, newest first." />
      {body}
    </>
  );
}

function ActivityItem({ entry }: { entry: AuditEntry }) {
  const changes = changesOf(entry);
  return (
    <li className="px-4 py-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <p>
          <span className="font-medium">{entry.actorEmail ?? 'System'}</span>{' '}
          {describeAction(entry.action)}
        </p>
        <time dateTime={entry.at} className="text-xs text-slate-500 dark:text-slate-400">
          {formatDateTime(entry.at)}
        </time>
      </div>
      {changes.length > 0 && (
        <ul className="mt-1 space-y-0.5 text-xs text-slate-600 dark:text-slate-400">
          {changes.map((change) => (
            <li key={change.field}>
              <span className="font-medium">{change.field}</span>: {change.before} → {change.after}
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
