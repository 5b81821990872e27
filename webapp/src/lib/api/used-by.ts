import { isApiError } from './api-error';
import { api, unwrap } from './client';
import { allItems } from './paging';
import type { Schema } from './types';

/** Something that uses a dataset, a model member or a chart: a chart or a dashboard. */
export type UsedBy = Schema<'UsedBy'>;

/** What a dataset's deletion would break (charts on it, dashboards showing them or filtering it). */
export function datasetUsedBy(projectId: string, datasetId: string): Promise<UsedBy[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/used-by', {
        params: { path: { projectId, datasetId }, query },
      }),
    ),
  );
}

/** The charts and dashboards that use one measure or dimension of a dataset's model. */
export function memberUsedBy(
  projectId: string,
  datasetId: string,
  member: string,
): Promise<UsedBy[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/model/members/{member}/used-by', {
        params: { path: { projectId, datasetId, member }, query },
      }),
    ),
  );
}

/** The dashboards that show a chart. */
export function chartUsedBy(projectId: string, chartId: string): Promise<UsedBy[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/charts/{chartId}/used-by', {
        params: { path: { projectId, chartId }, query },
      }),
    ),
  );
}

function isUsedBy(value: unknown): value is UsedBy {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    (v.kind === 'chart' || v.kind === 'dashboard') &&
    typeof v.id === 'string' &&
    typeof v.name === 'string' &&
    typeof v.via === 'string'
  );
}

/** The list a 409 `in_use` carries (`details.usedBy`), or null for any other error. */
export function inUseList(error: unknown): UsedBy[] | null {
  if (!isApiError(error, 409) || error.code !== 'in_use') return null;
  const list = error.details.usedBy;
  return Array.isArray(list) ? list.filter(isUsedBy) : [];
}
