import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import type { ApiKey } from '../types';
import { ApiKeysPage } from './api-keys-page';

function key(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    id: 'k1',
    name: 'nightly export',
    prefix: 'as_abcdefg',
    createdAt: '2024-02-01T00:00:00Z',
    lastUsedAt: null,
    scopes: ['read'],
    expiresAt: null,
    expired: false,
    ...overrides,
  };
}

const renderKeys = () => renderPage(<ApiKeysPage />, { path: '/api-keys', at: '/api-keys' });

describe('ApiKeysPage', () => {
  it('lists keys with their scopes and expiry, expired ones marked', async () => {
    signIn();
    fakeServer({
      'GET /api/v1/api-keys': () =>
        json(200, {
          items: [
            key(),
            key({
              id: 'k2',
              name: 'loader',
              scopes: ['upload', 'read'],
              expiresAt: '2020-01-01T00:00:00Z',
              expired: true,
            }),
          ],
        }),
    });
    renderKeys();
    const table = await screen.findByRole('table', { name: 'Your API keys' });
    const loader = within(table).getByRole('row', { name: /loader/ });
    expect(within(loader).getByText('Read')).toBeInTheDocument();
    expect(within(loader).getByText('Upload')).toBeInTheDocument();
    expect(within(loader).getByText('Expired')).toBeInTheDocument();
    const nightly = within(table).getByRole('row', { name: /nightly export/ });
    expect(within(nightly).getAllByText('Never')).toHaveLength(2);
  });

  it('creates a key with the chosen scopes and expiry and shows it once', async () => {
    signIn();
    const server = fakeServer({
      'GET /api/v1/api-keys': () => json(200, { items: [] }),
      'POST /api/v1/api-keys': () =>
        json(201, {
          ...key({ name: 'etl', scopes: ['read', 'upload'], expiresAt: '2030-01-01T00:00:00Z' }),
          key: 'as_secret-value',
        }),
    });
    const { user } = renderKeys();
    await screen.findByText('You have no API keys yet.');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'etl');
    await user.click(screen.getByRole('checkbox', { name: 'Upload' }));
    await user.selectOptions(screen.getByRole('combobox', { name: 'Expires after' }), '90');
    await user.click(screen.getByRole('button', { name: 'Create key' }));

    expect(await screen.findByLabelText('New API key')).toHaveTextContent('as_secret-value');
    expect(screen.getByText(/it will not be shown again/)).toBeInTheDocument();
    const sent = server.calls.find((c) => c.method === 'POST')?.body as {
      name: string;
      scopes: string[];
      expiresAt: string;
    };
    expect(sent.name).toBe('etl');
    expect(sent.scopes).toEqual(['read', 'upload']);
    const days = (new Date(sent.expiresAt).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89);
    expect(days).toBeLessThanOrEqual(90);
  });

  it('asks for a name and at least one scope before sending anything', async () => {
    signIn();
    const server = fakeServer({ 'GET /api/v1/api-keys': () => json(200, { items: [] }) });
    const { user } = renderKeys();
    await screen.findByText('You have no API keys yet.');
    await user.click(screen.getByRole('checkbox', { name: 'Read' }));
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(
      screen.getByText('Name the key after the program that will use it.'),
    ).toBeInTheDocument();
    expect(screen.getByText('Choose at least one scope.')).toBeInTheDocument();
    expect(server.calls.some((c) => c.method === 'POST')).toBe(false);
  });

  it('shows the server’s refusal when the key limit is reached', async () => {
    signIn();
    fakeServer({
      'GET /api/v1/api-keys': () => json(200, { items: [key()] }),
      'POST /api/v1/api-keys': () =>
        apiError(409, 'api_key_limit', 'You already have 50 live API keys.'),
    });
    const { user } = renderKeys();
    await screen.findByRole('table');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'one more');
    await user.click(screen.getByRole('button', { name: 'Create key' }));
    expect(await screen.findByText('You already have 50 live API keys.')).toBeInTheDocument();
  });

  it('revokes a key after confirmation', async () => {
    signIn();
    const server = fakeServer({
      'GET /api/v1/api-keys': () => json(200, { items: [key()] }),
      'DELETE /api/v1/api-keys/:keyId': () => json(204),
    });
    const { user } = renderKeys();
    await user.click(await screen.findByRole('button', { name: 'Revoke nightly export' }));
    await user.click(screen.getByRole('button', { name: 'Revoke key' }));
    expect(server.calls.some((c) => c.method === 'DELETE' && c.params.keyId === 'k1')).toBe(true);
  });
});
