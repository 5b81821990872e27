import { BarChart3, Download, History, Play, Square, Table2, TerminalSquare } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useParams, useSearchParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { SelectField } from '@/components/select-field';
import { ChartView, chartOptions, type Visualization } from '@/charts';
import { SaveAsChartButton } from '@/features/charts';
import { Spinner } from '@/components/spinner';
import { useDatasets } from '@/features/datasets';
import { useProject } from '@/features/projects';
import { formatNumber } from '@/lib/format';
import { cn } from '@/lib/cn';
import { useDocumentTitle } from '@/lib/use-document-title';
import { completionSchema, starterSql } from '../completion';
import { useExportQuery } from '../hooks/use-query-jobs';
import { useRunSql } from '../hooks/use-run-sql';
import { queryErrorTitle } from '../query-errors';
import { useSqlWorkspace, workspaceOf } from '../workspace-store';
import { QueryHistory } from './query-history';
import { QueryTabs } from './query-tabs';
import { SchemaBrowser } from './schema-browser';
import type { SqlEditorHandle } from './sql-editor';
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
  const [searchParams, setSearchParams] = useSearchParams();
  const { data: project } = useProject(projectId);
  const datasets = useDatasets(projectId);
  useDocumentTitle('SQL', project?.name);

  const workspace = useSqlWorkspace((state) => state.projects[projectId]);
  // The store's actions never change; its state does, so take them once.
  const [actions] = useState(() => useSqlWorkspace.getState());
  useEffect(() => actions.ensure(projectId), [actions, projectId]);
  const tab = workspace?.tabs.find((candidate) => candidate.id === workspace.activeId);
  const editor = useRef<SqlEditorHandle>(null);
  const [view, setView] = useState<ResultView>('table');
  const [showHistory, setShowHistory] = useState(false);

  // A query opened from elsewhere (Ask's "Open in SQL editor") gets a tab of its own, once: the
  // parameter leaves the address so a reload does not open it again.
  const fromUrl = searchParams.get('sql');
  useEffect(() => {
    if (fromUrl === null || !workspace) return;
    const state = useSqlWorkspace.getState();
    const active = workspaceOf(state.projects, projectId);
    const current = active.tabs.find((candidate) => candidate.id === active.activeId);
    if (current && !current.sql.trim() && !current.result)
      state.updateTab(projectId, current.id, { sql: fromUrl });
    else if (current?.sql !== fromUrl) state.openTab(projectId, fromUrl);
    setSearchParams(
      (params) => {
        params.delete('sql');
        return params;
      },
      { replace: true },
    );
  }, [fromUrl, workspace, projectId, setSearchParams]);

  // A first, empty tab starts with a query on the first dataset.
  const started = useRef(false);
  useEffect(() => {
    if (started.current || !tab || !datasets.data || fromUrl !== null) return;
    started.current = true;
    if (workspace?.tabs.length === 1 && !tab.sql && !tab.result) {
      const starter = starterSql(datasets.data);
      if (starter) actions.updateTab(projectId, tab.id, { sql: starter });
    }
  }, [actions, datasets.data, fromUrl, projectId, tab, workspace?.tabs.length]);

  const sql = tab?.sql ?? '';
  const limit = tab?.limit ?? '1000';
  const schema = useMemo(() => completionSchema(datasets.data), [datasets.data]);
  const query = useRunSql(projectId);
  const exporter = useExportQuery(projectId);
  // The tab a run belongs to keeps its result; another tab shows its own saved one.
  const [runTab, setRunTab] = useState<string | null>(null);
  const live = runTab !== null && runTab === tab?.id;
  const running = live && query.running;
  const error = live ? query.error : null;
  useEffect(() => {
    if (query.outcome && runTab) actions.saveResult(projectId, runTab, query.outcome);
  }, [actions, projectId, query.outcome, runTab]);
  const outcome = (live ? query.outcome : null) ?? tab?.result ?? null;
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
  // The type picked in the chart, kept for "Save as chart" (a new result starts from the
  // recommended one).
  const [chosen, setChosen] = useState<{ for: unknown; visualization: Visualization } | null>(null);
  const saveVisualization: Visualization =
    chosen && chosen.for === result
      ? chosen.visualization
      : {
          type:
            showChart && result
              ? chartOptions(result.columns, result.rows.length).recommended
              : 'table',
        };
  const body = () => ({ sql: sql.trim(), limit: Number(limit) });

  const run = () => {
    if (query.running || !sql.trim() || !tab) return;
    exporter.reset();
    setRunTab(tab.id);
    actions.recordRun(projectId, sql);
    query.run(body());
  };
  const download = (format: ExportFormat) => {
    if (sql.trim()) exporter.mutate({ body: body(), format });
  };
  const setSql = (value: string) => {
    if (tab) actions.updateTab(projectId, tab.id, { sql: value });
  };

  return (
    <>
      <PageHeader
        title="SQL"
        description="Read-only PostgreSQL over the project's datasets. Ctrl+Enter (⌘+Enter on a Mac) runs the query."
      />
      <div className="grid gap-4 lg:grid-cols-[14rem_minmax(0,1fr)]">
        <aside className="order-2 space-y-4 lg:order-1">
          <SchemaBrowser
            datasets={datasets.data ?? []}
            onPick={(name) => editor.current?.insert(name)}
          />
        </aside>
        <div className="order-1 min-w-0 space-y-3 lg:order-2">
          {workspace && (
            <QueryTabs
              tabs={workspace.tabs}
              activeId={workspace.activeId}
              onSelect={(id) => actions.selectTab(projectId, id)}
              onClose={(id) => actions.closeTab(projectId, id)}
              onNew={() => actions.openTab(projectId)}
            />
          )}
          <Suspense fallback={<Spinner label="Loading the editor…" className="h-40" />}>
            {tab && (
              <SqlEditor
                key={tab.id}
                ref={editor}
                label="SQL query"
                value={sql}
                schema={schema}
                onRun={run}
                onChange={setSql}
              />
            )}
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
              onChange={(event) => {
                if (tab) actions.updateTab(projectId, tab.id, { limit: event.target.value });
              }}
              className="w-36"
            />
            <Button
              variant="secondary"
              aria-expanded={showHistory}
              onClick={() => setShowHistory((open) => !open)}
            >
              <History className="h-4 w-4" aria-hidden="true" />
              History
            </Button>
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
          {showHistory && (
            <QueryHistory
              entries={workspace?.history ?? []}
              onPick={(text) => {
                setSql(text);
                setShowHistory(false);
              }}
              onClear={() => actions.clearHistory(projectId)}
            />
          )}
          {exporter.error && <ErrorMessage title="Export failed" error={exporter.error} />}
          {running && <Spinner label={query.phase === 'queued' ? 'Queued…' : 'Running…'} />}
          {error && <ErrorMessage title={queryErrorTitle(error)} error={error} />}
          {live && query.cancelled && (
            <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
              The query was cancelled.
            </p>
          )}
          {live && query.loadingRows && <Spinner label="Loading rows…" />}
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
              <SaveAsChartButton
                projectId={projectId}
                query={{ sql: sql.trim() }}
                visualization={saveVisualization}
                defaultName={tab?.title}
              />
              {view === 'chart' && !showChart && (
                <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
                  No chart fits this result
                </p>
              )}
              {showChart && result ? (
                <ChartView
                  result={result}
                  label="Query result"
                  picker
                  onVisualizationChange={(visualization) =>
                    setChosen({ for: result, visualization })
                  }
                />
              ) : (
                <DataTable
                  label="Query result rows"
                  columns={outcome.columns}
                  rows={outcome.rows}
                  sortable
                />
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
      </div>
    </>
  );
}
