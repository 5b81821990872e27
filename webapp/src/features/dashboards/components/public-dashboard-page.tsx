import { LinkIcon } from 'lucide-react';
import { useCallback, useMemo } from 'react';
import { useParams } from 'react-router-dom';
import type { MarkValues } from '@/charts';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { ApiError } from '@/lib/api/api-error';
import type {
  DashboardFilter,
  DashboardWidget,
  DashboardWidgetData,
  PublicDashboard,
} from '@/lib/api/dashboards';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useDashboardData, usePublicDashboard } from '../hooks/use-dashboards';
import { useFilterState } from '../hooks/use-filter-state';
import { describeValue } from '../lib/filter-labels';
import {
  clickCrossFilter,
  defaultFilterState,
  removeCrossFilter,
  type FilterValue,
} from '../lib/filter-state';
import { CrossFilterChips } from './cross-filter-chips';
import { DashboardGrid } from './dashboard-grid';
import { FilterControl } from './filter-controls';
import { WidgetCard } from './widget-card';

const EMPTY_WIDGETS: readonly DashboardWidgetData[] = [];

/**
 * A dashboard opened by its public link, signed out: read-only, drawn by the same grid and widget
 * components as the signed-in view, its data through the link (one request per filter state),
 * with the filter bar (state in the URL) and cross-filtering. No editing, no drill-down (links do
 * not offer rows) and no app navigation. A dead link (revoked, expired, unknown) says so.
 */
export function PublicDashboardPage() {
  const { token = '' } = useParams();
  const page = usePublicDashboard(token);
  useDocumentTitle(page.data?.dashboard.name ?? 'Shared dashboard');
  let body;
  if (page.isPending) body = <Spinner label="Loading the dashboard…" />;
  else if (page.error)
    body =
      page.error instanceof ApiError && page.error.status === 404 ? (
        <DeadLink />
      ) : (
        <ErrorMessage
          title="The dashboard could not be loaded"
          error={page.error}
          onRetry={() => void page.refetch()}
        />
      );
  else body = <PublicDashboardView token={token} shared={page.data} />;
  return <main className="mx-auto min-h-screen max-w-screen-2xl p-4 sm:p-6">{body}</main>;
}

function DeadLink() {
  return (
    <section
      aria-labelledby="dead-link"
      className="mx-auto mt-16 max-w-lg rounded-lg border border-slate-200 p-6 text-center dark:border-slate-700"
    >
      <LinkIcon className="mx-auto mb-3 h-8 w-8 text-slate-400" aria-hidden="true" />
      <h1 id="dead-link" className="mb-2 text-lg font-semibold">
        This link no longer works
      </h1>
      <p className="text-sm text-slate-600 dark:text-slate-300">
        It may have been revoked or have expired, or the dashboard was deleted. Ask whoever shared
        it for a new link.
      </p>
    </section>
  );
}

function PublicDashboardView({ token, shared }: { token: string; shared: PublicDashboard }) {
  const { dashboard, charts } = shared;
  const chartsById = useMemo(() => new Map(charts.map((c) => [c.id, c])), [charts]);
  const [state, setState] = useFilterState(dashboard.filters);
  const source = useMemo(
    () => ({ kind: 'public' as const, token, dashboardId: dashboard.id }),
    [token, dashboard.id],
  );
  // No reach is asked for through a link: every change asks for every widget (one request).
  const data = useDashboardData(source, dashboard, state, undefined);
  const dataById = useMemo(
    () => new Map((data.data?.data.widgets ?? EMPTY_WIDGETS).map((w) => [w.id, w])),
    [data.data],
  );
  const titleOf = useCallback(
    (widget: DashboardWidget) =>
      widget.title ??
      (widget.chartId ? chartsById.get(widget.chartId)?.name : undefined) ??
      (widget.type === 'text' ? 'Text' : widget.type === 'filter' ? 'Filter' : 'Chart'),
    [chartsById],
  );
  const placed = new Set(dashboard.widgets.flatMap((w) => (w.filterId ? [w.filterId] : [])));
  const barFilters = dashboard.filters.filter((f) => !placed.has(f.id));
  const setFilter = (filter: DashboardFilter, value: FilterValue) =>
    setState((s) => ({ ...s, values: { ...s.values, [filter.id]: value } }));
  const filterControl = (filter: DashboardFilter) => (
    <FilterControl
      key={filter.id}
      source={source}
      filter={filter}
      value={state.values[filter.id] ?? null}
      onChange={(value) => setFilter(filter, value)}
    />
  );
  const onMarkClick = (widget: DashboardWidget) => (mark: MarkValues) =>
    setState((s) => ({
      ...s,
      crossFilters: [...clickCrossFilter(s.crossFilters, widget.id, mark)],
    }));

  return (
    <>
      <header className="mb-4">
        <h1 className="text-2xl font-semibold">{dashboard.name}</h1>
        {dashboard.description && (
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-300">{dashboard.description}</p>
        )}
        <p className="mt-1 text-xs text-slate-500">
          Shared read-only view · updated {formatDateTime(dashboard.updatedAt)}
          {shared.expiresAt ? ` · this link works until ${formatDateTime(shared.expiresAt)}` : ''}
        </p>
      </header>
      {barFilters.length > 0 && (
        <section
          aria-label="Filters"
          className="mb-3 flex flex-wrap items-start gap-4 rounded-lg border border-slate-200 p-3 dark:border-slate-700"
        >
          {barFilters.map(filterControl)}
          <Button
            variant="ghost"
            size="sm"
            className="mt-6"
            onClick={() => setState(() => defaultFilterState(dashboard.filters))}
          >
            Reset filters
          </Button>
        </section>
      )}
      <CrossFilterChips
        crossFilters={state.crossFilters}
        sourceTitle={(id) => {
          const widget = dashboard.widgets.find((w) => w.id === id);
          return widget ? titleOf(widget) : undefined;
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
      {dashboard.widgets.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500 dark:border-slate-700">
          This dashboard is empty.
        </p>
      ) : (
        <DashboardGrid
          widgets={dashboard.widgets}
          columns={dashboard.columns}
          editing={false}
          renderWidget={(widget) => {
            const cross = state.crossFilters.find((c) => c.widgetId === widget.id);
            const filter = dashboard.filters.find((f) => f.id === widget.filterId);
            return (
              <WidgetCard
                widget={widget}
                title={titleOf(widget)}
                chart={widget.chartId ? chartsById.get(widget.chartId) : undefined}
                data={dataById.get(widget.id)}
                loading={data.pending.has(widget.id)}
                editing={false}
                filtering={cross ? describeValue(cross.values) : null}
                onMarkClick={onMarkClick(widget)}
                onRemove={() => undefined}
                onMarkdownChange={() => undefined}
                filterControl={filter ? filterControl(filter) : undefined}
              />
            );
          }}
        />
      )}
    </>
  );
}
