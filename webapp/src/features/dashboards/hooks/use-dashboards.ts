import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { useMemo, useRef } from 'react';
import { listCharts, runChart, type SavedChart } from '@/lib/api/charts';
import {
  createDashboard,
  createDashboardLink,
  dashboardFilterValues,
  dashboardWidgetRows,
  deleteDashboard,
  getDashboard,
  getDashboardScope,
  getPublicDashboard,
  listDashboardChanges,
  listDashboardLinks,
  listDashboards,
  listDashboardVersions,
  publicDashboardFilterValues,
  restoreDashboardVersion,
  revokeDashboardLink,
  streamDashboard,
  streamPublicDashboard,
  updateDashboard,
  type Dashboard,
  type DashboardData,
  type DashboardInput,
  type DashboardWidgetData,
  type DashboardUpdate,
} from '@/lib/api/dashboards';
import {
  clickableMembers,
  mergeWidgetData,
  requestCrossFilters,
  requestFilters,
  widgetsToRequery,
  type Scope,
} from '../lib/filter-scope';
import { stateKey, type DashboardFilterState } from '../lib/filter-state';

/**
 * Where a dashboard is read from: its project (signed in) or a public link (no session, the token
 * is the credential). The view's data and filter values go through the one that opened it.
 */
export type DashboardSource =
  | { kind: 'project'; projectId: string; dashboardId: string }
  | { kind: 'public'; token: string; dashboardId: string };

/** A public link's reads live under ['public-dashboards', token], apart from any project's. */
export const publicDashboardKeys = {
  detail: (token: string) => ['public-dashboards', token] as const,
  data: (token: string, version: number, state: string) =>
    [...publicDashboardKeys.detail(token), 'data', version, state] as const,
  values: (token: string, filterId: string, q: string) =>
    [...publicDashboardKeys.detail(token), 'values', filterId, q] as const,
};

/** A project's dashboards live under ['projects', id, 'dashboards']. */
export const dashboardKeys = {
  all: (projectId: string) => ['projects', projectId, 'dashboards'] as const,
  list: (projectId: string, q: string) => [...dashboardKeys.all(projectId), 'list', q] as const,
  detail: (projectId: string, id: string) =>
    [...dashboardKeys.all(projectId), 'detail', id] as const,
  versions: (projectId: string, id: string) =>
    [...dashboardKeys.detail(projectId, id), 'versions'] as const,
  scope: (projectId: string, id: string, version: number, members: readonly string[]) =>
    [...dashboardKeys.detail(projectId, id), 'scope', version, members] as const,
  data: (projectId: string, id: string, version: number, state: string) =>
    [...dashboardKeys.detail(projectId, id), 'data', version, state] as const,
  rows: (projectId: string, id: string, widgetId: string, request: string) =>
    [...dashboardKeys.detail(projectId, id), 'rows', widgetId, request] as const,
  values: (projectId: string, id: string, filterId: string, q: string) =>
    [...dashboardKeys.detail(projectId, id), 'values', filterId, q] as const,
  links: (projectId: string, id: string) =>
    [...dashboardKeys.detail(projectId, id), 'links'] as const,
};

export function useDashboards(projectId: string, q: string) {
  return useQuery({
    queryKey: dashboardKeys.list(projectId, q),
    queryFn: ({ signal }) => listDashboards(projectId, { q, limit: 200, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useDashboard(projectId: string, dashboardId: string) {
  return useQuery({
    queryKey: dashboardKeys.detail(projectId, dashboardId),
    queryFn: () => getDashboard(projectId, dashboardId),
  });
}

export function useCreateDashboard(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: DashboardInput; idempotencyKey?: string }) =>
      createDashboard(projectId, body, idempotencyKey),
    onSuccess: (dashboard) => {
      client.setQueryData(dashboardKeys.detail(projectId, dashboard.id), dashboard);
      void client.invalidateQueries({ queryKey: dashboardKeys.all(projectId) });
    },
  });
}

/** Saves the edited document as a new version (409 `stale_version` when someone saved first). */
export function useSaveDashboard(projectId: string, dashboardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: DashboardUpdate) => updateDashboard(projectId, dashboardId, body),
    onSuccess: (dashboard) => {
      client.setQueryData(dashboardKeys.detail(projectId, dashboard.id), dashboard);
      void client.invalidateQueries({ queryKey: dashboardKeys.all(projectId) });
    },
  });
}

export function useDeleteDashboard(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (dashboardId: string) => deleteDashboard(projectId, dashboardId),
    onSuccess: () => client.invalidateQueries({ queryKey: dashboardKeys.all(projectId) }),
  });
}

export function useDashboardVersions(projectId: string, dashboardId: string) {
  return useQuery({
    queryKey: dashboardKeys.versions(projectId, dashboardId),
    queryFn: () => listDashboardVersions(projectId, dashboardId),
  });
}

