import { describe, expect, it, vi } from 'vitest';
import { createAuthFetch, type AuthTokens } from './auth-fetch';

const ORIGIN = 'http://app.test';

function memoryTokens(
  access: string | null,
  refresh: string | null,
): AuthTokens & { access: string | null; refresh: string | null } {
  return {
    access,
    refresh,
    getAccessToken() {
      return this.access;
    },
    getRefreshToken() {
      return this.refresh;
    },
    setTokens(tokens) {
      this.access = tokens.accessToken;
      this.refresh = tokens.refreshToken;
    },
    clear() {
      this.access = null;
      this.refresh = null;
    },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });
}

function authResponse(n: number) {
  return {
    user: { id: 'u1', email: 'a@b.c', name: 'A', createdAt: '2024-01-01T00:00:00Z' },
    accessToken: `access-${n}`,
    refreshToken: `refresh-${n}`,
    tokenType: 'Bearer',
    expiresIn: 1800,
  };
}

/**
 * A fake server: /auth/refresh rotates tokens (after an optional delay so calls can pile up);
 * every other route accepts only the current access token.
 */
function fakeNetwork(options: { refreshStatus?: number; refreshDelay?: number } = {}) {
  let generation = 1;
  const seen: Array<{ path: string; auth: string | null; body: string }> = [];
  const fetch = vi.fn(async (request: Request) => {
    const path = new URL(request.url).pathname;
    const body = await request.text();
    seen.push({ path, auth: request.headers.get('Authorization'), body });
    if (path === '/api/v1/auth/refresh') {
      if (options.refreshDelay)
        await new Promise((resolve) => setTimeout(resolve, options.refreshDelay));
      const status = options.refreshStatus ?? 200;
      if (status !== 200)
        return json(status, {
          error: { code: 'invalid_token', message: 'Refresh token is invalid', details: {} },
        });
      generation += 1;
      return json(200, authResponse(generation));
    }
    if (request.headers.get('Authorization') !== `Bearer access-${generation}`)
      return json(401, { error: { code: 'unauthorized', message: 'Token expired', details: {} } });
    return json(200, { ok: true, path, body: body || null });
  });
  return { fetch, seen, refreshCalls: () => seen.filter((s) => s.path === '/api/v1/auth/refresh') };
}

function setup(tokens: ReturnType<typeof memoryTokens>, network: ReturnType<typeof fakeNetwork>) {
  const onSessionExpired = vi.fn();
  const authFetch = createAuthFetch({
    fetch: network.fetch,
    tokens,
    refreshUrl: `${ORIGIN}/api/v1/auth/refresh`,
    onSessionExpired,
  });
  return { authFetch, onSessionExpired };
}

const get = (path: string) => new Request(`${ORIGIN}${path}`);

