import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { expectLocation, renderPage, signIn } from '@/test/render';
import type { Project } from '../types';
import { ProjectsPage } from './projects-page';

function project(overrides: Partial<Project> = {}): Project {
  return {
    id: 'p1',
    name: 'Sales 2024',
    description: 'Quarterly numbers',
    role: 'owner',
    createdAt: '2024-03-01T10:00:00Z',
    updatedAt: '2024-03-02T10:00:00Z',
    ...overrides,
  };
}

const renderProjects = () => renderPage(<ProjectsPage />, { path: '/projects', at: '/projects' });

describe('ProjectsPage', () => {
  it('teaches what to do first when there are no projects', async () => {
    signIn();
    fakeServer({ 'GET /api/v1/projects': () => json(200, { items: [] }) });
    renderProjects();
    expect(
      await screen.findByRole('heading', { name: 'Create your first project to upload data' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Create project' })).toBeInTheDocument();
  });

  it('creates a project from the dialog and opens it', async () => {
    signIn();
    const created = project({ id: 'p9', name: 'Marketing', description: null });
    const server = fakeServer({
      'GET /api/v1/projects': () => json(200, { items: [] }),
      'POST /api/v1/projects': () => json(201, created),
    });
    const { user } = renderProjects();
    await user.click(await screen.findByRole('button', { name: 'Create project' }));

    const dialog = screen.getByRole('dialog', { name: 'New project' });
    expect(within(dialog).getByLabelText(/project name/i)).toHaveFocus();
    // An empty name is caught here, not by the server.
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(within(dialog).getByLabelText(/project name/i)).toHaveAccessibleDescription(
      'Give the project a name.',
    );
    expect(server.callsTo('POST /api/v1/projects')).toHaveLength(0);

    await user.type(within(dialog).getByLabelText(/project name/i), '  Marketing ');
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));

    await expectLocation('/projects/p9');
    expect(server.callsTo('POST /api/v1/projects')[0]?.body).toEqual({ name: 'Marketing' });
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('shows the server’s message when creating fails, and keeps the dialog open', async () => {
    signIn();
    fakeServer({
      'GET /api/v1/projects': () => json(200, { items: [] }),
      'POST /api/v1/projects': () =>
        apiError(400, 'validation_failed', 'Name must be at most 200 characters.'),
    });
    const { user } = renderProjects();
    await user.click(await screen.findByRole('button', { name: 'Create project' }));
    const dialog = screen.getByRole('dialog', { name: 'New project' });
    await user.type(within(dialog).getByLabelText(/project name/i), 'X');
    await user.click(within(dialog).getByRole('button', { name: 'Create project' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'Name must be at most 200 characters.',
    );
  });

  it('asks before deleting, naming the project, and deletes only on confirmation', async () => {
    signIn();
    let items = [project(), project({ id: 'p2', name: 'Inventory' })];
    const server = fakeServer({
      'GET /api/v1/projects': () => json(200, { items }),
      'DELETE /api/v1/projects/:projectId': ({ params }) => {
        items = items.filter((p) => p.id !== params.projectId);
        return json(204);
      },
    });
    const { user } = renderProjects();
    await user.click(await screen.findByRole('button', { name: 'Delete Sales 2024' }));

    let dialog = screen.getByRole('alertdialog', { name: 'Delete “Sales 2024”?' });
    expect(dialog).toHaveAccessibleDescription(/permanently deletes Sales 2024 and all its data/);
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();
    expect(server.callsTo('DELETE /api/v1/projects/:projectId')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Delete Sales 2024' }));
    dialog = screen.getByRole('alertdialog', { name: 'Delete “Sales 2024”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete project' }));

    await screen.findByRole('link', { name: 'Inventory' });
    expect(screen.queryByRole('link', { name: 'Sales 2024' })).not.toBeInTheDocument();
    expect(server.callsTo('DELETE /api/v1/projects/:projectId')[0]?.params.projectId).toBe('p1');
  });

  it('offers rename and delete only to roles allowed to use them', async () => {
    signIn();
    fakeServer({
      'GET /api/v1/projects': () =>
        json(200, {
          items: [
            project({ id: 'a', name: 'Mine', role: 'owner' }),
            project({ id: 'b', name: 'Shared', role: 'editor' }),
            project({ id: 'c', name: 'Readonly', role: 'viewer' }),
          ],
        }),
    });
    renderProjects();
    await screen.findByRole('link', { name: 'Mine' });
    expect(screen.getByRole('button', { name: 'Rename Mine' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Delete Mine' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Rename Shared' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete Shared' })).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /Rename Readonly|Delete Readonly/ }),
    ).not.toBeInTheDocument();
  });

  it('renames a project', async () => {
    signIn();
    let current = project();
    const server = fakeServer({
      'GET /api/v1/projects': () => json(200, { items: [current] }),
      'PATCH /api/v1/projects/:projectId': ({ body }) => {
        current = { ...current, ...(body as Partial<Project>) };
        return json(200, current);
      },
    });
    const { user } = renderProjects();
    await user.click(await screen.findByRole('button', { name: 'Rename Sales 2024' }));
    const dialog = screen.getByRole('dialog', { name: 'Rename “Sales 2024”' });
    const name = within(dialog).getByLabelText(/project name/i);
    await user.clear(name);
    await user.type(name, 'Sales FY24');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(await screen.findByRole('link', { name: 'Sales FY24' })).toBeInTheDocument();
    expect(server.callsTo('PATCH /api/v1/projects/:projectId')[0]?.body).toEqual({
      name: 'Sales FY24',
    });
  });
});
