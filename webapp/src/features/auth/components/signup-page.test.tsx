import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { expectLocation, renderPage } from '@/test/render';
import { SignupPage } from './signup-page';

const user = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00Z' };

async function fill(
  u: ReturnType<typeof renderPage>['user'],
  values: { name?: string; email?: string; password?: string },
) {
  if (values.name) await u.type(screen.getByLabelText(/^name/i), values.name);
  if (values.email) await u.type(screen.getByLabelText(/^email/i), values.email);
  if (values.password) await u.type(screen.getByLabelText(/^password/i), values.password);
}

describe('SignupPage', () => {
  it('explains every missing field and sends nothing', async () => {
    const server = fakeServer({});
    const { user: u } = renderPage(<SignupPage />, { path: '/signup', at: '/signup' });
    await u.click(screen.getByRole('button', { name: 'Create account' }));

    expect(screen.getByLabelText(/^name/i)).toHaveAccessibleDescription('Enter your name.');
    expect(screen.getByLabelText(/^email/i)).toHaveAccessibleDescription(
      'Enter your email address.',
    );
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription(/Choose a password\./);
    expect(screen.getByLabelText(/^name/i)).toHaveFocus();
    expect(screen.getByLabelText(/^name/i)).toBeInvalid();
    expect(server.calls).toHaveLength(0);
  });

  it('applies the password rule before asking the server', async () => {
    const server = fakeServer({});
    const { user: u } = renderPage(<SignupPage />, { path: '/signup', at: '/signup' });
    await fill(u, { name: 'Ada', email: 'ada@example.com', password: 'onlyletters' });
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    expect(screen.getByLabelText(/^password/i)).toHaveAccessibleDescription(
      'At least 10 characters, with a letter and a digit; not a common password. Use at least one letter and one digit.',
    );
    expect(server.calls).toHaveLength(0);
  });

  it('shows the server’s own words when the email is taken', async () => {
    fakeServer({
      'POST /api/v1/auth/signup': () =>
        apiError(409, 'email_taken', 'An account with this email already exists.'),
    });
    const { user: u } = renderPage(<SignupPage />, { path: '/signup', at: '/signup' });
    await fill(u, { name: 'Ada', email: 'ada@example.com', password: 'secret-1234' });
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    const email = await screen.findByLabelText(/^email/i);
    await screen.findByText('An account with this email already exists.');
    expect(email).toHaveAccessibleDescription('An account with this email already exists.');
  });

  it('shows other server errors as an alert', async () => {
    fakeServer({
      'POST /api/v1/auth/signup': () => apiError(400, 'validation_failed', 'Name is too long.'),
    });
    const { user: u } = renderPage(<SignupPage />, { path: '/signup', at: '/signup' });
    await fill(u, { name: 'Ada', email: 'ada@example.com', password: 'secret-1234' });
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('Name is too long.');
  });

  it('creates the account and continues to `next`', async () => {
    const server = fakeServer({
      'POST /api/v1/auth/signup': () =>
        json(201, {
          user,
          accessToken: 'a',
          refreshToken: 'r',
          tokenType: 'Bearer',
          expiresIn: 1800,
        }),
    });
    const { user: u } = renderPage(<SignupPage />, {
      path: '/signup',
      at: '/signup?next=%2Fprojects%2Fp1',
    });
    await fill(u, { name: 'Ada', email: ' ada@example.com ', password: 'secret-1234' });
    await u.click(screen.getByRole('button', { name: 'Create account' }));
    await expectLocation('/projects/p1');
    expect(server.callsTo('POST /api/v1/auth/signup')[0]?.body).toEqual({
      name: 'Ada',
      email: 'ada@example.com',
      password: 'secret-1234',
    });
  });
});
