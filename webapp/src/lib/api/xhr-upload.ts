import { tokenStore } from '@/lib/auth/token-store';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from './api-error';
import { apiBaseUrl } from './base-url';
import { authFetch } from './client';

export interface UploadProgress {
  loaded: number;
  total: number;
}

export interface XhrUploadOptions {
  /** Path and query, e.g. `/api/v1/projects/p1/datasets?name=Sales`. */
  url: string;
  body: FormData;
  onProgress?: (progress: UploadProgress) => void;
  signal?: AbortSignal;
}

/** Thrown when the caller aborted the upload (the Cancel button). */
export class UploadAbortedError extends Error {
  constructor() {
    super('The upload was cancelled.');
    this.name = 'UploadAbortedError';
  }
}

interface XhrResult {
  status: number;
  body: unknown;
}

function parse(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function send(
  url: string,
  body: FormData,
  token: string | null,
  options: XhrUploadOptions,
): Promise<XhrResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const { signal, onProgress } = options;
    const onAbort = () => xhr.abort();
    xhr.open('POST', url);
    xhr.setRequestHeader('Accept', 'application/json');
    if (token) xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress?.({ loaded: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      signal?.removeEventListener('abort', onAbort);
      resolve({ status: xhr.status, body: parse(xhr.responseText) });
    };
    xhr.onerror = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE));
    };
    xhr.onabort = () => {
      signal?.removeEventListener('abort', onAbort);
      reject(new UploadAbortedError());
    };
    if (signal?.aborted) {
      reject(new UploadAbortedError());
      return;
    }
    signal?.addEventListener('abort', onAbort);
    xhr.send(body);
  });
}

/**
 * POST a form with upload progress. fetch() cannot report bytes sent, so this uses
 * XMLHttpRequest, with the same session rules as every other call: renew a missing or stale
 * access token first (a big file must not be sent only to be refused), and on a 401 refresh
 * once and send again. Resolves with the JSON body of a 2xx answer; anything else is an ApiError.
 */
export async function xhrUpload<T>(options: XhrUploadOptions): Promise<T> {
  const url = new URL(`${apiBaseUrl}${options.url}`).toString();
  const tokens = tokenStore;
  if ((!tokens.getAccessToken() || tokens.isAccessTokenStale()) && tokens.getRefreshToken()) {
    await authFetch.refresh();
  }
  const sentWith = tokens.getAccessToken();
  let result = await send(url, options.body, sentWith, options);
  if (result.status === 401) {
    const current = tokens.getAccessToken();
    if (current && current !== sentWith) {
      result = await send(url, options.body, current, options);
    } else if (tokens.getRefreshToken() && (await authFetch.refresh()) === 'refreshed') {
      result = await send(url, options.body, tokens.getAccessToken(), options);
    }
  }
  if (result.status < 200 || result.status >= 300) throw toApiError(result.status, result.body);
  return result.body as T;
}
