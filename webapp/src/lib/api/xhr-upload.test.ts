import { describe, expect, it } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';
import { fakeServer, json } from '@/test/fake-server';
import { installFakeXhr } from '@/test/fake-xhr';
import { signIn } from '@/test/render';
import { isApiError } from './api-error';
import { UploadAbortedError, xhrUpload } from './xhr-upload';

const auth = (access: string, refresh: string) => ({
  user: { id: 'u1', email: 'a@example.com', name: 'A', createdAt: '2024-01-01T00:00:00Z' },
  accessToken: access,
  refreshToken: refresh,
  tokenType: 'Bearer',
  expiresIn: 1800,
});

describe('xhrUpload', () => {
  it('sends the bearer token and reports bytes sent', async () => {
    signIn('access-1');
    const xhr = installFakeXhr();
    const seen: number[] = [];
    const done = xhrUpload<{ id: string }>({
      url: '/api/v1/x',
      body: new FormData(),
      onProgress: (p) => seen.push(p.loaded),
    });
    const request = await xhr.next();
    expect(request.headers.Authorization).toBe('Bearer access-1');
    request.progress(10, 100);
    request.progress(100, 100);
    request.respond(202, { id: 'd1' });
    await expect(done).resolves.toEqual({ id: 'd1' });
    expect(seen).toEqual([10, 100]);
  });

  it('on a 401 refreshes the session once and sends the file again', async () => {
    signIn('old', 'refresh-1');
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => json(200, auth('new', 'refresh-2')),
    });
    const xhr = installFakeXhr();
    const done = xhrUpload({ url: '/api/v1/x', body: new FormData() });
    (await xhr.next()).respond(401, {
      error: { code: 'unauthorized', message: 'expired', details: {} },
    });
    await expect.poll(() => xhr.requests.length).toBe(2);
    const retry = await xhr.next();
    expect(retry.headers.Authorization).toBe('Bearer new');
    retry.respond(201, { ok: true });
    await expect(done).resolves.toEqual({ ok: true });
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(tokenStore.getRefreshToken()).toBe('refresh-2');
  });

  it('turns an error answer into an ApiError with the server’s message', async () => {
    signIn();
    const xhr = installFakeXhr();
    const done = xhrUpload({ url: '/api/v1/x', body: new FormData() });
    (await xhr.next()).respond(413, {
      error: { code: 'file_too_large', message: 'the file is over 100 MB', details: {} },
    });
    const error: unknown = await done.catch((e: unknown) => e);
    expect(isApiError(error, 413) && error.message).toBe('the file is over 100 MB');
  });

  it('aborts when the signal fires', async () => {
    signIn();
    const xhr = installFakeXhr();
    const controller = new AbortController();
    const done = xhrUpload({ url: '/api/v1/x', body: new FormData(), signal: controller.signal });
    const request = await xhr.next();
    controller.abort();
    await expect(done).rejects.toBeInstanceOf(UploadAbortedError);
    expect(request.aborted).toBe(true);
  });
});
