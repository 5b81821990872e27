import { api, unwrap } from './client';
import type { paths } from './schema';
import type { Schema } from './types';

/** A saved chart as the server returns it. */
export type SavedChart = Schema<'SavedChart'>;
/** What a client writes when it creates a chart. */
export type ChartInput = Schema<'ChartInput'>;
/** The whole document for a replace: the chart as read (with its `version`) may be sent back. */
export type ChartUpdate = Schema<'ChartUpdate'>;
/** `{semantic: {…}}` or `{sql: '…'}`. */
export type ChartQuery = Schema<'ChartQuery'>;
export type ChartVisualization = Schema<'ChartVisualization'>;
export type ChartType = ChartVisualization['type'];
/** One extra filter of a run (what dashboards send). */
export type ChartFilter = Schema<'ChartFilter'>;
/** An unsaved chart for the builder's preview, with optional extra filters. */
export type ChartDraft = Schema<'ChartDraft'>;
/** A run's rows, in the semantic query's result shape. */
export type ChartData = Schema<'ChartData'>;
export type ChartVersion = Schema<'ChartVersion'>;

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type ChartPage = Json<
  paths['/api/v1/projects/{projectId}/charts']['get']['responses']['200']
>;
export type ChartVersionList = Json<
  paths['/api/v1/projects/{projectId}/charts/{chartId}/versions']['get']['responses']['200']
>;

export interface ListChartsOptions {
  /** Words in the name or description. */
  q?: string;
  /** 1–500 (server default 50). */
  limit?: number;
  /** The `next` of the previous page. */
  cursor?: string;
  signal?: AbortSignal;
}

const chartPath = (projectId: string, chartId: string) => ({
  params: { path: { projectId, chartId } },
});

/** One page of the project's charts, newest first; follow `next` for the rest. */
export function listCharts(projectId: string, options: ListChartsOptions = {}): Promise<ChartPage> {
  const { signal, ...query } = options;
  const params: { q?: string; limit?: number; cursor?: string } = {};
  if (query.q !== undefined && query.q.trim() !== '') params.q = query.q.trim();
  if (query.limit !== undefined) params.limit = query.limit;
  if (query.cursor !== undefined) params.cursor = query.cursor;
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/charts', {
      params: { path: { projectId }, query: params },
      signal,
    }),
  );
}

/**
 * Saves a new chart. `idempotencyKey` makes a retry safe (the first answer is replayed instead of
 * creating a second chart); pass the same key when repeating the same save.
 */
export function createChart(
  projectId: string,
  body: ChartInput,
  idempotencyKey?: string,
): Promise<SavedChart> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/charts', {
      params: {
        path: { projectId },
        header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      },
      body,
    }),
  );
}

export function getChart(projectId: string, chartId: string): Promise<SavedChart> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/charts/{chartId}', chartPath(projectId, chartId)),
  );
}

/** Replaces the chart; `body.version` is the version edited (409 `stale_version` when someone saved first). */
export function updateChart(
  projectId: string,
  chartId: string,
  body: ChartUpdate,
): Promise<SavedChart> {
  return unwrap(
    api.PUT('/api/v1/projects/{projectId}/charts/{chartId}', {
      ...chartPath(projectId, chartId),
      body,
    }),
  );
}

/** Deletes the chart; while dashboards show it the server answers 409 `in_use` unless `force`. */
export async function deleteChart(
  projectId: string,
  chartId: string,
  force = false,
): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/charts/{chartId}', {
      params: { path: { projectId, chartId }, query: force ? { force: true } : {} },
    }),
  );
}

export function listChartVersions(projectId: string, chartId: string): Promise<ChartVersionList> {
  return unwrap(
    api.GET(
      '/api/v1/projects/{projectId}/charts/{chartId}/versions',
      chartPath(projectId, chartId),
    ),
  );
}

export function getChartVersion(
  projectId: string,
  chartId: string,
  version: number,
): Promise<ChartVersion> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/charts/{chartId}/versions/{version}', {
      params: { path: { projectId, chartId, version } },
    }),
  );
}

/** Makes an older version live again, as a new version. */
export function restoreChartVersion(
  projectId: string,
  chartId: string,
  version: number,
): Promise<SavedChart> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/charts/{chartId}/versions/{version}/restore', {
      params: { path: { projectId, chartId, version } },
    }),
  );
}

/** Runs a saved chart with optional extra filters (a dashboard's). */
export function runChart(
  projectId: string,
  chartId: string,
  filters: ChartFilter[] = [],
  signal?: AbortSignal,
): Promise<ChartData> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/charts/{chartId}/data', {
      ...chartPath(projectId, chartId),
      body: filters.length > 0 ? { filters } : {},
      signal,
    }),
  );
}

/** Runs an unsaved chart (the builder's live preview); pass a signal to cancel a stale one. */
export function previewChart(
  projectId: string,
  draft: ChartDraft,
  signal?: AbortSignal,
): Promise<ChartData> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/charts/data', {
      params: { path: { projectId } },
      body: draft,
      signal,
    }),
  );
}
