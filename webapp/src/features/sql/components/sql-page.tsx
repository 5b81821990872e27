import { Download, Play, Square, TerminalSquare } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { useDatasets } from '@/features/datasets';
import { useProject } from '@/features/projects';
import { ApiError } from '@/lib/api/api-error';
import { formatNumber } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { completionSchema, starterSql } from '../completion';
import {
  isFinished,
  useCancelQueryJob,
  useExportQuery,
  useQueryJob,
  useQueryJobResult,
  useSubmitQueryJob,
} from '../hooks/use-query-jobs';
import type { ExportFormat, QueryJob } from '../types';

// CodeMirror is the heaviest part of the page: it arrives in its own chunk.
const SqlEditor = lazy(() => import('./sql-editor').then((module) => ({ default: module.SqlEditor })));

const LIMITS = [100, 1000, 10000].map((n) => ({ value: String(n), label: `${formatNumber(n)} rows` }));

function jobError(job: QueryJob | undefined): ApiError | null {
  if (job?.status !== 'failed') return null;
  return new ApiError(422, job.error?.code ?? 'query_failed', job.error?.message ?? 'The query failed.');
}

export function SqlPage() {
  const { projectId = '' } = useParams();
  const [searchParams] = useSearchParams();
  const { data: project } = useProject(projectId);
  const datasets = useDatasets(projectId);
  useDocumentTitle('SQL', project?.name);

  const fromUrl = searchParams.get('sql');
  const [sql, setSql] = useState(fromUrl ?? '');
  const touched = useRef(fromUrl !== null);
  const [limit, setLimit] = useState('1000');
  const [jobId, setJobId] = useState<string | null>(null);

  // A query opened from elsewhere (Ask's "Open in SQL editor") replaces the editor's text.
  useEffect(() => {
    if (fromUrl !== null) {
      touched.current = true;
      setSql(fromUrl);
    }
  }, [fromUrl]);

  // Until someone types, an empty editor starts with a query on the first dataset.
  useEffect(() => {
    if (!touched.current && datasets.data) setSql((current) => current || starterSql(datasets.data));
  }, [datasets.data]);

  const schema = useMemo(() => completionSchema(datasets.data), [datasets.data]);
  const submit = useSubmitQueryJob(projectId);
  const job = useQueryJob(projectId, jobId);
  const status = job.data?.status;
  const result = useQueryJobResult(projectId, jobId, status === 'succeeded');
  const cancel = useCancelQueryJob(projectId);
  const exporter = useExportQuery(projectId);

  const running = submit.isPending || (jobId !== null && !isFinished(status));
  const body = () => ({ sql: sql.trim(), limit: Number(limit) });

  const run = () => {
    if (running || !sql.trim()) return;
    setJobId(null);
    exporter.reset();
    cancel.reset();
    submit.mutate(body(), { onSuccess: (accepted) => setJobId(accepted.jobId) });
  };
  const download = (format: ExportFormat) => {
    if (sql.trim()) exporter.mutate({ body: body(), format });
  };

  const error = submit.error ?? job.error ?? jobError(job.data) ?? result.error ?? cancel.error;

  return (
    <>
      <PageHeader
        title="SQL"
        description="Read-only PostgreSQL over the project's datasets. Ctrl+Enter (⌘+Enter on a Mac) runs the query."
      />
      <div className="space-y-3">
        <Suspense fallback={<Spinner label="Loading the editor…" className="h-40" />}>
          <SqlEditor
            label="SQL query"
            value={sql}
            schema={schema}
            onRun={run}
            onChange={(value) => {
              touched.current = true;
              setSql(value);
            }}
          />
        </Suspense>
        <div className="flex flex-wrap items-end gap-2">
          <Button onClick={run} loading={running} disabled={!sql.trim()}>
            {!running && <Play className="h-4 w-4" aria-hidden="true" />}
            Run
          </Button>
          {running && jobId !== null && (
            <Button variant="secondary" onClick={() => cancel.mutate(jobId)} loading={cancel.isPending}>
              <Square className="h-4 w-4" aria-hidden="true" />
              Cancel
            </Button>
          )}
          <SelectField
            label="Row limit"
            hideLabel
            options={LIMITS}
            value={limit}
            onChange={(event) => setLimit(event.target.value)}
            className="w-32"
          />
          <div className="ml-auto flex gap-2">
            <Button variant="secondary" onClick={() => download('csv')} disabled={!sql.trim()} loading={exporter.isPending && exporter.variables.format === 'csv'}>
              <Download className="h-4 w-4" aria-hidden="true" />
              Export CSV
            </Button>
            <Button variant="secondary" onClick={() => download('xlsx')} disabled={!sql.trim()} loading={exporter.isPending && exporter.variables.format === 'xlsx'}>
              <Download className="h-4 w-4" aria-hidden="true" />
              Export XLSX
            </Button>
          </div>
        </div>
        {exporter.error && <ErrorMessage title="Export failed" error={exporter.error} />}
        {running && <Spinner label={status === 'running' ? 'Running…' : 'Queued…'} />}
        {error && <ErrorMessage title={error instanceof ApiError ? `Query failed (${error.code})` : 'Query failed'} error={error} />}
        {status === 'cancelled' && <p role="status" className="text-sm text-slate-600 dark:text-slate-400">The query was cancelled.</p>}
        {status === 'succeeded' && result.isPending && <Spinner label="Loading rows…" />}
        {status === 'succeeded' && result.data && job.data && (
          <section aria-label="Query result" className="space-y-2">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              <span>
                {formatNumber(result.data.rowCount)} {result.data.rowCount === 1 ? 'row' : 'rows'}
                {result.data.rows.length < result.data.rowCount && ` (showing the first ${formatNumber(result.data.rows.length)})`}
              </span>
              <span>· {formatNumber(job.data.elapsedMs)} ms</span>
              {result.data.truncated && <Badge tone="amber">truncated at {formatNumber(Number(limit))} rows</Badge>}
            </p>
            <DataTable label="Query result rows" columns={result.data.columns} rows={result.data.rows} />
          </section>
        )}
        {datasets.data?.length === 0 && jobId === null && (
          <EmptyState icon={TerminalSquare} title="No datasets yet" description="Upload a dataset first; each one becomes a table you can query here." />
        )}
      </div>
    </>
  );
}
