import createClient from 'openapi-fetch';
import { tokenStore } from '@/lib/auth/token-store';
import { ApiError, NETWORK_ERROR_MESSAGE, toApiError } from './api-error';
import { browserLock, createAuthFetch } from './auth-fetch';
import { apiBaseUrl } from './base-url';
import type { paths } from './schema';

let sessionExpiredHandler: () => void = () => undefined;

/** The app registers what to do when the session cannot be refreshed (go to the login page). */
export function setSessionExpiredHandler(handler: () => void): () => void {
  sessionExpiredHandler = handler;
  return () => {
    if (sessionExpiredHandler === handler) sessionExpiredHandler = () => undefined;
  };
}

export const authFetch = createAuthFetch({
  // Resolved on each call so tests can replace globalThis.fetch.
  fetch: (request) => globalThis.fetch(request),
  tokens: tokenStore,
  refreshUrl: `${apiBaseUrl}/api/v1/auth/refresh`,
  onSessionExpired: () => sessionExpiredHandler(),
  withLock: browserLock,
});

/** The typed client: paths, params and bodies come from the generated contract. */
export const api = createClient<paths>({ baseUrl: apiBaseUrl, fetch: authFetch });

/** The same contract without the session logic, for calls that carry their credentials themselves. */
export const publicApi = createClient<paths>({
  baseUrl: apiBaseUrl,
  fetch: (request) => globalThis.fetch(request),
});

interface FetchResult<T> {
  data?: T;
  error?: unknown;
  response: Response;
}

/** Turn an openapi-fetch result into its data, or throw an ApiError carrying the server's message. */
export async function unwrap<T>(call: Promise<FetchResult<T>>): Promise<T> {
  let result: FetchResult<T>;
  try {
    result = await call;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    throw new ApiError(0, 'network_error', NETWORK_ERROR_MESSAGE);
  }
  if (!result.response.ok) throw toApiError(result.response.status, result.error);
  return result.data as T;
}
