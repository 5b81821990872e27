import {
  Expand,
  Filter,
  History,
  LayoutGrid,
  MessageSquare,
  Minimize,
  Pencil,
  Plus,
  Redo2,
  RefreshCw,
  Save,
  Share2,
  Trash2,
  Type,
  Undo2,
  X,
} from 'lucide-react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import type { MarkValues } from '@/charts';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import { AskPanel } from '@/features/ask';
import { useProject } from '@/features/projects';
import { ApiError } from '@/lib/api/api-error';
import type {
  Dashboard,
  DashboardFilter,
  DashboardWidget,
  DashboardWidgetData,
} from '@/lib/api/dashboards';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  draftOf,
  selectCanRedo,
  selectCanUndo,
  useEditStore,
  type DashboardDraft,
} from '../edit-store';
import {
  useChartsById,
  useDashboard,
  useDashboardChanges,
  useDashboardData,
  useDashboardScope,
  useDashboardVersions,
  useDeleteDashboard,
  useRestoreDashboardVersion,
  useSaveDashboard,
  useWidgetPreview,
} from '../hooks/use-dashboards';
import { useFilterState } from '../hooks/use-filter-state';
import { describeChange, describeMark, describeValue, filterLabel } from '../lib/filter-labels';
import { describeReach, requestCrossFilters, requestFilters } from '../lib/filter-scope';
import {
  clickCrossFilter,
  defaultFilterState,
  removeCrossFilter,
  type CrossFilter,
  type FilterValue,
} from '../lib/filter-state';
import {
  fromLayout,
  NEW_CHART_SIZE,
  NEW_TEXT_SIZE,
  withWidget,
  type LayoutItem,
} from '../lib/grid-layout';
import { CrossFilterChips } from './cross-filter-chips';
import { DashboardGrid } from './dashboard-grid';
import { DrillDownDialog } from './drill-down-dialog';
import {
  AddWidgetDialog,
  FilterEditorDialog,
  SaveDialog,
  WidgetSettingsDialog,
} from './edit-dialogs';
import { FilterControl } from './filter-controls';
import { ShareDialog } from './share-dialog';
import { WidgetCard } from './widget-card';

const EMPTY_WIDGETS: readonly DashboardWidgetData[] = [];

/** One dashboard: view mode (filters, cross-filters, drill-down) and, for editors, edit mode. */
export function DashboardPage() {
  const { projectId = '', dashboardId = '' } = useParams();
  const { data: project } = useProject(projectId);
  const dashboard = useDashboard(projectId, dashboardId);
  useDocumentTitle(dashboard.data?.name ?? 'Dashboard', project?.name);
  if (dashboard.isPending) return <Spinner label="Loading the dashboard…" />;
  if (dashboard.error)
    return <ErrorMessage title="The dashboard could not be loaded" error={dashboard.error} />;
  return (
    <DashboardBody
      projectId={projectId}
      dashboard={dashboard.data}
      editor={canEditProject(project?.role)}
    />
  );
}

type Dialogs = 'add' | 'filter' | 'save' | 'delete' | 'share' | null;

