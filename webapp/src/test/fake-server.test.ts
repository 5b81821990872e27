import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, reply } from './fake-server';

describe('fakeServer', () => {
  it('answers a contract route with its parameters and records the call', async () => {
    const server = fakeServer({
      'GET /api/v1/projects/:projectId': ({ params }) =>
        reply('GET /api/v1/projects/:projectId', 200, {
          id: params.projectId ?? '',
          name: 'Sales',
          role: 'owner',
          createdAt: '2026-01-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:00.000Z',
        }),
    });
    const res = await fetch('http://localhost/api/v1/projects/p1');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { id: string }).id).toBe('p1');
    expect(server.callsTo('GET /api/v1/projects/:projectId')).toHaveLength(1);
  });

  it('answers anything unrouted with a 404 in the error envelope', async () => {
    fakeServer({ 'GET /api/v1/projects': () => apiError(500, 'x', 'unused') });
    const res = await fetch('http://localhost/api/v1/nothing-here', { method: 'POST' });
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: 'not_found' } });
  });

  it('only takes routes, statuses and bodies that the contract has (checked by tsc)', () => {
    fakeServer({
      // @ts-expect-error: no such operation in openapi.yaml
      'GET /api/v1/projectz': () => apiError(404, 'not_found', 'typo'),
    });
    // @ts-expect-error: listProjects documents no 418
    reply('GET /api/v1/projects', 418, {});
    reply('GET /api/v1/projects/:projectId', 200, {
      // @ts-expect-error: a project's id is a string
      id: 5,
      name: 'x',
      role: 'owner',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
    expect(true).toBe(true);
  });
});
