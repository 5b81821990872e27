import { formatBytes, formatNumber } from '@/lib/format';
import type { Dataset } from './types';

/** What an upload shows, from picking the file to the server's verdict. Pure, so it is unit-tested. */
export type UploadState =
  | { step: 'idle' }
  | { step: 'uploading'; fileName: string; loaded: number; total: number }
  | { step: 'processing'; fileName: string; dataset: Dataset }
  | { step: 'ready'; fileName: string; dataset: Dataset }
  | { step: 'failed'; fileName: string; message: string; details: Record<string, unknown> }
  | { step: 'cancelled'; fileName: string };

export type UploadAction =
  | { type: 'start'; fileName: string; size: number }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'update'; dataset: Dataset }
  | { type: 'failed'; message: string; details?: Record<string, unknown> }
  | { type: 'cancelled' }
  | { type: 'reset' };

export const initialUploadState: UploadState = { step: 'idle' };

export function uploadReducer(state: UploadState, action: UploadAction): UploadState {
  switch (action.type) {
    case 'start':
      return { step: 'uploading', fileName: action.fileName, loaded: 0, total: action.size };
    case 'reset':
      return initialUploadState;
    default:
      break;
  }
  if (state.step === 'idle') return state;
  const { fileName } = state;
  switch (action.type) {
    case 'progress':
      return state.step === 'uploading'
        ? { ...state, loaded: action.loaded, total: action.total }
        : state;
    case 'update': {
      const { dataset } = action;
      if (state.step === 'ready' || state.step === 'failed' || state.step === 'cancelled')
        return state;
      const failedVersion = newVersionFailure(state, dataset);
      if (failedVersion)
        return {
          step: 'failed',
          fileName,
          message: failedVersion.message,
          details: failedVersion.details ?? {},
        };
      if (dataset.status === 'ready') return { step: 'ready', fileName, dataset };
      if (dataset.status === 'failed')
        return {
          step: 'failed',
          fileName,
          message: dataset.error?.message ?? 'The file could not be loaded.',
          details: dataset.error?.details ?? {},
        };
      return { step: 'processing', fileName, dataset };
    }
    case 'failed':
      return { step: 'failed', fileName, message: action.message, details: action.details ?? {} };
    case 'cancelled':
      return state.step === 'uploading' ? { step: 'cancelled', fileName } : state;
  }
}

/**
 * A new version that failed leaves its dataset ready on the live version, the failure in
 * `lastLoadError` for the attempted one: ready again, still on the version this upload started
 * from, with a failure of a later version, means this upload failed.
 */
function newVersionFailure(
  state: UploadState,
  dataset: Dataset,
): NonNullable<Dataset['lastLoadError']> | null {
  if (state.step !== 'processing' || dataset.status !== 'ready' || !dataset.lastLoadError)
    return null;
  const started = state.dataset.version;
  return dataset.version === started && dataset.lastLoadError.version > started
    ? dataset.lastLoadError
    : null;
}

export interface ProgressView {
  text: string;
  /** 0–100, or null while the server cannot say how far it is (indeterminate). */
  percent: number | null;
}

function ratio(done: number | undefined, total: number | undefined): number | null {
  if (!total || done === undefined || done <= 0) return null;
  return Math.min(100, Math.round((done / total) * 100));
}

/** The server's phase of a dataset being loaded, as a progress bar shows it. */
export function describeLoad(dataset: Dataset): ProgressView {
  const progress = dataset.progress;
  switch (dataset.status) {
    case 'receiving':
      return { text: 'Upload complete — starting…', percent: null };
    case 'parsing':
      return { text: 'Parsing…', percent: ratio(progress.bytesParsed, progress.bytesTotal) };
    case 'loading':
      return {
        text: `Loading: ${formatNumber(progress.rowsLoaded ?? 0)} rows`,
        percent: ratio(progress.bytesParsed, progress.bytesTotal),
      };
    case 'ready':
      return { text: `Ready: ${formatNumber(dataset.rowCount ?? 0)} rows`, percent: 100 };
    case 'failed':
      return { text: 'Failed', percent: null };
  }
}

export function describeUpload(state: UploadState): ProgressView | null {
  switch (state.step) {
    case 'uploading':
      return {
        text: `Uploading ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`,
        percent:
          state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : null,
      };
    case 'processing':
    case 'ready':
      return describeLoad(state.dataset);
    default:
      return null;
  }
}
