import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createChart,
  deleteChart,
  getChart,
  listChartVersions,
  listCharts,
  restoreChartVersion,
  runChart,
  updateChart,
  type ChartInput,
  type SavedChart,
} from '@/lib/api/charts';
import { chartUsedBy } from '@/lib/api/used-by';

/** A project's charts live under ['projects', id, 'charts']. */
export const chartKeys = {
  all: (projectId: string) => ['projects', projectId, 'charts'] as const,
  list: (projectId: string, q: string) => [...chartKeys.all(projectId), 'list', q] as const,
  detail: (projectId: string, chartId: string) =>
    [...chartKeys.all(projectId), 'detail', chartId] as const,
  usedBy: (projectId: string, chartId: string) =>
    [...chartKeys.detail(projectId, chartId), 'used-by'] as const,
  versions: (projectId: string, chartId: string) =>
    [...chartKeys.detail(projectId, chartId), 'versions'] as const,
  data: (projectId: string, chartId: string, version: number) =>
    [...chartKeys.detail(projectId, chartId), 'data', version] as const,
};

/** The project's charts matching `q`, newest first (the first 200: the page's search narrows). */
export function useCharts(projectId: string, q: string) {
  return useQuery({
    queryKey: chartKeys.list(projectId, q),
    queryFn: ({ signal }) => listCharts(projectId, { q, limit: 200, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useChart(projectId: string, chartId: string | null) {
  return useQuery({
    queryKey: chartKeys.detail(projectId, chartId ?? ''),
    queryFn: () => getChart(projectId, chartId ?? ''),
    enabled: chartId !== null && chartId !== '',
  });
}

export function useChartVersions(projectId: string, chartId: string) {
  return useQuery({
    queryKey: chartKeys.versions(projectId, chartId),
    queryFn: () => listChartVersions(projectId, chartId),
  });
}

/** A saved chart's rows; keyed by its version so an edit or a restore runs it again. */
export function useChartData(projectId: string, chart: SavedChart | undefined) {
  return useQuery({
    queryKey: chartKeys.data(projectId, chart?.id ?? '', chart?.version ?? 0),
    queryFn: ({ signal }) => runChart(projectId, chart?.id ?? '', [], signal),
    enabled: chart !== undefined,
    retry: false,
  });
}

/** Save (a new chart, or a new version of `chartId` edited from `version`). */
export function useSaveChart(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({
      chartId,
      version,
      body,
      idempotencyKey,
    }: {
      chartId?: string;
      version?: number;
      body: ChartInput;
      idempotencyKey?: string;
    }) =>
      chartId
        ? updateChart(projectId, chartId, { ...body, version })
        : createChart(projectId, body, idempotencyKey),
    onSuccess: (chart) => {
      client.setQueryData(chartKeys.detail(projectId, chart.id), chart);
      void client.invalidateQueries({ queryKey: chartKeys.all(projectId) });
    },
  });
}

/** The dashboards that show the chart. */
export function useChartUsedBy(projectId: string, chartId: string) {
  return useQuery({
    queryKey: chartKeys.usedBy(projectId, chartId),
    queryFn: () => chartUsedBy(projectId, chartId),
  });
}

export function useDeleteChart(projectId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ chartId, force = false }: { chartId: string; force?: boolean }) =>
      deleteChart(projectId, chartId, force),
    onSuccess: () => client.invalidateQueries({ queryKey: chartKeys.all(projectId) }),
  });
}

export function useRestoreChartVersion(projectId: string, chartId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (version: number) => restoreChartVersion(projectId, chartId, version),
    onSuccess: (chart) => {
      client.setQueryData(chartKeys.detail(projectId, chart.id), chart);
      void client.invalidateQueries({ queryKey: chartKeys.all(projectId) });
    },
  });
}
