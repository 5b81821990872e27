import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type { ColumnTypeChange, Dataset, DatasetProfile, DatasetVersion, RowsPage } from '../types';

const path = (projectId: string, datasetId: string) => ({
  params: { path: { projectId, datasetId } },
});

export function listDatasets(projectId: string): Promise<Dataset[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/datasets', { params: { path: { projectId }, query } }),
    ),
  );
}

export function getDataset(projectId: string, datasetId: string): Promise<Dataset> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}', path(projectId, datasetId)),
  );
}

export function renameDataset(
  projectId: string,
  datasetId: string,
  name: string,
): Promise<Dataset> {
  return unwrap(
    api.PATCH('/api/v1/projects/{projectId}/datasets/{datasetId}', {
      ...path(projectId, datasetId),
      body: { name },
    }),
  );
}

/** Corrects column types; the server reloads the stored original and answers when it is done. */
export function retypeDataset(
  projectId: string,
  datasetId: string,
  columns: ColumnTypeChange[],
): Promise<Dataset> {
  return unwrap(
    api.PATCH('/api/v1/projects/{projectId}/datasets/{datasetId}', {
      ...path(projectId, datasetId),
      body: { columns },
    }),
  );
}

/** Deletes the dataset; while charts or dashboards use it the server answers 409 `in_use` unless `force`. */
export async function deleteDataset(
  projectId: string,
  datasetId: string,
  force = false,
): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/datasets/{datasetId}', {
      params: { path: { projectId, datasetId }, query: force ? { force: true } : {} },
    }),
  );
}

export function listDatasetVersions(
  projectId: string,
  datasetId: string,
): Promise<DatasetVersion[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/versions', {
        params: { path: { projectId, datasetId }, query },
      }),
    ),
  );
}

export interface RowsQuery {
  offset: number;
  limit: number;
  /** A column name, `-name` for descending, or undefined for the table's order. */
  sort?: string;
}

export function getDatasetRows(
  projectId: string,
  datasetId: string,
  query: RowsQuery,
  signal?: AbortSignal,
): Promise<RowsPage> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/datasets/{datasetId}/rows', {
      params: { path: { projectId, datasetId }, query },
      signal,
    }),
  );
}

export function getDatasetProfile(projectId: string, datasetId: string): Promise<DatasetProfile> {
  return unwrap(
    api.GET(
      '/api/v1/projects/{projectId}/datasets/{datasetId}/profile',
      path(projectId, datasetId),
    ),
  );
}
