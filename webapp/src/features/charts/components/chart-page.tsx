import { History, Pencil, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ChartView } from '@/charts';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { UsedByList } from '@/components/used-by-list';
import { useProject } from '@/features/projects';
import { sqlEditorPath } from '@/features/sql';
import { formatDateTime } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useChart,
  useChartData,
  useChartUsedBy,
  useChartVersions,
  useDeleteChart,
  useRestoreChartVersion,
} from '../hooks/use-charts';

const CHANGES = { created: 'Created', edited: 'Edited', restored: 'Restored' } as const;

/** One saved chart: drawn from a fresh run, with Edit, its versions (restore) and delete. */
export function ChartPage() {
  const { projectId = '', chartId = '' } = useParams();
  const navigate = useNavigate();
  const { data: project } = useProject(projectId);
  const chart = useChart(projectId, chartId);
  useDocumentTitle(chart.data?.name ?? 'Chart', project?.name);
  const data = useChartData(projectId, chart.data);
  const [showVersions, setShowVersions] = useState(false);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const remove = useDeleteChart(projectId);
  const usedBy = useChartUsedBy(projectId, chartId);
  const editor = canEditProject(project?.role);

  if (chart.isPending) return <Spinner label="Loading the chart…" />;
  if (chart.error)
    return <ErrorMessage title="The chart could not be loaded" error={chart.error} />;
  const saved = chart.data;
  const semantic = 'semantic' in saved.query;

  return (
    <>
      <PageHeader
        title={saved.name}
        description={saved.description ?? undefined}
        actions={
          <div className="flex flex-wrap gap-2">
            {editor && (
              <Link
                to={
                  semantic
                    ? `/projects/${projectId}/builder?chart=${saved.id}`
                    : sqlEditorPath(projectId, 'sql' in saved.query ? saved.query.sql : '')
                }
                className="inline-flex items-center gap-1 rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700"
              >
                <Pencil className="h-4 w-4" aria-hidden="true" />
                Edit
              </Link>
            )}
            <Button
              variant="secondary"
              aria-expanded={showVersions}
              onClick={() => setShowVersions((open) => !open)}
            >
              <History className="h-4 w-4" aria-hidden="true" />
              Versions
            </Button>
            {editor && (
              <Button variant="secondary" onClick={() => setConfirmDelete(true)}>
                <Trash2 className="h-4 w-4" aria-hidden="true" />
                Delete
              </Button>
            )}
          </div>
        }
      />
      <p className="mb-3 text-sm text-slate-500">
        Version {saved.version} · saved {formatDateTime(saved.updatedAt)}
      </p>
      {usedBy.data && usedBy.data.length > 0 && (
        <section aria-label="Used by" className="mb-4 text-sm">
          <h2 className="mb-1 font-semibold">
            On {usedBy.data.length === 1 ? '1 dashboard' : `${usedBy.data.length} dashboards`}
          </h2>
          <UsedByList
            projectId={projectId}
            items={usedBy.data}
            label="Dashboards showing this chart"
          />
        </section>
      )}
      {showVersions && (
        <Versions
          projectId={projectId}
          chartId={saved.id}
          current={saved.version}
          editor={editor}
        />
      )}
      {data.isPending && <Spinner label="Running the chart…" />}
      {data.error && <ErrorMessage title="The chart's query failed" error={data.error} />}
      {data.data && (
        <ChartView
          result={data.data}
          visualization={saved.visualization}
          label={saved.name}
          tableLabel={`${saved.name} rows`}
        />
      )}
      <ConfirmDialog
        open={confirmDelete}
        onCancel={() => {
          remove.reset();
          setConfirmDelete(false);
        }}
        title={`Delete “${saved.name}”?`}
        description="The chart and its versions are removed for everyone in the project."
        confirmLabel="Delete chart"
        onConfirm={() =>
          remove.mutate(
            { chartId: saved.id },
            { onSuccess: () => navigate(`/projects/${projectId}/charts`) },
          )
        }
        inUse={{
          projectId,
          onForce: () =>
            remove.mutate(
              { chartId: saved.id, force: true },
              { onSuccess: () => navigate(`/projects/${projectId}/charts`) },
            ),
        }}
        pending={remove.isPending}
        error={remove.error}
      />
    </>
  );
}

function Versions({
  projectId,
  chartId,
  current,
  editor,
}: {
  projectId: string;
  chartId: string;
  current: number;
  editor: boolean;
}) {
  const versions = useChartVersions(projectId, chartId);
  const restore = useRestoreChartVersion(projectId, chartId);
  return (
    <section
      aria-label="Chart versions"
      className="mb-4 rounded-md border border-slate-200 p-3 text-sm dark:border-slate-700"
    >
      {versions.isPending && <Spinner label="Loading versions…" />}
      {versions.error && (
        <ErrorMessage title="Versions could not be loaded" error={versions.error} />
      )}
      {restore.error && <ErrorMessage title="The version was not restored" error={restore.error} />}
      <ol className="space-y-1">
        {(versions.data?.items ?? []).map((version) => (
          <li key={version.version} className="flex flex-wrap items-center gap-2">
            <span className="font-medium">Version {version.version}</span>
            <span className="text-slate-500">
              {CHANGES[version.change]} {formatDateTime(version.createdAt)}
              {version.createdByEmail ? ` by ${version.createdByEmail}` : ''}
            </span>
            {editor && version.version !== current && (
              <Button
                size="sm"
                variant="secondary"
                loading={restore.isPending && restore.variables === version.version}
                onClick={() => restore.mutate(version.version)}
              >
                Restore version {version.version}
              </Button>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
