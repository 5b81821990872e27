import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useReducer, useRef } from 'react';
import { ApiError, errorMessage } from '@/lib/api/api-error';
import { UploadAbortedError } from '@/lib/api/xhr-upload';
import { formatBytes } from '@/lib/format';
import { uploadDataset, uploadDatasetVersion } from '../api/upload-api';
import { watchDataset } from '../api/watch-dataset';
import { MAX_UPLOAD_BYTES, MAX_UPLOAD_MB } from '../dataset-status';
import type { Dataset, VersionMode } from '../types';
import { initialUploadState, uploadReducer } from '../upload-progress';
import { datasetKeys } from './use-datasets';

export type UploadTarget =
  { kind: 'new'; name?: string } | { kind: 'version'; datasetId: string; mode: VersionMode };

/**
 * Uploads a file (bytes sent through XHR progress), then follows the server's phases until the
 * dataset is ready or failed. Cancel aborts the transfer; leaving the page stops watching.
 */
export function useUpload(projectId: string, onReady?: (dataset: Dataset) => void) {
  const [state, dispatch] = useReducer(uploadReducer, initialUploadState);
  const controller = useRef<AbortController | null>(null);
  const queryClient = useQueryClient();
  const onReadyRef = useRef(onReady);
  onReadyRef.current = onReady;

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(
    async (file: File, target: UploadTarget) => {
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      dispatch({ type: 'start', fileName: file.name, size: file.size });
      if (file.size > MAX_UPLOAD_BYTES) {
        dispatch({
          type: 'failed',
          message: `${file.name} is ${formatBytes(file.size)}; files can be at most ${MAX_UPLOAD_MB} MB.`,
        });
        return;
      }
      const callbacks = {
        signal: abort.signal,
        onProgress: ({ loaded, total }: { loaded: number; total: number }) =>
          dispatch({ type: 'progress', loaded, total }),
      };
      try {
        const received =
          target.kind === 'new'
            ? await uploadDataset(projectId, file, target.name, callbacks)
            : await uploadDatasetVersion(projectId, target.datasetId, file, target.mode, callbacks);
        void queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId), exact: true });
        dispatch({ type: 'update', dataset: received });
        const final = await watchDataset(projectId, received.id, {
          signal: abort.signal,
          onUpdate: (dataset) => dispatch({ type: 'update', dataset }),
        });
        queryClient.setQueryData(datasetKeys.detail(projectId, final.id), final);
        void queryClient.invalidateQueries({ queryKey: datasetKeys.all(projectId) });
        void queryClient.invalidateQueries({ queryKey: ['projects', projectId, 'audit'] });
        const versionFailed =
          final.lastLoadError != null &&
          final.version === received.version &&
          final.lastLoadError.version > received.version;
        if (final.status === 'ready' && !versionFailed) onReadyRef.current?.(final);
      } catch (error) {
        if (error instanceof UploadAbortedError) dispatch({ type: 'cancelled' });
        else if (abort.signal.aborted) return;
        else
          dispatch({
            type: 'failed',
            message: errorMessage(error),
            details: error instanceof ApiError ? error.details : {},
          });
      }
    },
    [projectId, queryClient],
  );

  const cancel = useCallback(() => controller.current?.abort(), []);
  const reset = useCallback(() => dispatch({ type: 'reset' }), []);
  return { state, start, cancel, reset };
}
