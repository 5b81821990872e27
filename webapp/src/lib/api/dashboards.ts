import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from './api-error';
import { apiBaseUrl } from './base-url';
import { api, authFetch, publicApi, unwrap } from './client';
import type { paths } from './schema';
import type { Schema } from './types';

/** A dashboard as the server returns it. */
export type Dashboard = Schema<'Dashboard'>;
export type DashboardInput = Schema<'DashboardInput'>;
/** The whole document for a replace, with the `version` edited and an optional save `note`. */
export type DashboardUpdate = Schema<'DashboardUpdate'>;
export type DashboardWidget = Schema<'DashboardWidget'>;
export type DashboardFilter = Schema<'DashboardFilter'>;
export type DashboardFilterValue = Schema<'DashboardFilterValue'>;
export type DashboardCrossFilter = Schema<'DashboardCrossFilter'>;
export type DashboardDataRequest = Schema<'DashboardDataRequest'>;
export type DashboardData = Schema<'DashboardData'>;
/** One widget's rows, or its `error`. */
export type DashboardWidgetData = Schema<'DashboardWidgetData'>;
export type DashboardRowsRequest = Schema<'DashboardRowsRequest'>;
export type DashboardRows = Schema<'DashboardRows'>;
export type DashboardVersion = Schema<'DashboardVersion'>;
export type DashboardChange = Schema<'DashboardChange'>;
/** A public link as listed (its token is not kept: `tokenHint` is its first characters). */
export type DashboardLink = Schema<'DashboardLink'>;
/** A link just made, with its token and URL (shown this once). */
export type DashboardLinkCreated = Schema<'DashboardLinkCreated'>;
/** A dashboard through its public link: the document, its charts (without queries), the expiry. */
export type PublicDashboard = Schema<'PublicDashboard'>;

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;
type Base = '/api/v1/projects/{projectId}/dashboards';

export type DashboardPage = Json<paths[Base]['get']['responses']['200']>;
export type DashboardVersionList = Json<
  paths[`${Base}/{dashboardId}/versions`]['get']['responses']['200']
>;
export type DashboardChangePage = Json<
  paths[`${Base}/{dashboardId}/changes`]['get']['responses']['200']
>;
/** Which widgets each filter (and a cross-filter on each member asked for) reaches. */
export type DashboardScope = Json<paths[`${Base}/{dashboardId}/scope`]['get']['responses']['200']>;
export type DashboardFilterValues = Json<
  paths[`${Base}/{dashboardId}/filters/{filterId}/values`]['get']['responses']['200']
>;

const at = (projectId: string, dashboardId: string) => ({
  params: { path: { projectId, dashboardId } },
});

/** One page of the project's dashboards, newest first. */
export function listDashboards(
  projectId: string,
  options: { q?: string; limit?: number; cursor?: string; signal?: AbortSignal } = {},
): Promise<DashboardPage> {
  const { signal, q, limit, cursor } = options;
  const query: { q?: string; limit?: number; cursor?: string } = {};
  if (q !== undefined && q.trim() !== '') query.q = q.trim();
  if (limit !== undefined) query.limit = limit;
  if (cursor !== undefined) query.cursor = cursor;
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/dashboards', {
      params: { path: { projectId }, query },
      signal,
    }),
  );
}

/** Saves a new dashboard (version 1); `idempotencyKey` makes a retry safe. */
export function createDashboard(
  projectId: string,
  body: DashboardInput,
  idempotencyKey?: string,
): Promise<Dashboard> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/dashboards', {
      params: {
        path: { projectId },
        header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {},
      },
      body,
    }),
  );
}

export function getDashboard(projectId: string, dashboardId: string): Promise<Dashboard> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/dashboards/{dashboardId}', at(projectId, dashboardId)),
  );
}

/** Replaces the dashboard; `body.version` is the version edited (409 `stale_version` if someone saved since). */
export function updateDashboard(
  projectId: string,
  dashboardId: string,
  body: DashboardUpdate,
): Promise<Dashboard> {
  return unwrap(
    api.PUT('/api/v1/projects/{projectId}/dashboards/{dashboardId}', {
      ...at(projectId, dashboardId),
      body,
    }),
  );
}

