import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import {
  deleteDataset,
  getDataset,
  getDatasetProfile,
  getDatasetRows,
  listDatasets,
  listDatasetVersions,
  renameDataset,
  retypeDataset,
} from '../api/datasets-api';
import { datasetUsedBy } from '@/lib/api/used-by';
import { POLL_INTERVAL_MS } from '../api/watch-dataset';
import { isInProgress } from '../dataset-status';
import type { ColumnTypeChange, Dataset } from '../types';

/** Everything about a project's datasets lives under ['projects', id, 'datasets']. */
export const datasetKeys = {
  all: (projectId: string) => ['projects', projectId, 'datasets'] as const,
  detail: (projectId: string, datasetId: string) =>
    ['projects', projectId, 'datasets', datasetId] as const,
  /** Mutation key of a type change, so the page can watch the reload while it runs. */
  retype: (projectId: string, datasetId: string) =>
    [...datasetKeys.detail(projectId, datasetId), 'retype'] as const,
  versions: (projectId: string, datasetId: string) =>
    [...datasetKeys.detail(projectId, datasetId), 'versions'] as const,
  /** Keyed by the live version, so a new version never shows the old one's rows. */
  rows: (
    projectId: string,
    datasetId: string,
    page: { version: number; sort?: string; offset: number; limit: number },
  ) => [...datasetKeys.detail(projectId, datasetId), 'rows', page] as const,
  profile: (projectId: string, datasetId: string, version: number) =>
    [...datasetKeys.detail(projectId, datasetId), 'profile', version] as const,
};

export function useDatasets(projectId: string) {
  return useQuery({
    queryKey: datasetKeys.all(projectId),
    queryFn: () => listDatasets(projectId),
    // Keep badges moving while something loads; stop once everything has settled.
    refetchInterval: (query) =>
      query.state.data?.some((d) => isInProgress(d.status)) ? 2000 : false,
  });
}

/** One dataset; polls every 500 ms while it loads (or while `watch` says a reload is running). */
export function useDataset(
  projectId: string,
  datasetId: string,
  { watch = false }: { watch?: boolean } = {},
) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: datasetKeys.detail(projectId, datasetId),
    queryFn: () => getDataset(projectId, datasetId),
    placeholderData: () =>
      queryClient
        .getQueryData<Dataset[]>(datasetKeys.all(projectId))
        ?.find((d) => d.id === datasetId),
    refetchInterval: (query) =>
      watch || isInProgress(query.state.data?.status) ? POLL_INTERVAL_MS : false,
  });
}

export function useDatasetVersions(projectId: string, datasetId: string, version: number) {
  return useQuery({
    queryKey: [...datasetKeys.versions(projectId, datasetId), version],
    queryFn: () => listDatasetVersions(projectId, datasetId),
  });
}

export const ROWS_PAGE_SIZE = 200;

/**
 * Pages of rows for the preview: one query per page of 200, so pages scrolled past stay
 * cached and only the pages in view are fetched. `sort` is server-side (`col` or `-col`).
 */
export function useDatasetRowPages(
  projectId: string,
  datasetId: string,
  { version, sort, pages }: { version: number; sort?: string; pages: number[] },
) {
  return useQueries({
    queries: pages.map((page) => {
      const query = { offset: page * ROWS_PAGE_SIZE, limit: ROWS_PAGE_SIZE, sort };
      return {
        queryKey: datasetKeys.rows(projectId, datasetId, { version, ...query }),
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          getDatasetRows(projectId, datasetId, query, signal),
        staleTime: Infinity,
      };
    }),
    combine: (results) => ({
      byPage: new Map(pages.map((page, i) => [page, results[i]?.data])),
      error: results.find((r) => r.isError)?.error ?? null,
      isFetching: results.some((r) => r.isFetching),
    }),
  });
}

export function useDatasetProfile(projectId: string, datasetId: string, version: number) {
  return useQuery({
    queryKey: datasetKeys.profile(projectId, datasetId, version),
    queryFn: () => getDatasetProfile(projectId, datasetId),
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}

function useStoreDataset(projectId: string) {
  const queryClient = useQueryClient();
  return (dataset: Dataset) => {
    queryClient.setQueryData(datasetKeys.detail(projectId, dataset.id), dataset);
    queryClient.setQueryData<Dataset[]>(datasetKeys.all(projectId), (list) =>
      list?.map((d) => (d.id === dataset.id ? dataset : d)),
    );
    void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'audit'] });
  };
}

export function useRenameDataset(projectId: string, datasetId: string) {
  const store = useStoreDataset(projectId);
  return useMutation({
    mutationFn: (name: string) => renameDataset(projectId, datasetId, name),
    onSuccess: store,
  });
}

export function useRetypeDataset(projectId: string, datasetId: string) {
  const queryClient = useQueryClient();
  const store = useStoreDataset(projectId);
  return useMutation({
    mutationKey: datasetKeys.retype(projectId, datasetId),
    mutationFn: (columns: ColumnTypeChange[]) => retypeDataset(projectId, datasetId, columns),
    onSuccess: store,
    // A refused retype marks the dataset failed (the previous version stays live): re-read it.
    onSettled: () =>
      queryClient.invalidateQueries({ queryKey: datasetKeys.detail(projectId, datasetId) }),
  });
}

/** The charts and dashboards that use the dataset (what deleting it would break). */
export function useDatasetUsedBy(projectId: string, datasetId: string) {
  return useQuery({
    queryKey: [...datasetKeys.detail(projectId, datasetId), 'used-by'],
    queryFn: () => datasetUsedBy(projectId, datasetId),
  });
}

export function useDeleteDataset(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ datasetId, force = false }: { datasetId: string; force?: boolean }) =>
      deleteDataset(projectId, datasetId, force),
    onSuccess: (_data, { datasetId }) => {
      queryClient.setQueryData<Dataset[]>(datasetKeys.all(projectId), (list) =>
        list?.filter((d) => d.id !== datasetId),
      );
      queryClient.removeQueries({ queryKey: datasetKeys.detail(projectId, datasetId) });
      void queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId), exact: true });
      void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'audit'] });
    },
  });
}
