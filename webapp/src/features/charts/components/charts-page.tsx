import { BarChart3, Plus } from 'lucide-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { CHART_NAMES } from '@/charts';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { useProject } from '@/features/projects';
import { formatDateTime } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCharts } from '../hooks/use-charts';

/** The project's saved charts with search; each opens its own page. */
export function ChartsPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  useDocumentTitle('Charts', project?.name);
  const [search, setSearch] = useState('');
  const charts = useCharts(projectId, search);
  const items = charts.data?.items ?? [];

  return (
    <>
      <PageHeader
        title="Charts"
        description="Saved charts: each keeps its query and settings, with every version."
        actions={
          canEditProject(project?.role) ? (
            <Link
              to={`/projects/${projectId}/builder`}
              className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
            >
              <Plus className="h-4 w-4" aria-hidden="true" />
              New chart
            </Link>
          ) : undefined
        }
      />
      <label className="mb-4 block max-w-sm">
        <span className="sr-only">Search charts</span>
        <input
          type="search"
          placeholder="Search charts"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      {charts.isPending && <Spinner label="Loading charts…" />}
      {charts.error && <ErrorMessage title="The charts could not be loaded" error={charts.error} />}
      {charts.data && items.length === 0 && (
        <EmptyState
          icon={BarChart3}
          title={search ? `No chart matches “${search}”` : 'No charts yet'}
          description="Build one without SQL, or save an SQL result or an Ask answer as a chart."
        />
      )}
      {items.length > 0 && (
        <ul aria-label="Saved charts" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((chart) => (
            <li key={chart.id}>
              <Link
                to={`/projects/${projectId}/charts/${chart.id}`}
                className="block rounded-lg border border-slate-200 p-4 hover:border-brand-500 dark:border-slate-700"
              >
                <span className="block font-medium">{chart.name}</span>
                {chart.description && (
                  <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                    {chart.description}
                  </span>
                )}
                <span className="mt-2 block text-xs text-slate-500">
                  {CHART_NAMES[chart.visualization.type]} ·{' '}
                  {'semantic' in chart.query ? 'built from the model' : 'SQL'} · version{' '}
                  {chart.version} · {formatDateTime(chart.updatedAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {charts.data && charts.data.total > items.length && (
        <p className="mt-3 text-sm text-slate-500">
          Showing {items.length} of {charts.data.total}; search to narrow.
        </p>
      )}
    </>
  );
}