function DashboardBody({
  projectId,
  dashboard,
  editor,
}: {
  projectId: string;
  dashboard: Dashboard;
  editor: boolean;
}) {
  const [params, setParams] = useSearchParams();
  const editing = editor && params.get('edit') === '1';
  const store = useEditStore();
  const canUndo = useEditStore(selectCanUndo);
  const canRedo = useEditStore(selectCanRedo);

  // Entering edit mode (or opening another dashboard in it) starts a draft from the saved one.
  useEffect(() => {
    if (editing && store.dashboardId !== dashboard.id) store.begin(dashboard);
    if (!editing && store.dashboardId !== null) store.end();
  }, [editing, dashboard, store]);

  const draft: DashboardDraft =
    editing && store.dashboardId === dashboard.id && store.history
      ? store.history.present
      : dashboard;
  const [state, setState] = useFilterState(dashboard.filters);
  const charts = useChartsById(projectId);
  // The reach is asked for once the first answer says which columns a click could filter by:
  // one scope request per load, after the data request rather than beside it.
  const [members, setMembers] = useState<readonly string[] | null>(null);
  const scope = useDashboardScope(projectId, dashboard, members ?? [], members !== null);
  const source = useMemo(
    () => ({ kind: 'project' as const, projectId, dashboardId: dashboard.id }),
    [projectId, dashboard.id],
  );
  const data = useDashboardData(source, dashboard, state, scope.data);
  const answered = data.data !== undefined && data.data.pending.length === 0;
  useEffect(() => {
    if (answered) setMembers(data.members);
  }, [answered, data.members]);

  const dataById = useMemo(
    () => new Map((data.data?.data.widgets ?? EMPTY_WIDGETS).map((w) => [w.id, w])),
    [data.data],
  );
  const [drillMarks, setDrillMarks] = useState<Record<string, MarkValues>>({});
  const [drill, setDrill] = useState<{ widget: DashboardWidget; mark: MarkValues } | null>(null);
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [settingsOf, setSettingsOf] = useState<string | null>(null);
  const [showVersions, setShowVersions] = useState(false);
  const [fullScreen, setFullScreen] = useState(false);
  const [asking, setAsking] = useState(false);
  const frame = useRef<HTMLDivElement>(null);

  const titleOf = useCallback(
    (widget: DashboardWidget) =>
      widget.title ??
      (widget.chartId ? charts.byId.get(widget.chartId)?.name : undefined) ??
      (widget.type === 'text' ? 'Text' : widget.type === 'filter' ? 'Filter' : 'Chart'),
    [charts.byId],
  );
  const placedFilters = new Set(draft.widgets.flatMap((w) => (w.filterId ? [w.filterId] : [])));
  const barFilters = draft.filters.filter((f) => !placedFilters.has(f.id));
  const scopeWidgets = draft.widgets
    .filter((w) => w.type === 'chart' || w.type === 'kpi')
    .map((w) => ({ id: w.id, title: titleOf(w) }));

  const setEditing = (on: boolean) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      if (on) next.set('edit', '1');
      else next.delete('edit');
      return next;
    });
  const change = store.change;

  const setFilter = (filter: DashboardFilter, value: FilterValue) =>
    setState((s) => ({ ...s, values: { ...s.values, [filter.id]: value } }));

  const onMarkClick = (widget: DashboardWidget) => (mark: MarkValues) => {
    setDrillMarks((marks) => ({ ...marks, [widget.id]: mark }));
    setState((s) => ({
      ...s,
      crossFilters: [...clickCrossFilter(s.crossFilters, widget.id, mark)],
    }));
  };
  const crossOf = (widgetId: string): CrossFilter | undefined =>
    state.crossFilters.find((c) => c.widgetId === widgetId);

  const filterControl = (filter: DashboardFilter) => (
    <FilterControl
      key={filter.id}
      source={source}
      filter={filter}
      value={state.values[filter.id] ?? null}
      onChange={(value) => setFilter(filter, value)}
      reach={scope.data ? describeReach(scope.data.filters[filter.id], scopeWidgets) : undefined}
    />
  );

  const toggleFullScreen = () => {
    const next = !fullScreen;
    setFullScreen(next);
    const element = frame.current;
    if (next && element && typeof element.requestFullscreen === 'function')
      element.requestFullscreen().catch(() => undefined);
    else if (!next && typeof document.exitFullscreen === 'function' && document.fullscreenElement)
      void document.exitFullscreen();
  };
  useEffect(() => {
    const onChange = () => {
      if (!document.fullscreenElement) setFullScreen(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, []);

  // Ctrl/Cmd+Z undoes, Ctrl/Cmd+Shift+Z (or Ctrl+Y) redoes — outside text fields.
  useEffect(() => {
    if (!editing) return;
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (!(event.ctrlKey || event.metaKey)) return;
      const key = event.key.toLowerCase();
      if (key === 'z' && !event.shiftKey) store.undo();
      else if ((key === 'z' && event.shiftKey) || key === 'y') store.redo();
      else return;
      event.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [editing, store]);

  const onLayout = (layout: readonly LayoutItem[]) =>
    change((d) => {
      const widgets = fromLayout(d.widgets, layout);
      return widgets === d.widgets ? d : { ...d, widgets: [...widgets] };
    });
  const addWidget = (widget: Omit<DashboardWidget, 'id' | 'x' | 'y' | 'ignoreCrossFilters'>) =>
    change((d) => ({ ...d, widgets: withWidget(d.widgets, widget, d.columns) }));
  const removeWidget = (id: string) =>
    change((d) => ({ ...d, widgets: d.widgets.filter((w) => w.id !== id) }));
  const setMarkdown = (id: string, markdown: string) =>
    change(
      (d) => ({ ...d, widgets: d.widgets.map((w) => (w.id === id ? { ...w, markdown } : w)) }),
      `text:${id}`,
    );
  const removeFilter = (id: string) =>
    change((d) => ({
      ...d,
      filters: d.filters.filter((f) => f.id !== id),
      widgets: d.widgets
        .filter((w) => w.filterId !== id)
        .map((w) =>
          w.optOut?.includes(id) ? { ...w, optOut: w.optOut.filter((o) => o !== id) } : w,
        ),
    }));

  const save = useSaveDashboard(projectId, dashboard.id);
  const remove = useDeleteDashboard(projectId);
  const navigate = useNavigate();
  const stale =
    save.error instanceof ApiError && save.error.code === 'stale_version' ? save.error : null;
  const doSave = (note: string, overVersion?: number) =>
    save.mutate(
      { ...draft, version: overVersion ?? store.baseVersion, note: note || null },
      {
        onSuccess: (saved) => {
          store.rebase(saved);
          setDialog(null);
          setEditing(false);
        },
      },
    );

  // Ask's "Add to dashboard" (view mode): the answer's chart goes to the first free slot and the
  // dashboard is saved at once as a new version, so the widget is live for everyone and the change
  // log says where it came from. A save that someone else beat is reported, nothing is lost: the
  // chart is saved and can be added from the edit mode's chart picker.
  const addFromAsk = useSaveDashboard(projectId, dashboard.id);
  const onAddAsWidget = (chartId: string) =>
    addFromAsk.mutate({
      ...draftOf(dashboard),
      widgets: withWidget(
        dashboard.widgets,
        { type: 'chart', chartId, ...NEW_CHART_SIZE },
        dashboard.columns,
      ),
      version: dashboard.version,
      note: 'Added from Ask',
    });
  const askContext = useMemo(
    () => ({
      id: dashboard.id,
      filters: requestFilters(state),
      crossFilters: requestCrossFilters(state),
    }),
    [dashboard.id, state],
  );

  const content = (
    <>
      {barFilters.length > 0 && (
        <section
          aria-label="Filters"
          className="mb-3 flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
        >
          {barFilters.map((filter) => (
            <div key={filter.id} className="flex items-start gap-1">
              {filterControl(filter)}
              {editing && (
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Put filter ${filterLabel(filter)} on the grid`}
                  title="Put on the grid"
                  onClick={() => addWidget({ type: 'filter', filterId: filter.id, w: 3, h: 2 })}
                  className="mt-6"
                >
                  <LayoutGrid className="h-4 w-4" aria-hidden="true" />
                </Button>
              )}
              {editing && (
                <Button
                  size="icon"
                  variant="ghost"
                  aria-label={`Remove filter ${filterLabel(filter)}`}
                  onClick={() => removeFilter(filter.id)}
                  className="mt-6"
                >
                  <X className="h-4 w-4" aria-hidden="true" />
                </Button>
              )}
            </div>
          ))}
          {!editing && (
            <Button
              variant="ghost"
              size="sm"
              className="mt-6"
              onClick={() => setState(() => defaultFilterState(dashboard.filters))}
            >
              Reset filters
            </Button>
          )}
        </section>
      )}
      <CrossFilterChips
        crossFilters={state.crossFilters}
        sourceTitle={(id) => {
          const source = draft.widgets.find((w) => w.id === id);
          return source ? titleOf(source) : undefined;
        }}
        onClear={(widgetId) =>
          setState((s) => ({ ...s, crossFilters: removeCrossFilter(s.crossFilters, widgetId) }))
        }
      />
      {data.error && (
        <ErrorMessage
          title="The dashboard's data could not be loaded"
          error={data.error}
          onRetry={() => void data.refetch()}
          className="mb-3"
        />
      )}
      {draft.widgets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
          {editing
            ? 'Add a saved chart or a text to start.'
            : editor
              ? 'This dashboard is empty: edit it to add charts.'
              : 'This dashboard is empty.'}
        </p>
      ) : (
        <DashboardGrid
          widgets={draft.widgets}
          columns={draft.columns}
          editing={editing}
          onLayoutChange={onLayout}
          renderWidget={(widget) => (
            <WidgetSlot
              projectId={projectId}
              widget={widget}
              title={titleOf(widget)}
              chart={widget.chartId ? charts.byId.get(widget.chartId) : undefined}
              data={dataById.get(widget.id)}
              loading={data.pending.has(widget.id)}
              editing={editing}
              cross={crossOf(widget.id)}
              drillMark={drillMarkOf(crossOf(widget.id), drillMarks[widget.id])}
              onMarkClick={onMarkClick(widget)}
              onDrill={(mark) => setDrill({ widget, mark })}
              onRemove={() => removeWidget(widget.id)}
              onSettings={
                widget.type === 'chart' || widget.type === 'kpi'
                  ? () => setSettingsOf(widget.id)
                  : undefined
              }
              onMarkdownChange={(markdown) => setMarkdown(widget.id, markdown)}
              filterControl={(() => {
                const filter = draft.filters.find((f) => f.id === widget.filterId);
                return filter ? filterControl(filter) : undefined;
              })()}
            />
          )}
        />
      )}
    </>
  );

  return (
    <div
      ref={frame}
      className={cn(
        fullScreen && 'fixed inset-0 z-40 overflow-auto bg-white p-4 dark:bg-slate-950',
      )}
    >
      <PageHeader
        title={draft.name}
        description={draft.description ?? undefined}
        actions={
          editing ? (
            <div className="flex flex-wrap gap-2" role="toolbar" aria-label="Edit dashboard">
              <Button variant="secondary" onClick={() => setDialog('add')}>
                <Plus className="h-4 w-4" aria-hidden="true" />
                Add chart
              </Button>
              <Button
                variant="secondary"
                onClick={() => addWidget({ type: 'text', markdown: '## Notes', ...NEW_TEXT_SIZE })}
              >
                <Type className="h-4 w-4" aria-hidden="true" />
                Add text
              </Button>
              <Button variant="secondary" onClick={() => setDialog('filter')}>
                <Filter className="h-4 w-4" aria-hidden="true" />
                Add filter
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label="Undo"
                disabled={!canUndo}
                onClick={store.undo}
              >
                <Undo2 className="h-4 w-4" aria-hidden="true" />
              </Button>
              <Button
                variant="ghost"
                size="icon"
                aria-label="Redo"
                disabled={!canRedo}
                onClick={store.redo}
              >
                <Redo2 className="h-4 w-4" aria-hidden="true" />
              </Button>
              <Button onClick={() => setDialog('save')}>
                <Save className="h-4 w-4" aria-hidden="true" />
                Save
              </Button>
              <Button variant="secondary" onClick={() => setEditing(false)}>
                Cancel
              </Button>
            </div>
          ) : (
            <div className="flex flex-wrap gap-2">
              {editor && (
                <Button onClick={() => setEditing(true)}>
                  <Pencil className="h-4 w-4" aria-hidden="true" />
                  Edit
                </Button>
              )}
              <Button
                variant="secondary"
                aria-label="Refresh"
                loading={data.isFetching}
                onClick={() => void data.refetch()}
              >
                <RefreshCw className="h-4 w-4" aria-hidden="true" />
              </Button>
              <Button variant="secondary" aria-pressed={fullScreen} onClick={toggleFullScreen}>
                {fullScreen ? (
                  <Minimize className="h-4 w-4" aria-hidden="true" />
                ) : (
                  <Expand className="h-4 w-4" aria-hidden="true" />
                )}
                {fullScreen ? 'Exit full screen' : 'Full screen'}
              </Button>
              <Button
                variant="secondary"
                aria-expanded={asking}
                aria-controls="dashboard-ask"
                onClick={() => setAsking((open) => !open)}
              >
                <MessageSquare className="h-4 w-4" aria-hidden="true" />
                Ask about this dashboard
              </Button>
              <Button
                variant="secondary"
                aria-expanded={showVersions}
                onClick={() => setShowVersions((open) => !open)}
              >
                <History className="h-4 w-4" aria-hidden="true" />
                Versions
              </Button>
              {editor && (
                <Button variant="secondary" onClick={() => setDialog('share')}>
                  <Share2 className="h-4 w-4" aria-hidden="true" />
                  Share
                </Button>
              )}
              {editor && (
                <Button variant="secondary" onClick={() => setDialog('delete')}>
                  <Trash2 className="h-4 w-4" aria-hidden="true" />
                  Delete
                </Button>
              )}
            </div>
          )
        }
      />
      <p className="mb-3 text-sm text-slate-500">
        Version {dashboard.version} · saved {formatDateTime(dashboard.updatedAt)}
        {dashboard.refreshSeconds ? ` · refreshes every ${dashboard.refreshSeconds} s` : ''}
        {editing && ' · editing'}
      </p>
      {editing && (
        <TextField
          label="Auto-refresh every (seconds, empty for never)"
          type="number"
          min={10}
          className="mb-3 w-72"
          value={draft.refreshSeconds ?? ''}
          onChange={(event) => {
            const n = Number(event.target.value);
            change(
              (d) => ({
                ...d,
                refreshSeconds:
                  event.target.value === '' || !Number.isFinite(n) ? null : Math.max(10, n),
              }),
              'refresh',
            );
          }}
        />
      )}
      {showVersions && !editing && (
        <Versions
          projectId={projectId}
          dashboard={dashboard}
          editor={editor}
          widgetName={(id) => {
            const widget = dashboard.widgets.find((w) => w.id === id);
            return widget ? titleOf(widget) : id;
          }}
        />
      )}
      {asking && !editing ? (
        <div className="flex flex-col gap-4 lg:flex-row lg:items-start">
          <div className="min-w-0 flex-1">{content}</div>
          <div
            id="dashboard-ask"
            className="shrink-0 rounded-lg border border-slate-200 lg:sticky lg:top-4 lg:w-[26rem] dark:border-slate-700"
          >
            {addFromAsk.isSuccess && (
              <p role="status" className="px-4 pt-4 text-sm text-green-700 dark:text-green-400">
                Added to the dashboard (version {addFromAsk.data.version}).
              </p>
            )}
            {addFromAsk.error && (
              <ErrorMessage
                className="mx-4 mt-4"
                title="The chart was saved but not added to the dashboard"
                error={
                  addFromAsk.error instanceof ApiError && addFromAsk.error.code === 'stale_version'
                    ? 'Someone saved the dashboard meanwhile. Reload it, then add the chart in edit mode (Add chart).'
                    : addFromAsk.error
                }
              />
            )}
            <AskPanel
              projectId={projectId}
              dashboard={askContext}
              onAddAsWidget={editor ? onAddAsWidget : undefined}
            />
          </div>
        </div>
      ) : (
        content
      )}
      {dialog === 'add' && (
        <AddWidgetDialog
          charts={[...charts.byId.values()]}
          loading={charts.isPending}
          error={charts.error}
          onAdd={(chart, type) =>
            addWidget({
              type,
              chartId: chart.id,
              ...(type === 'kpi' ? { w: 3, h: 2 } : NEW_CHART_SIZE),
            })
          }
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'filter' && (
        <FilterEditorDialog
          members={data.members}
          nextId={nextFilterId(draft.filters)}
          onAdd={(filter) => {
            change((d) => ({ ...d, filters: [...d.filters, filter] }));
            setDialog(null);
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === 'save' && (
        <SaveDialog
          saving={save.isPending}
          error={
            stale
              ? `Someone saved a newer version${
                  typeof stale.details.currentVersion === 'number'
                    ? ` (version ${stale.details.currentVersion})`
                    : ''
                } while you were editing. Your changes are still here: save again to replace it, or cancel and reload to see theirs.`
              : save.error
          }
          onSave={(note) =>
            doSave(
              note,
              stale && typeof stale.details.currentVersion === 'number'
                ? stale.details.currentVersion
                : undefined,
            )
          }
          onClose={() => {
            save.reset();
            setDialog(null);
          }}
        />
      )}
      {editing &&
        (() => {
          const widget = draft.widgets.find((w) => w.id === settingsOf);
          if (!widget) return null;
          return (
            <WidgetSettingsDialog
              widget={widget}
              defaultTitle={
                (widget.chartId ? charts.byId.get(widget.chartId)?.name : undefined) ?? 'Chart'
              }
              filters={draft.filters}
              onApply={(patch) => {
                change((d) => ({
                  ...d,
                  widgets: d.widgets.map((w) => (w.id === widget.id ? { ...w, ...patch } : w)),
                }));
                setSettingsOf(null);
              }}
              onClose={() => setSettingsOf(null)}
            />
          );
        })()}
      {dialog === 'share' && (
        <ShareDialog
          projectId={projectId}
          dashboardId={dashboard.id}
          dashboardName={dashboard.name}
          onClose={() => setDialog(null)}
        />
      )}
      <ConfirmDialog
        open={dialog === 'delete'}
        onCancel={() => setDialog(null)}
        title={`Delete “${dashboard.name}”?`}
        description="The dashboard is removed for everyone in the project; its history is kept."
        confirmLabel="Delete dashboard"
        onConfirm={() =>
          remove.mutate(dashboard.id, {
            onSuccess: () => navigate(`/projects/${projectId}/dashboards`),
          })
        }
        pending={remove.isPending}
        error={remove.error}
      />
      {drill && (
        <DrillDownDialog
          projectId={projectId}
          dashboardId={dashboard.id}
          widgetId={drill.widget.id}
          widgetTitle={titleOf(drill.widget)}
          state={state}
          mark={drill.mark}
          onClose={() => setDrill(null)}
        />
      )}
    </div>
  );
}

/**
 * The mark a widget's "Rows behind …" opens: while the widget cross-filters, the mark clicked
 * (with its raw values), else — opened from a link — the cross-filter's value.
 */
function drillMarkOf(
  cross: CrossFilter | undefined,
  clicked: MarkValues | undefined,
): MarkValues | undefined {
  if (!cross || cross.values.length !== 1) return undefined;
  const first = clicked ? Object.entries(clicked)[0] : undefined;
  const raw = first?.[1];
  const same =
    first?.[0] === cross.member &&
    (typeof raw === 'string' ? raw : JSON.stringify(raw)) === cross.values[0];
  return same ? clicked : { [cross.member]: cross.values[0] };
}

function nextFilterId(filters: readonly DashboardFilter[]): string {
  const highest = filters.reduce((max, { id }) => {
    const match = /^f(\d+)$/.exec(id);
    return match ? Math.max(max, Number(match[1])) : max;
  }, 0);
  return `f${highest + 1}`;
}

interface WidgetSlotProps {
  projectId: string;
  widget: DashboardWidget;
  title: string;
  chart: Parameters<typeof WidgetCard>[0]['chart'];
  data: DashboardWidgetData | undefined;
  loading: boolean;
  editing: boolean;
  cross: CrossFilter | undefined;
  drillMark: MarkValues | undefined;
  onMarkClick: (mark: MarkValues) => void;
  onDrill: (mark: MarkValues) => void;
  onRemove: () => void;
  onSettings?: () => void;
  onMarkdownChange: (markdown: string) => void;
  filterControl: React.ReactNode;
}

/** A widget with its data: the dashboard's answer, or (added in edit mode) its chart run alone. */
function WidgetSlot({ projectId, widget, data, drillMark, onDrill, ...rest }: WidgetSlotProps) {
  const charted = widget.type === 'chart' || widget.type === 'kpi';
  const preview = useWidgetPreview(
    projectId,
    widget.chartId ?? null,
    charted && data === undefined && !rest.loading,
  );
  const shown: DashboardWidgetData | undefined =
    data ??
    (preview.data
      ? { id: widget.id, applied: [], columns: preview.data.columns, rows: preview.data.rows }
      : preview.error
        ? {
            id: widget.id,
            applied: [],
            error: {
              code: 'preview_failed',
              message: preview.error.message,
              details: {},
            },
          }
        : undefined);
  return (
    <WidgetCard
      {...rest}
      widget={widget}
      data={shown}
      loading={rest.loading || preview.isFetching}
      filtering={rest.cross ? describeValue(rest.cross.values) : null}
      onDrill={drillMark && charted ? () => onDrill(drillMark) : undefined}
      drillLabel={drillMark ? `Rows behind ${describeMark(drillMark)}` : undefined}
    />
  );
}

const CHANGES = { created: 'Created', edited: 'Edited', restored: 'Restored' } as const;
const EMPTY_CHANGE = {
  widgets: { added: [], removed: [], moved: [], edited: [] },
  filters: { added: [], removed: [], edited: [] },
  fields: [],
};

/** Every saved version, newest first, with its note; editors restore an older one. */
function Versions({
  projectId,
  dashboard,
  editor,
  widgetName,
}: {
  projectId: string;
  dashboard: Dashboard;
  editor: boolean;
  widgetName: (id: string) => string;
}) {
  const versions = useDashboardVersions(projectId, dashboard.id);
  const changes = useDashboardChanges(projectId, dashboard.id);
  const changeOf = new Map((changes.data?.items ?? []).map((c) => [c.version, c]));
  const filterName = (id: string) => {
    const filter = dashboard.filters.find((f) => f.id === id);
    return filter ? filterLabel(filter) : id;
  };
  const restore = useRestoreDashboardVersion(projectId, dashboard.id);
  return (
    <section
      aria-label="Dashboard versions"
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
              {CHANGES[version.change]}
              {version.restoredFrom ? ` from version ${version.restoredFrom}` : ''}{' '}
              {formatDateTime(version.createdAt)}
              {version.createdByEmail ? ` by ${version.createdByEmail}` : ''}
            </span>
            {version.note && <span className="italic">“{version.note}”</span>}
            {changeOf.get(version.version) && (
              <span className="w-full pl-4 text-xs text-slate-500">
                {describeChange(
                  changeOf.get(version.version) ?? EMPTY_CHANGE,
                  widgetName,
                  filterName,
                )}
              </span>
            )}
            {editor && version.version !== dashboard.version && (
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
