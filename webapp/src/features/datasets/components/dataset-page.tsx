import { ArrowLeft, Check, Copy, FileX, Pencil, Trash2, TriangleAlert, X } from 'lucide-react';
import { useIsMutating } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { Button, focusRing } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { ProgressBar } from '@/components/progress-bar';
import { PageSpinner } from '@/components/spinner';
import { Tabs, type TabItem } from '@/components/tabs';
import { UsedByList } from '@/components/used-by-list';
import { ModelTab } from '@/features/model';
import { useProject } from '@/features/projects';
import { isApiError } from '@/lib/api/api-error';
import { cn } from '@/lib/cn';
import { formatBytes, formatDateTime, formatNumber } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import { hasData, isInProgress, STATUS_LABELS } from '../dataset-status';
import { datasetKeys, useDataset, useDatasetUsedBy, useDeleteDataset } from '../hooks/use-datasets';
import type { Dataset } from '../types';
import { describeLoad } from '../upload-progress';
import { LoadError } from './error-details';
import { PreviewTab } from './preview-tab';
import { ProfileTab } from './profile-tab';
import { RenameDatasetDialog } from './rename-dataset-dialog';
import { SchemaTab } from './schema-tab';
import { StatusBadge } from './status-badge';
import { VersionsTab } from './versions-tab';

type TabId = 'schema' | 'preview' | 'profile' | 'model' | 'versions';
const TABS: readonly TabItem<TabId>[] = [
  { id: 'schema', label: 'Schema' },
  { id: 'preview', label: 'Preview' },
  { id: 'profile', label: 'Profile' },
  { id: 'model', label: 'Model' },
  { id: 'versions', label: 'Versions' },
];
const isTab = (value: string | null): value is TabId => TABS.some((tab) => tab.id === value);

export function DatasetPage() {
  const { projectId = '', datasetId = '' } = useParams();
  const { data: project } = useProject(projectId);
  // A type change answers only when the reload is done: poll the dataset meanwhile for its progress.
  const retyping = useIsMutating({ mutationKey: datasetKeys.retype(projectId, datasetId) }) > 0;
  const dataset = useDataset(projectId, datasetId, { watch: retyping });
  useDocumentTitle(dataset.data?.name, project?.name);

  if (dataset.isPending || !project) return <PageSpinner label="Loading dataset…" />;
  if (dataset.isError) {
    if (isApiError(dataset.error, 404))
      return (
        <EmptyState
          icon={FileX}
          title="Dataset not found"
          description="It may have been deleted."
          action={<BackLink projectId={projectId} />}
        />
      );
    return (
      <ErrorMessage
        title="Could not load the dataset"
        error={dataset.error}
        onRetry={() => void dataset.refetch()}
      />
    );
  }
  return (
    <DatasetView
      projectId={projectId}
      dataset={dataset.data}
      canEdit={canEditProject(project.role)}
      retyping={retyping}
    />
  );
}

const MODE_LABELS = { replace: 'replacement', append: 'append', retype: 'type change' } as const;

function lastLoadTitle(error: NonNullable<Dataset['lastLoadError']>): string {
  const file = error.filename && error.mode !== 'retype' ? ` from ${error.filename}` : '';
  return `Version ${error.version} (${MODE_LABELS[error.mode]}${file}) was not loaded`;
}

function BackLink({ projectId }: { projectId: string }) {
  return (
    <Link
      to={`/projects/${projectId}/datasets`}
      className={cn(
        'inline-flex items-center gap-1 rounded text-sm font-medium text-brand-600 hover:underline dark:text-brand-100',
        focusRing,
      )}
    >
      <ArrowLeft className="h-4 w-4" aria-hidden="true" />
      All datasets
    </Link>
  );
}

interface DatasetViewProps {
  projectId: string;
  dataset: Dataset;
  canEdit: boolean;
  /** The Schema tab shows a type change's progress itself. */
  retyping: boolean;
}

