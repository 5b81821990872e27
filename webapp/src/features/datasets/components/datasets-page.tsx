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
  const [uploading, setUploading] = useState(false);
  const uploadHeading = useRef<HTMLHeadingElement>(null);
  useDocumentTitle('Datasets', project?.name);

  useEffect(() => {
    if (uploading) uploadHeading.current?.focus();
  }, [uploading]);

  if (!project) return <PageSpinner />;
  const canEdit = canEditProject(project.role);
  const openDataset = (dataset: Dataset) => navigate(`/projects/${projectId}/datasets/${dataset.id}`);
  const empty = datasets.data?.length === 0;

  return (
    <>
      <PageHeader
        title="Datasets"
        description={`Files uploaded to ${project.name}, each loaded as a table you can query.`}
        actions={
          canEdit && !empty && !uploading ? (
            <Button onClick={() => setUploading(true)}>
              <Upload className="h-4 w-4" aria-hidden="true" />
              Upload dataset
            </Button>
          ) : undefined
        }
      />
      {canEdit && uploading && !empty && (
        <section aria-labelledby="upload-heading" className="mb-8 rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900/50">
          <div className="mb-3 flex items-center justify-between gap-4">
            <h2 id="upload-heading" ref={uploadHeading} tabIndex={-1} className="text-base font-semibold focus:outline-none">
              Upload a dataset
            </h2>
            <Button variant="ghost" size="sm" onClick={() => setUploading(false)}>
              Close
            </Button>
          </div>
          <UploadPanel projectId={projectId} onReady={openDataset} />
        </section>
      )}
      {datasets.isPending ? (
        <PageSpinner label="Loading datasets…" />
      ) : datasets.isError ? (
        <ErrorMessage title="Could not load datasets" error={datasets.error} onRetry={() => void datasets.refetch()} />
      ) : empty ? (
        <EmptyState
          icon={Database}
          title={canEdit ? 'Upload a CSV or Excel file to get started' : 'No datasets yet'}
          description={
            canEdit
              ? 'Each file becomes a table: we detect the delimiter, header and column types, and you can correct the types afterwards.'
              : 'Editors and owners of this project can upload CSV and Excel files; they will appear here.'
          }
          action={
            canEdit ? (
              <div className="w-[min(32rem,80vw)] text-left">
                <UploadPanel projectId={projectId} onReady={openDataset} />
              </div>
            ) : undefined
          }
        />
      ) : (
        <DatasetTable projectId={projectId} projectName={project.name} datasets={datasets.data} />
      )}
    </>
  );
}

function DatasetTable({ projectId, projectName, datasets }: { projectId: string; projectName: string; datasets: Dataset[] }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Datasets in {projectName}</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Name</th>
            <th scope="col" className="px-4 py-3 font-medium">Status</th>
            <th scope="col" className="px-4 py-3 text-right font-medium">Rows</th>
            <th scope="col" className="hidden px-4 py-3 text-right font-medium md:table-cell">Columns</th>
            <th scope="col" className="px-4 py-3 font-medium">Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
          {datasets.map((dataset) => (
            <tr key={dataset.id}>
              <th scope="row" className="px-4 py-3 font-medium">
                <Link
                  to={`/projects/${projectId}/datasets/${dataset.id}`}
                  className={cn('rounded text-brand-600 hover:underline dark:text-brand-100', focusRing)}
                >
                  {dataset.name}
                </Link>
                <span className="block font-mono text-xs font-normal text-slate-500 dark:text-slate-400">{dataset.tableName}</span>
              </th>
              <td className="px-4 py-3">
                <StatusBadge status={dataset.status} />
              </td>
              <td className="whitespace-nowrap px-4 py-3 text-right tabular-nums">
                {dataset.rowCount === null || dataset.rowCount === undefined ? '—' : formatNumber(dataset.rowCount)}
              </td>
              <td className="hidden px-4 py-3 text-right tabular-nums md:table-cell">{dataset.columns.length || '—'}</td>
              <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">{formatDateTime(dataset.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
