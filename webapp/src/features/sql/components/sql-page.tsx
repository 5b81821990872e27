import { BarChart3, Download, Play, Square, Table2, TerminalSquare } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { SelectField } from '@/components/select-field';
import { ChartView, chartOptions } from '@/charts';
import { Spinner } from '@/components/spinner';
import { useDatasets } from '@/features/datasets';
import { useProject } from '@/features/projects';
import { ApiError } from '@/lib/api/api-error';
import { formatNumber } from '@/lib/format';
import { cn } from '@/lib/cn';
import { useDocumentTitle } from '@/lib/use-document-title';
import { completionSchema, starterSql } from '../completion';
import { useExportQuery } from '../hooks/use-query-jobs';
import { useRunSql } from '../hooks/use-run-sql';
import type { ExportFormat } from '../types';

// CodeMirror is the heaviest part of the page: it arrives in its own chunk.
const SqlEditor = lazy(() =>
  import('./sql-editor').then((module) => ({ default: module.SqlEditor })),
);

const LIMITS = [100, 1000, 10000].map((n) => ({
  value: String(n),
  label: `${formatNumber(n)} rows`,
}));

type ResultView = 'table' | 'chart';

const VIEWS = [
  { view: 'table', label: 'Table', icon: Table2 },
  { view: 'chart', label: 'Chart', icon: BarChart3 },
] as const;

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
  const [view, setView] = useState<ResultView>('table');

  // A query opened from elsewhere (Ask's "Open in SQL editor") replaces the editor's text.
  useEffect(() => {
    if (fromUrl !== null) {
      touched.current = true;
      setSql(fromUrl);
    }
  }, [fromUrl]);

  // Until someone types, an empty editor starts with a query on the first dataset.
  useEffect(() => {
    if (!touched.current && datasets.data)
      setSql((current) => current || starterSql(datasets.data));
  }, [datasets.data]);

  const schema = useMemo(() => completionSchema(datasets.data), [datasets.data]);
  const query = useRunSql(projectId);
  const exporter = useExportQuery(projectId);
  const { running, outcome, error } = query;
  // The chart type is recommended from the result's shape (and can be changed in the chart);
  // when none fits, the table stays (with a message).
  const result = useMemo(
    () => (outcome ? { columns: outcome.columns, rows: outcome.rows } : null),
    [outcome],
  );
  const fits = useMemo(
    () =>
      result ? chartOptions(result.columns, result.rows.length).recommended !== 'table' : false,
    [result],
  );
  const showChart = view === 'chart' && fits;
  const body = () => ({ sql: sql.trim(), limit: Number(limit) });

  const run = () => {
    if (running || !sql.trim()) return;
    exporter.reset();
    query.run(body());
  };
  const download = (format: ExportFormat) => {
    if (sql.trim()) exporter.mutate({ body: body(), format });
  };

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
          {running && (
            <Button variant="secondary" onClick={query.cancel} loading={query.canceling}>
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
            className="w-36"
          />
          <div className="ml-auto flex gap-2">
            <Button
              variant="secondary"
              onClick={() => download('csv')}
              disabled={!sql.trim()}
              loading={exporter.isPending && exporter.variables.format === 'csv'}
            >
              <Download className="h-4 w-4" aria-hidden="true" />
              Export CSV
            </Button>
            <Button
              variant="secondary"
              onClick={() => download('xlsx')}
              disabled={!sql.trim()}
              loading={exporter.isPending && exporter.variables.format === 'xlsx'}
            >
              <Download className="h-4 w-4" aria-hidden="true" />
              Export XLSX
            </Button>
          </div>
        </div>
        {exporter.error && <ErrorMessage title="Export failed" error={exporter.error} />}
        {running && <Spinner label={query.phase === 'queued' ? 'Queued…' : 'Running…'} />}
        {error && (
          <ErrorMessage
            title={error instanceof ApiError ? `Query failed (${error.code})` : 'Query failed'}
            error={error}
          />
        )}
        {query.cancelled && (
          <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
            The query was cancelled.
          </p>
        )}
        {query.loadingRows && <Spinner label="Loading rows…" />}
        {outcome && (
          <section aria-label="Query result" className="space-y-2">
            <p className="flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
              <span>
                {formatNumber(outcome.rowCount)} {outcome.rowCount === 1 ? 'row' : 'rows'}
                {outcome.rows.length < outcome.rowCount &&
                  ` (showing the first ${formatNumber(outcome.rows.length)})`}
              </span>
              <span>· {formatNumber(outcome.elapsedMs)} ms</span>
              {outcome.truncated && (
                <Badge tone="amber">truncated at {formatNumber(Number(limit))} rows</Badge>
              )}
              {outcome.cached && <Badge tone="green">cached</Badge>}
            </p>
            <div
              role="group"
              aria-label="Show the result as"
              className="inline-flex rounded-md border border-slate-300 p-0.5 dark:border-slate-600"
            >
              {VIEWS.map(({ view: option, label, icon: Icon }) => (
                <button
                  key={option}
                  type="button"
                  aria-pressed={(option === 'chart') === showChart}
                  onClick={() => setView(option)}
                  className={cn(
                    'inline-flex items-center gap-1 rounded px-2.5 py-1 text-sm font-medium',
                    (option === 'chart') === showChart
                      ? 'bg-brand-600 text-white'
                      : 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800',
                  )}
                >
                  <Icon className="h-4 w-4" aria-hidden="true" />
                  {label}
                </button>
              ))}
            </div>
            {view === 'chart' && !showChart && (
              <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
                No chart fits this result
              </p>
            )}
            {showChart && result ? (
              <ChartView result={result} label="Query result" picker />
            ) : (
              <DataTable label="Query result rows" columns={outcome.columns} rows={outcome.rows} />
            )}
          </section>
        )}
        {datasets.data?.length === 0 && !outcome && !running && (
          <EmptyState
            icon={TerminalSquare}
            title="No datasets yet"
            description="Upload a dataset first; each one becomes a table you can query here."
          />
        )}
      </div>
    </>
  );
}