/** Who changed which widgets and filters in each version (the first page: the newest 50). */
export function useDashboardChanges(projectId: string, dashboardId: string) {
  return useQuery({
    queryKey: [...dashboardKeys.versions(projectId, dashboardId), 'changes'],
    queryFn: () => listDashboardChanges(projectId, dashboardId),
  });
}

export function useRestoreDashboardVersion(projectId: string, dashboardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => restoreDashboardVersion(projectId, dashboardId, version),
    onSuccess: (dashboard) => {
      client.setQueryData(dashboardKeys.detail(projectId, dashboard.id), dashboard);
      void client.invalidateQueries({ queryKey: dashboardKeys.all(projectId) });
    },
  });
}

/**
 * The project's saved charts by id (names and visualizations of the widgets' charts): one list
 * request for the whole dashboard rather than one per widget.
 */
export function useChartsById(projectId: string) {
  const query = useQuery({
    queryKey: ['projects', projectId, 'charts', 'list', '', 'all'],
    queryFn: ({ signal }) => listCharts(projectId, { limit: 500, signal }),
    staleTime: 30_000,
  });
  const byId = useMemo(
    () => new Map<string, SavedChart>((query.data?.items ?? []).map((c) => [c.id, c])),
    [query.data],
  );
  return { ...query, byId };
}