function DatasetView({ projectId, dataset, canEdit, retyping }: DatasetViewProps) {
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const remove = useDeleteDataset(projectId);
  const tabParam = params.get('tab');
  const tab: TabId = isTab(tabParam) ? tabParam : 'schema';
  const loading = isInProgress(dataset.status);
  const warningsKey = `${dataset.version}:${dataset.warnings.join('\n')}`;

  function selectTab(id: TabId) {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        next.set('tab', id);
        return next;
      },
      { replace: true },
    );
  }

  function confirmDelete(force = false) {
    remove.mutate(
      { datasetId: dataset.id, force },
      { onSuccess: () => navigate(`/projects/${projectId}/datasets`, { replace: true }) },
    );
  }

  return (
    <>
      <div className="mb-4">
        <BackLink projectId={projectId} />
      </div>
      <PageHeader
        title={dataset.name}
        description={<TableName name={dataset.tableName} />}
        actions={
          canEdit ? (
            <>
              <Button variant="secondary" onClick={() => setOpen('rename')}>
                <Pencil className="h-4 w-4" aria-hidden="true" />
                Rename
              </Button>
              <Button variant="secondary" onClick={() => setOpen('delete')}>
                <Trash2 className="h-4 w-4 text-red-600 dark:text-red-400" aria-hidden="true" />
                Delete
              </Button>
            </>
          ) : undefined
        }
      />
      <dl className="mb-6 grid grid-cols-2 gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 lg:grid-cols-5 dark:border-slate-800 dark:bg-slate-900">
        <Fact label="Status">
          <StatusBadge status={dataset.status} />
        </Fact>
        <Fact label="Version">{dataset.version > 0 ? dataset.version : '—'}</Fact>
        <Fact label="Rows">
          {dataset.rowCount === null || dataset.rowCount === undefined
            ? '—'
            : formatNumber(dataset.rowCount)}
        </Fact>
        <Fact label="Source file">
          {dataset.source ? (
            <span className="block truncate" title={dataset.source.filename}>
              {dataset.source.filename}
              {dataset.source.size !== undefined && (
                <span className="text-slate-500 dark:text-slate-400">
                  {' '}
                  · {formatBytes(dataset.source.size)}
                </span>
              )}
              {dataset.source.sheet && (
                <span className="text-slate-500 dark:text-slate-400">
                  {' '}
                  · sheet {dataset.source.sheet}
                </span>
              )}
            </span>
          ) : (
            '—'
          )}
        </Fact>
        <Fact label="Updated">{formatDateTime(dataset.updatedAt)}</Fact>
      </dl>
      <UsedBySection projectId={projectId} datasetId={dataset.id} />
      {loading && !retyping && (
        <div className="mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <ProgressBar
            label="Load progress"
            phase={STATUS_LABELS[dataset.status]}
            {...describeLoad(dataset)}
          />
        </div>
      )}
      {dataset.status === 'failed' && dataset.error ? (
        <LoadError
          className="mb-6"
          title="This file could not be loaded"
          message={dataset.error.message ?? 'The load failed.'}
          details={dataset.error.details ?? {}}
        />
      ) : (
        !loading &&
        dataset.lastLoadError && (
          <LoadError
            className="mb-6"
            title={`${lastLoadTitle(dataset.lastLoadError)}; version ${dataset.version} is still live`}
            message={dataset.lastLoadError.message}
            details={dataset.lastLoadError.details ?? {}}
          />
        )
      )}
      {dataset.warnings.length > 0 && dismissed !== warningsKey && (
        <div
          role="region"
          aria-label="Warnings"
          className="mb-6 flex items-start gap-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <TriangleAlert className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
          <div className="min-w-0 flex-1">
            <p className="font-medium">
              {dataset.warnings.length === 1
                ? 'One thing to know about this file'
                : `${dataset.warnings.length} things to know about this file`}
            </p>
            <ul className="mt-1 list-disc space-y-0.5 pl-5">
              {dataset.warnings.map((warning) => (
                <li key={warning}>{warning}</li>
              ))}
            </ul>
          </div>
          <Button
            variant="ghost"
            size="icon"
            aria-label="Dismiss warnings"
            onClick={() => setDismissed(warningsKey)}
            className="-my-1"
          >
            <X className="h-4 w-4" aria-hidden="true" />
          </Button>
        </div>
      )}
      <Tabs label="Dataset" tabs={TABS} selected={tab} onSelect={selectTab}>
        {tab === 'versions' ? (
          <VersionsTab projectId={projectId} dataset={dataset} canEdit={canEdit} />
        ) : !hasData(dataset) ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            {loading
              ? 'The data appears here once the file has loaded.'
              : 'No data is loaded. Upload the file again as a new version.'}
          </p>
        ) : tab === 'schema' ? (
          <SchemaTab projectId={projectId} dataset={dataset} canEdit={canEdit} />
        ) : tab === 'model' ? (
          <ModelTab
            key={dataset.version}
            projectId={projectId}
            datasetId={dataset.id}
            canEdit={canEdit}
          />
        ) : tab === 'preview' ? (
          <PreviewTab key={dataset.version} projectId={projectId} dataset={dataset} />
        ) : (
          <ProfileTab projectId={projectId} dataset={dataset} />
        )}
      </Tabs>
      <RenameDatasetDialog
        projectId={projectId}
        dataset={dataset}
        open={open === 'rename'}
        onClose={() => setOpen(null)}
      />
      <ConfirmDialog
        open={open === 'delete'}
        title={`Delete “${dataset.name}”?`}
        description={`The table ${dataset.tableName}${dataset.rowCount ? ` with ${formatNumber(dataset.rowCount)} rows` : ''}, its versions and the uploaded files are removed for good. Queries and dashboards that read it will stop working.`}
        confirmLabel="Delete dataset"
        pending={remove.isPending}
        error={remove.error}
        onCancel={() => {
          remove.reset();
          setOpen(null);
        }}
        onConfirm={() => confirmDelete()}
        inUse={{ projectId, onForce: () => confirmDelete(true) }}
      />
    </>
  );
}

