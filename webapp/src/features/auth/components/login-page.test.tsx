import { screen } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { expectLocation, renderPage } from '@/test/render';
import { useAuthNotice } from '../hooks/use-auth-notice';
import { LoginPage } from './login-page';

const authResponse = {
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00Z' },
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  tokenType: 'Bearer',
  expiresIn: 1800,
};

async function signInAs(u: ReturnType<typeof renderPage>['user']) {
  await u.type(screen.getByLabelText(/^email/i), 'ada@example.com');
  await u.type(screen.getByLabelText(/^password/i), 'secret123');
  await u.click(screen.getByRole('button', { name: 'Sign in' }));
}

beforeEach(() => useAuthNotice.setState({ notice: null }));

describe('LoginPage', () => {
  it('returns to the page in `next` after signing in', async () => {
    const server = fakeServer({ 'POST /api/v1/auth/login': () => json(200, authResponse) });
    const { user: u } = renderPage(<LoginPage />, {
      path: '/login',
      at: '/login?next=%2Fprojects%2Fp1%2Fmembers',
    });
    await signInAs(u);
    await expectLocation('/projects/p1/members');
    expect(server.callsTo('POST /api/v1/auth/login')[0]?.body).toEqual({
      email: 'ada@example.com',
      password: 'secret123',
    });
    expect(tokenStore.getAccessToken()).toBe('access-1');
    expect(tokenStore.getRefreshToken()).toBe('refresh-1');
  });

  it('goes to the projects list when `next` points off-site', async () => {
    fakeServer({ 'POST /api/v1/auth/login': () => json(200, authResponse) });
    const { user: u } = renderPage(<LoginPage />, {
      path: '/login',
      at: '/login?next=%2F%2Fevil.example',
    });
    await signInAs(u);
    await expectLocation('/projects');
  });

  it('says why when the session expired', () => {
    useAuthNotice.setState({ notice: 'expired' });
    renderPage(<LoginPage />, { path: '/login', at: '/login?next=%2Fprojects' });
    expect(screen.getByText('Your session expired — please sign in again')).toBeInTheDocument();
  });

  it('shows the server’s message for wrong credentials and stays put', async () => {
    fakeServer({
      'POST /api/v1/auth/login': () =>
        apiError(401, 'invalid_credentials', 'Email or password is incorrect.'),
    });
    const { user: u } = renderPage(<LoginPage />, { path: '/login', at: '/login' });
    await signInAs(u);
    expect(await screen.findByRole('alert')).toHaveTextContent('Email or password is incorrect.');
    await expectLocation('/login');
    expect(tokenStore.hasSession()).toBe(false);
  });

  it('validates before sending', async () => {
    const server = fakeServer({});
    const { user: u } = renderPage(<LoginPage />, { path: '/login', at: '/login' });
    await u.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(screen.getByLabelText(/^email/i)).toHaveAccessibleDescription(
      'Enter your email address.',
    );
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription('Enter your password.');
    expect(server.calls).toHaveLength(0);
  });
});