describe('createAuthFetch', () => {
  it('sends the access token as a bearer token', async () => {
    const network = fakeNetwork();
    const { authFetch } = setup(memoryTokens('access-1', 'refresh-1'), network);
    const response = await authFetch(get('/api/v1/projects'));
    expect(response.status).toBe(200);
    expect(network.seen[0]?.auth).toBe('Bearer access-1');
    expect(network.refreshCalls()).toHaveLength(0);
  });

  it('refreshes once on a 401 and retries the request with the new token, body included', async () => {
    const network = fakeNetwork();
    const tokens = memoryTokens('stale', 'refresh-1');
    const { authFetch } = setup(tokens, network);
    const response = await authFetch(
      new Request(`${ORIGIN}/api/v1/projects`, {
        method: 'POST',
        body: JSON.stringify({ name: 'Sales' }),
      }),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ body: '{"name":"Sales"}' });
    expect(network.refreshCalls()).toHaveLength(1);
    expect(JSON.parse(network.refreshCalls()[0]?.body ?? '')).toEqual({
      refreshToken: 'refresh-1',
    });
    expect(tokens.access).toBe('access-2');
    expect(tokens.refresh).toBe('refresh-2');
  });

  it('makes concurrent 401s wait for a single refresh (single flight)', async () => {
    const network = fakeNetwork({ refreshDelay: 20 });
    const tokens = memoryTokens('stale', 'refresh-1');
    const { authFetch } = setup(tokens, network);
    const responses = await Promise.all(
      [
        '/api/v1/projects',
        '/api/v1/auth/me',
        '/api/v1/projects/p1',
        '/api/v1/projects/p1/members',
      ].map((path) => authFetch(get(path))),
    );
    expect(responses.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(network.refreshCalls()).toHaveLength(1);
    // Every retry used the one new token.
    const retries = network.seen.filter(
      (s) => s.path !== '/api/v1/auth/refresh' && s.auth === 'Bearer access-2',
    );
    expect(retries).toHaveLength(4);
  });

  it('does not refresh again for a 401 that raced a refresh already finished', async () => {
    const network = fakeNetwork();
    const tokens = memoryTokens('stale', 'refresh-1');
    const { authFetch } = setup(tokens, network);
    await authFetch(get('/api/v1/projects'));
    await authFetch(get('/api/v1/projects'));
    expect(network.refreshCalls()).toHaveLength(1);
  });

  it('when the refresh is refused: drops the tokens, reports the expiry once, returns the 401', async () => {
    const network = fakeNetwork({ refreshStatus: 401, refreshDelay: 5 });
    const tokens = memoryTokens('stale', 'refresh-1');
    const { authFetch, onSessionExpired } = setup(tokens, network);
    const responses = await Promise.all([
      authFetch(get('/api/v1/projects')),
      authFetch(get('/api/v1/auth/me')),
    ]);
    expect(responses.map((r) => r.status)).toEqual([401, 401]);
    expect(network.refreshCalls()).toHaveLength(1);
    expect(onSessionExpired).toHaveBeenCalledTimes(1);
    expect(tokens.access).toBeNull();
    expect(tokens.refresh).toBeNull();
  });

  it('keeps the session when the refresh fails for a server error', async () => {
    const network = fakeNetwork({ refreshStatus: 503 });
    const tokens = memoryTokens('stale', 'refresh-1');
    const { authFetch, onSessionExpired } = setup(tokens, network);
    await expect(authFetch(get('/api/v1/projects'))).rejects.toMatchObject({ status: 503 });
    expect(onSessionExpired).not.toHaveBeenCalled();
    expect(tokens.refresh).toBe('refresh-1');
  });

  it('after a reload (refresh token only) refreshes first instead of collecting a 401', async () => {
    const network = fakeNetwork();
    const tokens = memoryTokens(null, 'refresh-1');
    const { authFetch } = setup(tokens, network);
    const response = await authFetch(get('/api/v1/auth/me'));
    expect(response.status).toBe(200);
    expect(network.seen.map((s) => s.path)).toEqual(['/api/v1/auth/refresh', '/api/v1/auth/me']);
  });

  it('renews an access token that is about to expire before using it', async () => {
    const network = fakeNetwork();
    const tokens = { ...memoryTokens('access-1', 'refresh-1'), isAccessTokenStale: () => true };
    const { authFetch } = setup(tokens, network);
    const response = await authFetch(get('/api/v1/projects'));
    expect(response.status).toBe(200);
    expect(network.seen.map((s) => `${s.path} ${s.auth ?? ''}`)).toEqual([
      '/api/v1/auth/refresh ',
      '/api/v1/projects Bearer access-2',
    ]);
  });

  it('never sends tokens to, nor refreshes for, login, signup and refresh', async () => {
    const network = fakeNetwork();
    const { authFetch, onSessionExpired } = setup(memoryTokens('stale', 'refresh-1'), network);
    const response = await authFetch(
      new Request(`${ORIGIN}/api/v1/auth/login`, { method: 'POST', body: '{}' }),
    );
    expect(response.status).toBe(401);
    expect(network.seen).toHaveLength(1);
    expect(network.seen[0]?.auth).toBeNull();
    expect(onSessionExpired).not.toHaveBeenCalled();
  });

  it('does not report an expiry when there was no session to begin with', async () => {
    const network = fakeNetwork();
    const { authFetch, onSessionExpired } = setup(memoryTokens(null, null), network);
    const response = await authFetch(get('/api/v1/projects'));
    expect(response.status).toBe(401);
    expect(network.refreshCalls()).toHaveLength(0);
    expect(onSessionExpired).not.toHaveBeenCalled();
  });
});
