import { toApiError } from './api-error';
import type { Schema } from './types';

type Fetch = (request: Request) => Promise<Response>;

export interface AuthTokens {
  getAccessToken(): string | null;
  getRefreshToken(): string | null;
  /** Optional: true when the access token is about to expire. */
  isAccessTokenStale?(): boolean;
  setTokens(tokens: { accessToken: string; refreshToken: string; expiresIn?: number }): void;
  clear(): void;
}

export interface AuthFetchOptions {
  /** The real network fetch. */
  fetch: Fetch;
  tokens: AuthTokens;
  /** Absolute URL of POST /api/v1/auth/refresh. */
  refreshUrl: string;
  /** Called once when a session that existed can no longer be refreshed. */
  onSessionExpired: () => void;
  /**
   * Runs the refresh under a lock shared by every tab of this origin, so two tabs never
   * spend the same (rotating) refresh token — reusing one would sign the user out.
   */
  withLock?: <T>(task: () => Promise<T>) => Promise<T>;
}

export type RefreshOutcome = 'refreshed' | 'expired';

export interface AuthFetch {
  (request: Request): Promise<Response>;
  /** Refresh now (joins a refresh already in flight). Throws only on network/server errors. */
  refresh(): Promise<RefreshOutcome>;
}

/** Endpoints that authenticate by their body: never send a bearer token, never refresh on 401. */
const CREDENTIAL_ENDPOINTS = ['/auth/login', '/auth/signup', '/auth/refresh'];
/** Endpoints whose body carries the refresh token: a retry would replay a rotated token. */
const NO_RETRY_ENDPOINTS = ['/auth/logout'];

function pathEndsWith(url: string, suffixes: string[]): boolean {
  const path = new URL(url).pathname.replace(/\/+$/, '');
  return suffixes.some((suffix) => path.endsWith(suffix));
}

function authorize(request: Request, token: string | null): Request {
  if (token) request.headers.set('Authorization', `Bearer ${token}`);
  else request.headers.delete('Authorization');
  return request;
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function browserLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return task();
  return new Promise<T>((resolve, reject) => {
    locks.request('analytics-studio-refresh', () => task().then(resolve, reject)).catch(reject);
  });
}

/**
 * A fetch that adds the access token, and on a 401 refreshes the session once and retries.
 * Concurrent 401s share one refresh (single flight); if the refresh is refused the session has
 * really expired: tokens are dropped and `onSessionExpired` is called exactly once.
 */
export function createAuthFetch(options: AuthFetchOptions): AuthFetch {
  const { fetch: send, tokens, refreshUrl, onSessionExpired } = options;
  const withLock = options.withLock ?? (<T>(task: () => Promise<T>) => task());
  let inflight: Promise<RefreshOutcome> | null = null;

  async function doRefresh(): Promise<RefreshOutcome> {
    // Read inside the lock: another tab may have rotated the token while we waited.
    const refreshToken = tokens.getRefreshToken();
    if (!refreshToken) return 'expired';
    const response = await send(
      new Request(refreshUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refreshToken }),
      }),
    );
    if (response.ok) {
      const body = (await response.json()) as Schema<'AuthResponse'>;
      tokens.setTokens({
        accessToken: body.accessToken,
        refreshToken: body.refreshToken,
        expiresIn: body.expiresIn,
      });
      return 'refreshed';
    }
    if (response.status === 400 || response.status === 401) {
      tokens.clear();
      onSessionExpired();
      return 'expired';
    }
    // 429/5xx: the session may well be fine; fail this request but keep the tokens.
    throw toApiError(response.status, await readJson(response));
  }

  function refresh(): Promise<RefreshOutcome> {
    if (!inflight) {
      inflight = withLock(doRefresh).finally(() => {
        inflight = null;
      });
    }
    return inflight;
  }

  const authFetch = async (request: Request): Promise<Response> => {
    if (pathEndsWith(request.url, CREDENTIAL_ENDPOINTS)) return send(request);

    // After a reload we hold only the refresh token, or the access token is about to expire:
    // renew first rather than spending a round trip on a certain 401.
    const needsToken = !tokens.getAccessToken() || (tokens.isAccessTokenStale?.() ?? false);
    if (needsToken && tokens.getRefreshToken()) await refresh();

    const canRetry = !pathEndsWith(request.url, NO_RETRY_ENDPOINTS);
    const retry = canRetry ? request.clone() : null;
    const sentWith = tokens.getAccessToken();
    const response = await send(authorize(request, sentWith));
    if (response.status !== 401 || !retry) return response;

    // Someone refreshed while this request was in flight: just retry with the new token.
    const current = tokens.getAccessToken();
    if (current && current !== sentWith) return send(authorize(retry, current));

    if (!tokens.getRefreshToken()) return response;
    const outcome = await refresh();
    if (outcome !== 'refreshed') return response;
    return send(authorize(retry, tokens.getAccessToken()));
  };

  return Object.assign(authFetch, { refresh });
}
