import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { fakeServer, json } from '@/test/fake-server';
import { expectLocation, renderPage, signIn } from '@/test/render';
import type { AuditEntry } from '../types';
import { ActivityPage } from './activity-page';

const TOTAL = 45;
const entries: AuditEntry[] = Array.from({ length: TOTAL }, (_, i) => ({
  id: TOTAL - i,
  at: new Date(Date.UTC(2024, 0, 1, 12, 0, TOTAL - i)).toISOString(),
  actorId: 'u1',
  actorEmail: 'ada@example.com',
  action: i === TOTAL - 1 ? 'project.create' : 'project.update',
  entityType: 'project',
  entityId: 'p1',
  before: i === TOTAL - 1 ? null : { name: `Name ${TOTAL - i - 1}` },
  after: { name: `Name ${TOTAL - i}` },
}));

function server() {
  return fakeServer({
    'GET /api/v1/projects/:projectId': () =>
      json(200, {
        id: 'p1',
        name: 'Sales',
        description: null,
        role: 'viewer',
        createdAt: '2024-01-01T00:00:00Z',
        updatedAt: '2024-01-01T00:00:00Z',
      }),
    'GET /api/v1/projects/:projectId/audit': ({ query }) => {
      const limit = Number(query.get('limit'));
      const offset = Number(query.get('offset'));
      return json(200, {
        items: entries.slice(offset, offset + limit),
        total: TOTAL,
        limit,
        offset,
      });
    },
  });
}

describe('ActivityPage', () => {
  it('pages through the audit log, newest first, describing each change', async () => {
    signIn();
    const api = server();
    const { user } = renderPage(<ActivityPage />, {
      path: '/projects/:projectId/activity',
      at: '/projects/p1/activity',
    });

    const list = await screen.findByRole('list', { name: 'Activity' });
    expect(
      within(list)
        .getAllByRole('listitem')
        .filter((li) => li.parentElement === list),
    ).toHaveLength(20);
    expect(list).toHaveTextContent('name: Name 44 → Name 45');
    expect(screen.getByText('Showing 1–20 of 45')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Newer' })).toBeDisabled();

    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Showing 21–40 of 45')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Older' }));
    expect(await screen.findByText('Showing 41–45 of 45')).toBeInTheDocument();
    expect(screen.getByText('Page 3 of 3')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Older' })).toBeDisabled();
    expect(screen.getByText(/created the project/)).toBeInTheDocument();
    await expectLocation('/projects/p1/activity?page=3');

    const offsets = api
      .callsTo('GET /api/v1/projects/:projectId/audit')
      .map((call) => call.query.get('offset'));
    expect(offsets).toEqual(['0', '20', '40']);
  });
});
