import { ApiError, toApiError } from '@/lib/api/api-error';
import { apiBaseUrl } from '@/lib/api/base-url';
import { authFetch } from '@/lib/api/client';
import { isInProgress } from '../dataset-status';
import type { Dataset } from '../types';
import { getDataset } from './datasets-api';
import { createSseParser } from './sse';

export const POLL_INTERVAL_MS = 500;

export interface WatchOptions {
  onUpdate: (dataset: Dataset) => void;
  signal?: AbortSignal;
}

function isDataset(value: unknown): value is Dataset {
  return typeof value === 'object' && value !== null && 'status' in value && 'id' in value;
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

/**
 * Follows GET …/events: `progress` events carry the dataset, then `ready` or `failed` ends the
 * stream. EventSource cannot send the Authorization header, so this reads the body of an
 * authenticated fetch. Resolves with the dataset once it is no longer loading, or null when the
 * stream broke off first (the caller then polls).
 */
async function followEvents(
  url: string,
  { onUpdate, signal }: WatchOptions,
): Promise<Dataset | null> {
  const response = await authFetch(
    new Request(url, { headers: { Accept: 'text/event-stream' }, signal }),
  );
  if (!response.ok) {
    if (response.status === 404 || response.status === 403)
      throw toApiError(response.status, await response.json().catch(() => undefined));
    return null;
  }
  const reader = response.body?.getReader();
  if (!reader) return null;
  const decoder = new TextDecoder();
  const seen: { last: Dataset | null; gone: ApiError | null } = { last: null, gone: null };
  const feed = createSseParser(({ event, data }) => {
    let value: unknown;
    try {
      value = JSON.parse(data);
    } catch {
      return;
    }
    if (isDataset(value)) {
      seen.last = value;
      onUpdate(value);
    } else if (event === 'failed') {
      seen.gone = toApiError(410, value);
    }
  });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    feed(decoder.decode(value, { stream: true }));
  }
  if (seen.gone) throw seen.gone;
  const final = seen.last;
  return final && !isInProgress(final.status) ? final : null;
}

/** Polls GET …/datasets/{id} until the load has finished. */
async function poll(
  projectId: string,
  datasetId: string,
  { onUpdate, signal }: WatchOptions,
): Promise<Dataset> {
  for (;;) {
    const dataset = await getDataset(projectId, datasetId);
    onUpdate(dataset);
    if (!isInProgress(dataset.status)) return dataset;
    await sleep(POLL_INTERVAL_MS, signal);
  }
}

/**
 * Watches a load until it is ready or failed, reporting each change. Prefers the event stream
 * and falls back to polling every 500 ms when streaming is not possible or breaks off.
 */
export async function watchDataset(
  projectId: string,
  datasetId: string,
  options: WatchOptions,
): Promise<Dataset> {
  const url = `${apiBaseUrl}/api/v1/projects/${encodeURIComponent(projectId)}/datasets/${encodeURIComponent(datasetId)}/events`;
  try {
    const final = await followEvents(url, options);
    if (final) return final;
  } catch (error) {
    if (error instanceof ApiError && error.status !== 0) throw error;
    if (options.signal?.aborted) throw error;
    // A network hiccup or a proxy that buffers streams: polling still works.
  }
  return poll(projectId, datasetId, options);
}