/** Which widgets each filter reaches, and a cross-filter on each of `members` would reach. */
export function useDashboardScope(
  projectId: string,
  dashboard: Dashboard | undefined,
  members: readonly string[],
  enabled = true,
) {
  const sorted = useMemo(() => [...new Set(members)].sort(), [members]);
  return useQuery({
    queryKey: dashboardKeys.scope(projectId, dashboard?.id ?? '', dashboard?.version ?? 0, sorted),
    queryFn: ({ signal }) => getDashboardScope(projectId, dashboard?.id ?? '', sorted, signal),
    enabled: enabled && dashboard !== undefined,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

/** What the data hook reads of a dashboard (a public link's document has no more). */
type DataDashboard = Pick<Dashboard, 'id' | 'version' | 'widgets' | 'refreshSeconds'>;

interface DataAnswer {
  data: DashboardData;
  state: DashboardFilterState;
  version: number;
  /** Widgets asked for whose entry has not arrived yet (the stream is still running). */
  pending: readonly string[];
}

/**
 * Every widget's data for one filter state: one request per state (the query is keyed on it),
 * streamed, so each widget is drawn as soon as its entry arrives. After a change only the widgets
 * the change reaches are asked for again (per `scope`); the others keep their rows. An
 * auto-refresh (`refreshSeconds`) asks for every widget.
 */
export function useDashboardData(
  source: DashboardSource,
  dashboard: DataDashboard | undefined,
  state: DashboardFilterState,
  scope: Scope | undefined,
) {
  const client = useQueryClient();
  const last = useRef<DataAnswer | null>(null);
  const version = dashboard?.version ?? 0;
  const key = stateKey(state);
  const queryKey =
    source.kind === 'public'
      ? publicDashboardKeys.data(source.token, version, key)
      : dashboardKeys.data(source.projectId, source.dashboardId, version, key);
  const stream = source.kind === 'public' ? streamPublicDashboard : streamDashboard;
  const target = source.kind === 'public' ? source.token : source.projectId;
  const query = useQuery({
    queryKey,
    queryFn: async ({ signal }): Promise<DataAnswer> => {
      const previous = last.current?.version === version ? last.current : null;
      const only =
        previous && stateKey(previous.state) !== key && dashboard
          ? widgetsToRequery(previous.state, state, scope, dashboard.widgets.map(scopeWidget))
          : null;
      if (previous && only?.length === 0) {
        last.current = { ...previous, state };
        return last.current;
      }
      const asked =
        only ??
        (dashboard?.widgets ?? [])
          .filter((w) => w.type === 'chart' || w.type === 'kpi')
          .map((w) => w.id);
      const base = previous?.data.widgets ?? [];
      const arrived: DashboardWidgetData[] = [];
      const publish = (data: DashboardData, pending: readonly string[]) => {
        const answer = { data, state, version, pending };
        client.setQueryData(queryKey, answer);
        return answer;
      };
      const fresh = await stream(
        target,
        dashboard?.id ?? '',
        {
          filters: requestFilters(state),
          crossFilters: requestCrossFilters(state),
          ...(only ? { widgets: only } : {}),
        },
        (widget) => {
          arrived.push(widget);
          const done = new Set(arrived.map((w) => w.id));
          publish(
            {
              dashboardId: dashboard?.id ?? '',
              dashboardVersion: version,
              widgets: mergeWidgetData(base, arrived),
            },
            asked.filter((id) => !done.has(id)),
          );
        },
        signal,
      );
      const answer: DataAnswer = {
        data: { ...fresh, widgets: only ? mergeWidgetData(base, fresh.widgets) : fresh.widgets },
        state,
        version,
        pending: [],
      };
      last.current = answer;
      return answer;
    },
    enabled: dashboard !== undefined,
    placeholderData: keepPreviousData,
    retry: false,
    refetchInterval: dashboard?.refreshSeconds ? dashboard.refreshSeconds * 1000 : false,
  });
  const members = useMemo(
    () => [
      ...clickableMembers(query.data?.data.widgets ?? []),
      ...state.crossFilters.map((c) => c.member),
    ],
    [query.data, state.crossFilters],
  );
  // While the request runs (and before its first entry), every widget asked for is pending.
  const pending = useMemo(() => {
    if (!query.isFetching) return new Set<string>();
    if (query.data && !query.isPlaceholderData) return new Set(query.data.pending);
    return new Set(
      (dashboard?.widgets ?? [])
        .filter((w) => w.type === 'chart' || w.type === 'kpi')
        .map((w) => w.id),
    );
  }, [query.isFetching, query.data, query.isPlaceholderData, dashboard]);
  return { ...query, members, pending };
}

const scopeWidget = (w: Dashboard['widgets'][number]) => ({
  id: w.id,
  title: w.title ?? w.id,
  optOut: w.optOut,
  ignoreCrossFilters: w.ignoreCrossFilters,
});

/** The rows behind a clicked mark, a page at a time. */
export function useWidgetRows(
  projectId: string,
  dashboardId: string,
  widgetId: string,
  state: DashboardFilterState,
  mark: Readonly<Record<string, unknown>>,
) {
  const request = JSON.stringify([stateKey(state), mark]);
  return useInfiniteQuery({
    queryKey: dashboardKeys.rows(projectId, dashboardId, widgetId, request),
    queryFn: ({ pageParam, signal }) =>
      dashboardWidgetRows(
        projectId,
        dashboardId,
        widgetId,
        {
          filters: requestFilters(state),
          crossFilters: requestCrossFilters(state),
          mark: Object.fromEntries(
            Object.entries(mark).map(([k, v]) => [
              k,
              v === null || ['string', 'number', 'boolean'].includes(typeof v)
                ? (v as string | number | boolean | null)
                : JSON.stringify(v),
            ]),
          ),
          limit: 50,
          cursor: pageParam,
        },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    retry: false,
  });
}

/** The values a values filter offers, narrowed by `q`. */
export function useFilterValues(
  source: DashboardSource,
  filterId: string,
  q: string,
  enabled: boolean,
) {
  return useQuery({
    queryKey:
      source.kind === 'public'
        ? publicDashboardKeys.values(source.token, filterId, q)
        : dashboardKeys.values(source.projectId, source.dashboardId, filterId, q),
    queryFn: ({ signal }) =>
      source.kind === 'public'
        ? publicDashboardFilterValues(source.token, filterId, { q, limit: 100, signal })
        : dashboardFilterValues(source.projectId, source.dashboardId, filterId, {
            q,
            limit: 100,
            signal,
          }),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

/**
 * A widget added in edit mode has no entry in the saved dashboard's data yet: its chart is run on
 * its own (without the dashboard's filters) so the author sees it before saving.
 */
export function useWidgetPreview(projectId: string, chartId: string | null, enabled: boolean) {
  return useQuery({
    queryKey: ['projects', projectId, 'charts', 'detail', chartId ?? '', 'preview'],
    queryFn: ({ signal }) => runChart(projectId, chartId ?? '', [], signal),
    enabled: enabled && chartId !== null,
    retry: false,
  });
}

/** The dashboard's public links (editors and owners). */
export function useDashboardLinks(projectId: string, dashboardId: string) {
  return useQuery({
    queryKey: dashboardKeys.links(projectId, dashboardId),
    queryFn: ({ signal }) => listDashboardLinks(projectId, dashboardId, signal),
  });
}

export function useCreateDashboardLink(projectId: string, dashboardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (expiresAt: string | null) =>
      createDashboardLink(projectId, dashboardId, expiresAt),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: dashboardKeys.links(projectId, dashboardId) }),
  });
}

export function useRevokeDashboardLink(projectId: string, dashboardId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (linkId: string) => revokeDashboardLink(projectId, dashboardId, linkId),
    onSuccess: () =>
      client.invalidateQueries({ queryKey: dashboardKeys.links(projectId, dashboardId) }),
  });
}

/** A dashboard through its public link; a dead link is a 404, not retried. */
export function usePublicDashboard(token: string) {
  return useQuery({
    queryKey: publicDashboardKeys.detail(token),
    queryFn: ({ signal }) => getPublicDashboard(token, signal),
    retry: false,
  });
}
