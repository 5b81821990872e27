import { useMemo, useRef, useState } from 'react';
import { ApiError, isApiError } from '@/lib/api/api-error';
import { cancelQueryJob } from '../api/query-api';
import type { QueryJob, QueryRequest } from '../types';
import {
  isFinished,
  useCancelQueryJob,
  useQueryJob,
  useQueryJobResult,
  useRunQuery,
  useSubmitQueryJob,
} from './use-query-jobs';

/**
 * How long a query may run in the quick path before it moves to a background job. Short: the
 * quick path cannot be cancelled on the server, so this bounds the work a Cancel leaves behind.
 */
export const QUICK_TIMEOUT_SECONDS = 2;

export interface SqlOutcome {
  columns: { name: string; type: string }[];
  rows: unknown[][];
  rowCount: number;
  truncated: boolean;
  elapsedMs: number;
  cached: boolean;
}

function jobError(job: QueryJob | undefined): ApiError | null {
  if (job?.status !== 'failed') return null;
  return new ApiError(
    422,
    job.error?.code ?? 'query_failed',
    job.error?.message ?? 'The query failed.',
  );
}

const isQuickTimeout = (error: unknown) => isApiError(error, 422) && error.code === 'query_timeout';

/**
 * Runs SQL the quick way first (`POST …/query`: cached answers, exact timing) with a short
 * timeout; a query that needs longer is run again as a background job, which Cancel stops inside
 * PostgreSQL. Cancel during the quick path drops the request (the server stops it within
 * QUICK_TIMEOUT_SECONDS anyway).
 */
export function useRunSql(projectId: string) {
  const quick = useRunQuery(projectId);
  const submit = useSubmitQueryJob(projectId);
  const cancelJob = useCancelQueryJob(projectId);
  const [jobId, setJobId] = useState<string | null>(null);
  const [cancelled, setCancelled] = useState(false);
  const current = useRef<AbortController | null>(null);
  const job = useQueryJob(projectId, jobId);
  const status = job.data?.status;
  const result = useQueryJobResult(projectId, jobId, status === 'succeeded');

  const running =
    !cancelled && (quick.isPending || submit.isPending || (jobId !== null && !isFinished(status)));

  const run = (body: QueryRequest) => {
    current.current?.abort();
    const controller = new AbortController();
    current.current = controller;
    setJobId(null);
    setCancelled(false);
    submit.reset();
    cancelJob.reset();
    quick.mutate(
      { body: { ...body, timeoutSeconds: QUICK_TIMEOUT_SECONDS }, signal: controller.signal },
      {
        onError: (error) => {
          if (controller.signal.aborted || !isQuickTimeout(error)) return;
          submit.mutate(body, {
            onSuccess: ({ jobId: id }) => {
              // Cancelled while the job was being created: stop it rather than leave it running.
              if (controller.signal.aborted)
                void cancelQueryJob(projectId, id).catch(() => undefined);
              else setJobId(id);
            },
          });
        },
      },
    );
  };

  const cancel = () => {
    current.current?.abort();
    setCancelled(true);
    if (jobId !== null && !isFinished(status)) cancelJob.mutate(jobId);
  };

  const quickError = quick.error && !isQuickTimeout(quick.error) ? quick.error : null;
  const error = cancelled
    ? cancelJob.error
    : (quickError ??
      submit.error ??
      job.error ??
      jobError(job.data) ??
      result.error ??
      cancelJob.error);

  // One object per answer, so a page can keep it (and compare it) across renders.
  const outcome = useMemo((): SqlOutcome | null => {
    if (cancelled) return null;
    if (quick.data) return quick.data;
    if (status === 'succeeded' && result.data && job.data)
      return { ...result.data, elapsedMs: job.data.elapsedMs, cached: false };
    return null;
  }, [cancelled, quick.data, status, result.data, job.data]);

  return {
    run,
    cancel,
    running,
    /** 'quick' while the first request runs, then the job's status. */
    phase: jobId === null ? ('quick' as const) : status,
    cancelled: cancelled || status === 'cancelled',
    canceling: cancelJob.isPending,
    loadingRows: status === 'succeeded' && result.isPending,
    error,
    outcome,
  };
}