export async function deleteDashboard(projectId: string, dashboardId: string): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/dashboards/{dashboardId}', at(projectId, dashboardId)),
  );
}

export function listDashboardVersions(
  projectId: string,
  dashboardId: string,
): Promise<DashboardVersionList> {
  return unwrap(
    api.GET(
      '/api/v1/projects/{projectId}/dashboards/{dashboardId}/versions',
      at(projectId, dashboardId),
    ),
  );
}

/** Makes an older version live again, as a new version. */
export function restoreDashboardVersion(
  projectId: string,
  dashboardId: string,
  version: number,
  note?: string,
): Promise<Dashboard> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/dashboards/{dashboardId}/versions/{version}/restore', {
      params: { path: { projectId, dashboardId, version } },
      body: note ? { note } : {},
    }),
  );
}

export function listDashboardChanges(
  projectId: string,
  dashboardId: string,
): Promise<DashboardChangePage> {
  return unwrap(
    api.GET(
      '/api/v1/projects/{projectId}/dashboards/{dashboardId}/changes',
      at(projectId, dashboardId),
    ),
  );
}

/** The widgets each filter reaches, and those a cross-filter on each of `members` would reach. */
export function getDashboardScope(
  projectId: string,
  dashboardId: string,
  members: readonly string[],
  signal?: AbortSignal,
): Promise<DashboardScope> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/dashboards/{dashboardId}/scope', {
      params: {
        path: { projectId, dashboardId },
        query: members.length > 0 ? { member: [...members] } : {},
      },
      signal,
    }),
  );
}

/** Every chart and KPI widget's data for one state, in one request (or only `body.widgets`). */
export async function runDashboard(
  projectId: string,
  dashboardId: string,
  body: DashboardDataRequest,
  signal?: AbortSignal,
): Promise<DashboardData> {
  const data = await unwrap(
    api.POST('/api/v1/projects/{projectId}/dashboards/{dashboardId}/data', {
      ...at(projectId, dashboardId),
      headers: { Accept: 'application/json' },
      body,
      signal,
    }),
  );
  // The contract also offers NDJSON; this client asks for JSON and reads nothing else.
  if (typeof data === 'string')
    throw new ApiError(
      502,
      'unexpected_response',
      'The dashboard data came back in a form this page cannot read.',
    );
  return data;
}

/**
 * The same run as {@link runDashboard}, streamed: with `Accept: application/x-ndjson` the server
 * writes each widget's entry as soon as it finishes, and `onWidget` gets it then, so a dashboard
 * draws its fast widgets without waiting for the slowest. Resolves with every entry once the
 * stream ends (a server that answers plain JSON is read as such).
 */
export function streamDashboard(
  projectId: string,
  dashboardId: string,
  body: DashboardDataRequest,
  onWidget: (widget: DashboardWidgetData) => void,
  signal?: AbortSignal,
): Promise<DashboardData> {
  const url = `${apiBaseUrl}/api/v1/projects/${encodeURIComponent(projectId)}/dashboards/${encodeURIComponent(dashboardId)}/data`;
  return streamData(authFetch, url, dashboardId, body, onWidget, signal);
}

/**
 * A public dashboard's data for one state, streamed as {@link streamDashboard}, through its link:
 * no session is read or refreshed (the token is the credential).
 */
export function streamPublicDashboard(
  token: string,
  dashboardId: string,
  body: DashboardDataRequest,
  onWidget: (widget: DashboardWidgetData) => void,
  signal?: AbortSignal,
): Promise<DashboardData> {
  const url = `${apiBaseUrl}/api/v1/public/dashboards/${encodeURIComponent(token)}/data`;
  return streamData(
    (request) => globalThis.fetch(request),
    url,
    dashboardId,
    body,
    onWidget,
    signal,
  );
}