/** The charts and dashboards that use this dataset, each a link (shown only when some do). */
function UsedBySection({ projectId, datasetId }: { projectId: string; datasetId: string }) {
  const usedBy = useDatasetUsedBy(projectId, datasetId);
  if (!usedBy.data || usedBy.data.length === 0) return null;
  return (
    <section
      aria-label="Used by"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 className="mb-2 text-sm font-semibold">
        Used by{' '}
        {usedBy.data.length === 1
          ? '1 chart or dashboard'
          : `${usedBy.data.length} charts and dashboards`}
      </h2>
      <UsedByList
        projectId={projectId}
        items={usedBy.data}
        label="Charts and dashboards using this dataset"
      />
    </section>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="min-w-0">
      <dt className="text-slate-500 dark:text-slate-400">{label}</dt>
      <dd className="mt-1">{children}</dd>
    </div>
  );
}

/** The SQL name, with a button that copies it (for the SQL editor and API calls). */
function TableName({ name }: { name: string }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(name);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      setCopied(false);
    }
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <span>Table</span>
      <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-slate-800 dark:bg-slate-800 dark:text-slate-100">
        {name}
      </code>
      <Button
        variant="ghost"
        size="sm"
        onClick={() => void copy()}
        aria-label={copied ? 'Table name copied' : `Copy table name ${name}`}
      >
        {copied ? (
          <Check className="h-4 w-4" aria-hidden="true" />
        ) : (
          <Copy className="h-4 w-4" aria-hidden="true" />
        )}
        <span aria-live="polite">{copied ? 'Copied' : 'Copy'}</span>
      </Button>
    </span>
  );
}
