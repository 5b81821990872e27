import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, json, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { ChartPage } from './chart-page';
import { ChartsPage } from './charts-page';

const project = {
  id: 'p1',
  name: 'Cars',
  description: null,
  role: 'editor',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};

const chartId = '00000000-0000-4000-8000-00000000000c';
const semantic = {
  dataset: 'cars',
  measures: ['count'],
  dimensions: ['origin'],
  limit: 500,
};
function saved(version = 2, name = 'Cars by origin') {
  return {
    id: chartId,
    projectId: 'p1',
    name,
    description: 'How many cars each origin has',
    query: { semantic },
    visualization: { type: 'column' },
    version,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2024-01-02T00:00:00.000Z',
    updatedBy: null,
  };
}
const data = {
  columns: [
    { name: 'origin', type: 'text', label: 'Origin' },
    { name: 'count', type: 'bigint', label: 'Cars' },
  ],
  rows: [
    ['USA', 254],
    ['Japan', 79],
    ['Europe', 73],
  ],
  rowCount: 3,
  truncated: false,
  elapsedMs: 3,
  cached: false,
  sql: 'SELECT …',
};

function server(extra: Record<string, Handler> = {}) {
  let live = saved();
  return fakeServer({
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/charts': (request) =>
      json(200, {
        items: (request.query.get('q') ?? '') === 'nothing' ? [] : [saved()],
        next: null,
        limit: 200,
        total: (request.query.get('q') ?? '') === 'nothing' ? 0 : 1,
      }),
    'GET /api/v1/projects/:projectId/charts/:chartId': () => json(200, live),
    'POST /api/v1/projects/:projectId/charts/:chartId/data': () => json(200, data),
    'GET /api/v1/projects/:projectId/charts/:chartId/versions': () =>
      json(200, {
        items: [
          { ...saved(2), chartId, version: 2, change: 'edited', createdByEmail: 'a@example.com' },
          {
            ...saved(1, 'First name'),
            chartId,
            version: 1,
            change: 'created',
            createdByEmail: 'a@example.com',
          },
        ],
        next: null,
        limit: 50,
        total: 2,
      }),
    'POST /api/v1/projects/:projectId/charts/:chartId/versions/:version/restore': () => {
      live = saved(3, 'First name');
      return json(200, live);
    },
    ...extra,
  });
}

describe('ChartsPage', () => {
  beforeEach(() => signIn());

  it('lists the saved charts with their type and searches them', async () => {
    const fake = server();
    const { user } = renderPage(<ChartsPage />, {
      path: '/projects/:projectId/charts',
      at: '/projects/p1/charts',
    });
    const list = await screen.findByRole('list', { name: 'Saved charts' });
    const link = within(list).getByRole('link', { name: /Cars by origin/ });
    expect(link).toHaveAttribute('href', `/projects/p1/charts/${chartId}`);
    expect(link).toHaveTextContent('Column chart');
    expect(screen.getByRole('link', { name: 'New chart' })).toBeInTheDocument();

    await user.type(screen.getByRole('searchbox', { name: 'Search charts' }), 'nothing');
    expect(await screen.findByText('No chart matches “nothing”')).toBeInTheDocument();
    await waitFor(() =>
      expect(fake.callsTo('GET /api/v1/projects/:projectId/charts').at(-1)?.query.get('q')).toBe(
        'nothing',
      ),
    );
  });
});

describe('ChartPage', () => {
  beforeEach(() => signIn());

  it('draws the saved chart from a fresh run and links Edit to the builder', async () => {
    server();
    renderPage(<ChartPage />, {
      path: '/projects/:projectId/charts/:chartId',
      at: `/projects/p1/charts/${chartId}`,
    });
    expect(await screen.findByRole('heading', { name: 'Cars by origin' })).toBeInTheDocument();
    expect(await screen.findByRole('figure', { name: 'Column chart' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Edit' })).toHaveAttribute(
      'href',
      `/projects/p1/builder?chart=${chartId}`,
    );
  });

  it('restores an older version, which becomes the newest', async () => {
    const fake = server();
    const { user } = renderPage(<ChartPage />, {
      path: '/projects/:projectId/charts/:chartId',
      at: `/projects/p1/charts/${chartId}`,
    });
    await user.click(await screen.findByRole('button', { name: 'Versions' }));
    const versions = await screen.findByRole('region', { name: 'Chart versions' });
    expect(await within(versions).findByText(/Created/)).toBeInTheDocument();
    // The current version has no restore button.
    expect(within(versions).queryByRole('button', { name: 'Restore version 2' })).toBeNull();

    await user.click(within(versions).getByRole('button', { name: 'Restore version 1' }));

    expect(await screen.findByRole('heading', { name: 'First name' })).toBeInTheDocument();
    expect(screen.getByText(/Version 3/)).toBeInTheDocument();
    expect(
      fake.callsTo('POST /api/v1/projects/:projectId/charts/:chartId/versions/:version/restore'),
    ).toHaveLength(1);
  });

  it('lists the dashboards showing it, and a refused delete offers Delete anyway', async () => {
    const dashboardId = '00000000-0000-4000-8000-0000000000d1';
    const usedBy = [
      { kind: 'dashboard' as const, id: dashboardId, name: 'Sales', via: 'widget w1' },
    ];
    const fake = server({
      'GET /api/v1/projects/:projectId/charts/:chartId/used-by': () =>
        json(200, { items: usedBy, next: null, limit: 500, total: 1 }),
      'DELETE /api/v1/projects/:projectId/charts/:chartId': (request) =>
        request.query.get('force') === 'true'
          ? json(204)
          : json(409, {
              error: {
                code: 'in_use',
                message:
                  'chart "Cars by origin" is used by dashboard "Sales"; change those first, or repeat with ?force=true',
                details: { usedBy },
              },
            }),
    });
    const { user } = renderPage(<ChartPage />, {
      path: '/projects/:projectId/charts/:chartId',
      at: `/projects/p1/charts/${chartId}`,
    });
    const onDashboards = await screen.findByRole('list', { name: 'Dashboards showing this chart' });
    expect(within(onDashboards).getByRole('link', { name: 'Sales' })).toHaveAttribute(
      'href',
      `/projects/p1/dashboards/${dashboardId}`,
    );

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “Cars by origin”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete chart' }));
    const inUse = await within(dialog).findByRole('region', { name: 'In use' });
    expect(within(inUse).getByText(/is used by dashboard "Sales"/)).toBeInTheDocument();
    expect(within(inUse).getByRole('link', { name: 'Sales' })).toBeInTheDocument();
    expect(within(dialog).queryByRole('button', { name: 'Delete chart' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Delete anyway' }));
    await waitFor(() =>
      expect(
        fake
          .callsTo('DELETE /api/v1/projects/:projectId/charts/:chartId')
          .map((c) => c.query.get('force')),
      ).toEqual([null, 'true']),
    );
  });
});