async function streamData(
  send: (request: Request) => Promise<Response>,
  url: string,
  dashboardId: string,
  body: DashboardDataRequest,
  onWidget: (widget: DashboardWidgetData) => void,
  signal?: AbortSignal,
): Promise<DashboardData> {
  let response: Response;
  try {
    response = await send(
      new Request(url, {
        method: 'POST',
        headers: { Accept: 'application/x-ndjson', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        signal,
      }),
    );
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) throw toApiError(response.status, await response.json().catch(() => undefined));
  if (!(response.headers.get('Content-Type') ?? '').includes('ndjson')) {
    const data = (await response.json()) as DashboardData;
    for (const widget of data.widgets) onWidget(widget);
    return data;
  }
  const widgets: DashboardWidgetData[] = [];
  const end: { version: number | null } = { version: null };
  const take = (line: string) => {
    if (line.trim() === '') return;
    const entry = JSON.parse(line) as
      DashboardWidgetData | { '@end': { dashboardVersion: number } };
    if ('@end' in entry) end.version = entry['@end'].dashboardVersion;
    else {
      widgets.push(entry);
      onWidget(entry);
    }
  };
  const reader = response.body?.getReader();
  const decoder = new TextDecoder();
  let buffered = '';
  if (reader)
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      buffered += decoder.decode(value, { stream: true });
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      lines.forEach(take);
    }
  take(buffered + decoder.decode());
  if (end.version === null)
    throw new ApiError(502, 'stream_cut', 'The dashboard data stopped before its end; try again.');
  return { dashboardId, dashboardVersion: end.version, widgets };
}

/** A page of the rows behind a mark of a widget (drill-down). */
export function dashboardWidgetRows(
  projectId: string,
  dashboardId: string,
  widgetId: string,
  body: DashboardRowsRequest,
  signal?: AbortSignal,
): Promise<DashboardRows> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/dashboards/{dashboardId}/widgets/{widgetId}/rows', {
      params: { path: { projectId, dashboardId, widgetId } },
      body,
      signal,
    }),
  );
}

/** The values a values filter offers, most frequent first; `q` narrows them. */
export function dashboardFilterValues(
  projectId: string,
  dashboardId: string,
  filterId: string,
  options: { q?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<DashboardFilterValues> {
  const query: { q?: string; limit?: number } = {};
  if (options.q !== undefined && options.q.trim() !== '') query.q = options.q.trim();
  if (options.limit !== undefined) query.limit = options.limit;
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/dashboards/{dashboardId}/filters/{filterId}/values', {
      params: { path: { projectId, dashboardId, filterId }, query },
      signal: options.signal,
    }),
  );
}

/** The dashboard's public links that are not revoked, newest first (editors and owners). */
export function listDashboardLinks(
  projectId: string,
  dashboardId: string,
  signal?: AbortSignal,
): Promise<{ items: DashboardLink[]; next: string | null; limit: number; total: number }> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/dashboards/{dashboardId}/links', {
      params: { path: { projectId, dashboardId }, query: { limit: 100 } },
      signal,
    }),
  );
}

/** Makes a public link; `expiresAt` null: it never expires. The token comes back only here. */
export function createDashboardLink(
  projectId: string,
  dashboardId: string,
  expiresAt: string | null,
): Promise<DashboardLinkCreated> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/dashboards/{dashboardId}/links', {
      ...at(projectId, dashboardId),
      body: { expiresAt },
    }),
  );
}

/** Revokes a link by its id (as listed); it stops working at once. */
export async function revokeDashboardLink(
  projectId: string,
  dashboardId: string,
  linkId: string,
): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/dashboards/{dashboardId}/links/{token}', {
      params: { path: { projectId, dashboardId, token: linkId } },
    }),
  );
}

/** A dashboard through its public link (no session); 404 for a dead or unknown link. */
export function getPublicDashboard(token: string, signal?: AbortSignal): Promise<PublicDashboard> {
  return unwrap(
    publicApi.GET('/api/v1/public/dashboards/{token}', {
      params: { path: { token } },
      signal,
    }),
  );
}

/** The values a values filter of a public dashboard offers, through its link. */
export function publicDashboardFilterValues(
  token: string,
  filterId: string,
  options: { q?: string; limit?: number; signal?: AbortSignal } = {},
): Promise<DashboardFilterValues> {
  const query: { q?: string; limit?: number } = {};
  if (options.q !== undefined && options.q.trim() !== '') query.q = options.q.trim();
  if (options.limit !== undefined) query.limit = options.limit;
  return unwrap(
    publicApi.GET('/api/v1/public/dashboards/{token}/filters/{filterId}/values', {
      params: { path: { token, filterId }, query },
      signal: options.signal,
    }),
  );
}
