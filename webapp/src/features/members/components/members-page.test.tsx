import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Role } from '@/lib/roles';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import type { Member } from '../types';
import { MembersPage } from './members-page';

const me = { id: 'u1', email: 'ada@example.com', name: 'Ada', createdAt: '2024-01-01T00:00:00Z' };

function member(userId: string, name: string, role: Role): Member {
  return {
    userId,
    name,
    role,
    email: `${name.toLowerCase()}@example.com`,
    addedAt: '2024-02-01T00:00:00Z',
  };
}

function serverFor(role: Role, extra: Parameters<typeof fakeServer>[0] = {}) {
  return fakeServer({
    'GET /api/v1/auth/me': () => json(200, me),
    'GET /api/v1/projects/:projectId': () =>
      json(200, {
        id: 'p1',
        name: 'Sales',
        description: null,
        role,
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2024-01-01T00:00:00Z',
      }),
    'GET /api/v1/projects/:projectId/members': () =>
      json(200, {
        items: [
          member('u1', 'Ada', role),
          member('u2', 'Grace', 'owner'),
          member('u3', 'Linus', 'editor'),
        ],
      }),
    ...extra,
  });
}

const renderMembers = () =>
  renderPage(<MembersPage />, { path: '/projects/:projectId/members', at: '/projects/p1/members' });

describe('MembersPage', () => {
  it('shows viewers the members and roles, with no controls to change them', async () => {
    signIn();
    serverFor('viewer');
    renderMembers();
    const table = await screen.findByRole('table', { name: 'Members of Sales' });
    expect(within(table).getByRole('cell', { name: 'Grace' })).toBeInTheDocument();
    expect(within(table).getAllByText('Owner').length).toBeGreaterThan(0);
    expect(screen.getByText(/Only owners can add or remove members/)).toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Remove / })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add member' })).not.toBeInTheDocument();
    // Anyone may leave on their own.
    expect(screen.getByRole('button', { name: 'Leave project' })).toBeInTheDocument();
  });

  it('hides the controls from editors too', async () => {
    signIn();
    serverFor('editor');
    renderMembers();
    await screen.findByRole('table');
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add member' })).not.toBeInTheDocument();
  });

  it('lets owners change roles, and shows the server’s refusal in its words', async () => {
    signIn();
    const server = serverFor('owner', {
      'PATCH /api/v1/projects/:projectId/members/:userId': () =>
        apiError(403, 'forbidden', 'Only owners can change roles.'),
    });
    const { user } = renderMembers();
    const select = await screen.findByRole('combobox', { name: 'Role for Linus' });
    await user.selectOptions(select, 'viewer');
    expect(await screen.findByRole('alert')).toHaveTextContent('Only owners can change roles.');
    expect(server.callsTo('PATCH /api/v1/projects/:projectId/members/:userId')[0]).toMatchObject({
      params: { projectId: 'p1', userId: 'u3' },
      body: { role: 'viewer' },
    });
  });

  it('lets owners add a member by email with a role', async () => {
    signIn();
    const server = serverFor('owner', {
      'POST /api/v1/projects/:projectId/members': () =>
        json(201, member('u4', 'Barbara', 'viewer')),
    });
    const { user } = renderMembers();
    await user.type(await screen.findByRole('textbox', { name: 'Email' }), 'barbara@example.com');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'viewer');
    await user.click(screen.getByRole('button', { name: 'Add member' }));
    expect(await screen.findByText('Added Barbara as viewer.')).toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/members')[0]?.body).toEqual({
      email: 'barbara@example.com',
      role: 'viewer',
    });
  });

  it('asks before removing a member', async () => {
    signIn();
    const server = serverFor('owner', {
      'DELETE /api/v1/projects/:projectId/members/:userId': () => json(204),
    });
    const { user } = renderMembers();
    await user.click(await screen.findByRole('button', { name: 'Remove Linus' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Remove Linus?' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));
    expect(
      server.callsTo('DELETE /api/v1/projects/:projectId/members/:userId')[0]?.params.userId,
    ).toBe('u3');
  });
});
