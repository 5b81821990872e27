import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  cancelQueryJob,
  exportQuery,
  getQueryJob,
  getQueryJobResult,
  runQuery,
  submitQueryJob,
} from '../api/query-api';
import type { ExportFormat, QueryJob, QueryJobStatus, QueryRequest } from '../types';

export const JOB_POLL_INTERVAL_MS = 500;
/** Rows shown in the editor's result table (the server keeps up to MAX_QUERY_ROWS). */
export const RESULT_PAGE_SIZE = 1000;

export const queryJobKeys = {
  job: (projectId: string, jobId: string) =>
    ['projects', projectId, 'query', 'jobs', jobId] as const,
  result: (projectId: string, jobId: string, page: { offset: number; limit: number }) =>
    [...queryJobKeys.job(projectId, jobId), 'result', page] as const,
};

export function isFinished(status: QueryJobStatus | undefined): boolean {
  return status === 'succeeded' || status === 'failed' || status === 'cancelled';
}

export function useRunQuery(projectId: string) {
  return useMutation({
    mutationFn: ({ body, signal }: { body: QueryRequest; signal?: AbortSignal }) =>
      runQuery(projectId, body, signal),
  });
}

export function useSubmitQueryJob(projectId: string) {
  return useMutation({ mutationFn: (body: QueryRequest) => submitQueryJob(projectId, body) });
}

/** A job's state, polled every 500 ms until it has finished. */
export function useQueryJob(projectId: string, jobId: string | null) {
  return useQuery({
    queryKey: queryJobKeys.job(projectId, jobId ?? ''),
    queryFn: () => getQueryJob(projectId, jobId ?? ''),
    enabled: jobId !== null,
    staleTime: 0,
    refetchInterval: (query) =>
      isFinished(query.state.data?.status) ? false : JOB_POLL_INTERVAL_MS,
  });
}

/** The first page of a succeeded job's rows. */
export function useQueryJobResult(projectId: string, jobId: string | null, enabled: boolean) {
  const page = { offset: 0, limit: RESULT_PAGE_SIZE };
  return useQuery({
    queryKey: queryJobKeys.result(projectId, jobId ?? '', page),
    queryFn: () => getQueryJobResult(projectId, jobId ?? '', page),
    enabled: enabled && jobId !== null,
    staleTime: Infinity,
  });
}

/** Cancels a job; the answer (now `cancelled`, or as it finished) replaces the polled state. */
export function useCancelQueryJob(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (jobId: string) => cancelQueryJob(projectId, jobId),
    onSuccess: (job: QueryJob) =>
      queryClient.setQueryData(queryJobKeys.job(projectId, job.jobId), job),
  });
}

/** Downloads the query's rows as CSV or XLSX. */
export function useExportQuery(projectId: string) {
  return useMutation({
    mutationFn: async ({ body, format }: { body: QueryRequest; format: ExportFormat }) => {
      const file = await exportQuery(projectId, body, format);
      saveFile(file.blob, file.filename);
    },
  });
}

function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // Give the browser a moment to start the download before the URL is released.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
