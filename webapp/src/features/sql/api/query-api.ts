import { authFetch, api, unwrap } from '@/lib/api/client';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from '@/lib/api/api-error';
import { apiBaseUrl } from '@/lib/api/base-url';
import type {
  ExportFormat,
  QueryJob,
  QueryJobAccepted,
  QueryJobResult,
  QueryRequest,
  QueryResult,
} from '../types';

const jobPath = (projectId: string, jobId: string) => ({ params: { path: { projectId, jobId } } });

/** Runs a query and answers with its rows (served from the cache when `cached`). */
export async function runQuery(
  projectId: string,
  body: QueryRequest,
  signal?: AbortSignal,
): Promise<QueryResult> {
  const result: unknown = await unwrap(
    api.POST('/api/v1/projects/{projectId}/query', {
      params: { path: { projectId } },
      body,
      signal,
    }),
  );
  // The same operation also streams exports; without `format` it always answers JSON.
  if (typeof result !== 'object' || result === null)
    throw new ApiError(0, 'unexpected_response', 'The server answered in an unexpected format.');
  return result as QueryResult;
}

/** Starts a query in the background; a refused statement is a 400 here, not a failed job. */
export function submitQueryJob(projectId: string, body: QueryRequest): Promise<QueryJobAccepted> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/query/jobs', { params: { path: { projectId } }, body }),
  );
}

export function getQueryJob(projectId: string, jobId: string): Promise<QueryJob> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/query/jobs/{jobId}', jobPath(projectId, jobId)),
  );
}

export function getQueryJobResult(
  projectId: string,
  jobId: string,
  page: { offset: number; limit: number },
): Promise<QueryJobResult> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/query/jobs/{jobId}/result', {
      params: { path: { projectId, jobId }, query: page },
    }),
  );
}

/** Cancels a queued or running job (a finished one comes back unchanged). */
export function cancelQueryJob(projectId: string, jobId: string): Promise<QueryJob> {
  return unwrap(
    api.DELETE('/api/v1/projects/{projectId}/query/jobs/{jobId}', jobPath(projectId, jobId)),
  );
}

export interface ExportedFile {
  blob: Blob;
  filename: string;
}

/** The file name from `Content-Disposition`, or a sensible default. */
export function exportFilename(disposition: string | null, format: ExportFormat): string {
  const match = disposition?.match(/filename\*?=(?:UTF-8'')?"?([^";]+)"?/i);
  if (match?.[1]) return decodeURIComponent(match[1]);
  return `query.${format}`;
}

/**
 * The query's rows as a file. Read through `authFetch` (a plain link could not send the bearer
 * token); openapi-fetch would try to parse the body, so the response is taken as a blob here.
 */
export async function exportQuery(
  projectId: string,
  body: QueryRequest,
  format: ExportFormat,
): Promise<ExportedFile> {
  const url = `${apiBaseUrl}/api/v1/projects/${encodeURIComponent(projectId)}/query/export?format=${format}`;
  let response: Response;
  try {
    response = await authFetch(
      new Request(url, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
      }),
    );
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  }
  if (!response.ok) {
    const errorBody: unknown = await response.json().catch(() => undefined);
    throw toApiError(response.status, errorBody);
  }
  return {
    blob: await response.blob(),
    filename: exportFilename(response.headers.get('Content-Disposition'), format),
  };
}
