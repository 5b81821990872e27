import { Database, Upload } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button, focusRing } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { PageSpinner } from '@/components/spinner';
import { useProject } from '@/features/projects';
import { cn } from '@/lib/cn';
import { formatDateTime, formatNumber } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useDatasets } from '../hooks/use-datasets';
import type { Dataset } from '../types';
import { StatusBadge } from './status-badge';
import { UploadPanel } from './upload-panel';

export function DatasetsPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  const datasets = useDatasets(projectId);
  const navigate = useNavigate();
  const [panelOpen, setPanelOpen] = useState(false);
  const uploadHeading = useRef<HTMLHeadingElement>(null);
  const focusOnOpen = useRef(false);
  useDocumentTitle('Datasets', project?.name);

  // Opened from the header button: move focus into the panel (not when an upload opens it).
  useEffect(() => {
    if (panelOpen && focusOnOpen.current) uploadHeading.current?.focus();
    focusOnOpen.current = false;
  }, [panelOpen]);

  if (!project) return <PageSpinner />;
  const canEdit = canEditProject(project.role);
  const openDataset = (dataset: Dataset) =>
    navigate(`/projects/${projectId}/datasets/${dataset.id}`);
  const empty = datasets.data?.length === 0;
  // One upload section in one place, whether it teaches (empty list) or is opened from the
  // header: the list fills in as soon as the file is received, and the upload must live on.
  const showUpload = canEdit && (empty || panelOpen);

  return (
    <>
      <PageHeader
        title="Datasets"
        description={`Files uploaded to ${project.name}, each loaded as a table you can query.`}
        actions={
          canEdit && !showUpload ? (
            <Button
              onClick={() => {
                focusOnOpen.current = true;
                setPanelOpen(true);
              }}
            >
              <Upload className="h-4 w-4" aria-hidden="true" />
              Upload dataset
            </Button>
          ) : undefined
        }
      />
      {showUpload && (
        <section
          aria-labelledby="upload-heading"
          className={cn(
            'mb-8 rounded-lg p-4',
            empty
              ? 'border border-dashed border-slate-300 px-6 py-10 dark:border-slate-700'
              : 'border border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/50',
          )}
        >
          {empty ? (
            <div className="mx-auto mb-6 max-w-lg text-center">
              <Database className="mx-auto h-10 w-10 text-brand-500" aria-hidden="true" />
              <h2
                id="upload-heading"
                ref={uploadHeading}
                tabIndex={-1}
                className="mt-4 text-lg font-semibold focus:outline-none"
              >
                Upload a CSV or Excel file to get started
              </h2>
              <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
                Each file becomes a table: we detect the delimiter, header and column types, and you
                can correct the types afterwards.
              </p>
            </div>
          ) : (
            <div className="mb-3 flex items-center justify-between gap-4">
              <h2
                id="upload-heading"
                ref={uploadHeading}
                tabIndex={-1}
                className="text-base font-semibold focus:outline-none"
              >
                Upload a dataset
              </h2>
              <Button variant="ghost" size="sm" onClick={() => setPanelOpen(false)}>
                Close
              </Button>
            </div>
          )}
          <div className={cn(empty && 'mx-auto max-w-xl')}>
            <UploadPanel
              projectId={projectId}
              onReady={openDataset}
              onStart={() => setPanelOpen(true)}
            />
          </div>
        </section>
      )}
      {datasets.isPending ? (
        <PageSpinner label="Loading datasets…" />
      ) : datasets.isError ? (
        <ErrorMessage
          title="Could not load datasets"
          error={datasets.error}
          onRetry={() => void datasets.refetch()}
        />
      ) : empty ? (
        canEdit ? null : (
          <EmptyState
            icon={Database}
            title="No datasets yet"
            description="Editors and owners of this project can upload CSV and Excel files; they will appear here."
          />
        )
      ) : (
        <DatasetTable projectId={projectId} projectName={project.name} datasets={datasets.data} />
      )}
    </>
  );
}

function DatasetTable({
  projectId,
  projectName,
  datasets,
}: {
  projectId: string;
  projectName: string;
  datasets: Dataset[];
}) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Datasets in {projectName}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">
              Name
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Status
            </th>
            <th scope="col" className="px-4 py-3 text-right font-medium">
              Rows
            </th>
            <th scope="col" className="hidden px-4 py-3 text-right font-medium md:table-cell">
              Columns
            </th>
            <th scope="col" className="px-4 py-3 font-medium">
              Updated
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {datasets.map((dataset) => (
            <tr key={dataset.id}>
              <th scope="row" className="px-4 py-3 font-medium">
                <Link
                  to={`/projects/${projectId}/datasets/${dataset.id}`}
                  className={cn(
                    'rounded text-brand-600 hover:underline dark:text-brand-100',
                    focusRing,
                  )}
                >
                  {dataset.name}
                </Link>
                <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">
                  {dataset.tableName}
                </span>
              </th>
              <td className="px-4 py-3">
                <StatusBadge status={dataset.status} />
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                {dataset.rowCount === null || dataset.rowCount === undefined
                  ? '—'
                  : formatNumber(dataset.rowCount)}
              </td>
              <td className="hidden px-4 py-3 text-right tabular-nums md:table-cell">
                {dataset.columns.length || '—'}
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">
                {formatDateTime(dataset.updatedAt)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
