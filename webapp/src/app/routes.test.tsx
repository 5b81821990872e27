import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { installSessionExpiryHandler, useAuthNotice } from '@/features/auth';
import { tokenStore } from '@/lib/auth/token-store';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { LocationProbe, renderRoutes } from '@/test/render';
import { routes } from './routes';

// The whole app's routes, with a probe to see where we are.
const withProbe = [...routes, { path: '/__probe', element: <LocationProbe /> }];

const me = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  createdAt: '2024-01-01T00:00:00Z',
};
const project = {
  id: 'p1',
  name: 'Sales',
  description: null,
  role: 'owner',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

beforeEach(() => {
  useAuthNotice.setState({ notice: null });
  return installSessionExpiryHandler();
});

describe('routing and session', () => {
  it('sends a visitor without a session to /login?next=<page>', async () => {
    fakeServer({});
    const { router } = renderRoutes(withProbe, { at: '/projects/p1/activity?page=2' });
    expect(await screen.findByRole('heading', { name: 'Sign in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(
      '/projects/p1/activity?page=2',
    );
  });

  it('restores a session from the refresh token after a reload', async () => {
    window.localStorage.setItem('as.refreshToken', 'refresh-1');
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () =>
        json(200, {
          user: me,
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
      'GET /api/v1/auth/me': () => json(200, me),
      'GET /api/v1/projects': () => json(200, { items: [project] }),
    });
    renderRoutes(withProbe, { at: '/projects' });
    expect(await screen.findByRole('heading', { name: 'Projects' })).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Account: Ada Lovelace' }),
    ).toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);
    expect(tokenStore.getRefreshToken()).toBe('refresh-2');
  });

  it('when the session cannot be refreshed, asks to sign in again and returns afterwards', async () => {
    window.localStorage.setItem('as.refreshToken', 'refresh-revoked');
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () => apiError(401, 'invalid_token', 'Refresh token is invalid'),
      'POST /api/v1/auth/login': () =>
        json(200, {
          user: me,
          accessToken: 'access-9',
          refreshToken: 'refresh-9',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
      'GET /api/v1/auth/me': ({ headers }) =>
        headers.get('Authorization') === 'Bearer access-9'
          ? json(200, me)
          : apiError(401, 'unauthorized', 'Sign in'),
      'GET /api/v1/projects': () => json(200, { items: [project] }),
      'GET /api/v1/projects/:projectId': () => json(200, project),
      'GET /api/v1/projects/:projectId/members': () => json(200, { items: [] }),
    });
    const { router, user } = renderRoutes(withProbe, { at: '/projects/p1/members' });

    expect(
      await screen.findByText('Your session expired — please sign in again'),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(
      '/projects/p1/members',
    );
    expect(server.callsTo('POST /api/v1/auth/refresh')).toHaveLength(1);

    await user.type(screen.getByLabelText(/^email/i), 'ada@example.com');
    await user.type(screen.getByLabelText(/^password/i), 'secret123');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(await screen.findByRole('heading', { name: 'Members' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/projects/p1/members');
  });

  it('logs out from the user menu to the login page', async () => {
    window.localStorage.setItem('as.refreshToken', 'refresh-1');
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () =>
        json(200, {
          user: me,
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
      'GET /api/v1/auth/me': () => json(200, me),
      'GET /api/v1/projects': () => json(200, { items: [] }),
      'POST /api/v1/auth/logout': () => json(204),
    });
    const { router, user } = renderRoutes(withProbe, { at: '/projects' });
    await user.click(await screen.findByRole('button', { name: 'Account: Ada Lovelace' }));
    await user.click(screen.getByRole('menuitem', { name: 'Log out' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
    expect(tokenStore.hasSession()).toBe(false);
    await vi.waitFor(() => expect(server.callsTo('POST /api/v1/auth/logout')).toHaveLength(1));
    const logout = server.callsTo('POST /api/v1/auth/logout')[0];
    expect(logout?.body).toEqual({ refreshToken: 'refresh-2' });
    expect(logout?.headers.get('Authorization')).toBe('Bearer access-2');
  });

  it('signs out everywhere from the user menu: logout without a refresh token', async () => {
    window.localStorage.setItem('as.refreshToken', 'refresh-1');
    const server = fakeServer({
      'POST /api/v1/auth/refresh': () =>
        json(200, {
          user: me,
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
      'GET /api/v1/auth/me': () => json(200, me),
      'GET /api/v1/projects': () => json(200, { items: [] }),
      'POST /api/v1/auth/logout': () => json(204),
    });
    const { router, user } = renderRoutes(withProbe, { at: '/projects' });
    await user.click(await screen.findByRole('button', { name: 'Account: Ada Lovelace' }));
    await user.click(screen.getByRole('menuitem', { name: 'Sign out everywhere' }));
    expect(await screen.findByText('You have signed out.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    await vi.waitFor(() => expect(server.callsTo('POST /api/v1/auth/logout')).toHaveLength(1));
    expect(server.callsTo('POST /api/v1/auth/logout')[0]?.body).toEqual({});
  });

  it('opens the API keys page from the user menu', async () => {
    window.localStorage.setItem('as.refreshToken', 'refresh-1');
    fakeServer({
      'POST /api/v1/auth/refresh': () =>
        json(200, {
          user: me,
          accessToken: 'access-2',
          refreshToken: 'refresh-2',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
      'GET /api/v1/auth/me': () => json(200, me),
      'GET /api/v1/projects': () => json(200, { items: [] }),
      'GET /api/v1/api-keys': () => json(200, { items: [] }),
    });
    const { router, user } = renderRoutes(withProbe, { at: '/projects' });
    await user.click(await screen.findByRole('button', { name: 'Account: Ada Lovelace' }));
    await user.click(screen.getByRole('menuitem', { name: 'API keys' }));
    expect(await screen.findByRole('heading', { name: 'API keys' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/api-keys');
  });
});
