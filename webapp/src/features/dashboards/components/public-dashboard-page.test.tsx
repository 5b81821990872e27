import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { routes } from '@/app/routes';
import { tokenStore } from '@/lib/auth/token-store';
import { apiError, fakeServer, json, type Handler } from '@/test/fake-server';
import { LocationProbe, renderRoutes } from '@/test/render';

const token = 'AbC123-link.sig';
const dashboardId = '00000000-0000-4000-8000-0000000000d1';
const byRegion = '00000000-0000-4000-8000-0000000000c1';
const revenue = '00000000-0000-4000-8000-0000000000c2';

const shared = {
  dashboard: {
    id: dashboardId,
    name: 'Sales',
    description: 'Orders by region',
    columns: 12,
    refreshSeconds: null,
    widgets: [
      { id: 'w1', type: 'chart', chartId: byRegion, x: 0, y: 0, w: 6, h: 4 },
      { id: 'w2', type: 'kpi', chartId: revenue, x: 6, y: 0, w: 3, h: 2 },
      { id: 'w4', type: 'text', markdown: '## Notes', x: 0, y: 4, w: 6, h: 2 },
    ],
    filters: [{ id: 'f2', type: 'values', member: 'region', default: [], label: 'Region' }],
    version: 3,
    updatedAt: '2024-01-02T00:00:00.000Z',
  },
  charts: [
    {
      id: byRegion,
      name: 'Revenue by region',
      description: null,
      visualization: { type: 'column' },
      kind: 'semantic',
      version: 1,
    },
    {
      id: revenue,
      name: 'Revenue',
      description: null,
      visualization: { type: 'kpi' },
      kind: 'semantic',
      version: 1,
    },
  ],
  expiresAt: null,
};

const widgets = [
  {
    id: 'w1',
    chartId: byRegion,
    columns: [
      { name: 'region', type: 'text', label: 'Region', format: null },
      { name: 'revenue', type: 'decimal', label: 'Revenue', format: null },
    ],
    rows: [
      ['East', 1200],
      ['West', 980],
    ],
    rowCount: 2,
    truncated: false,
    applied: [],
  },
  {
    id: 'w2',
    chartId: revenue,
    columns: [{ name: 'revenue', type: 'decimal', label: 'Revenue', format: null }],
    rows: [[2180]],
    rowCount: 1,
    truncated: false,
    applied: [],
  },
];

const DOCUMENT = 'GET /api/v1/public/dashboards/:token' as const;
const DATA = 'POST /api/v1/public/dashboards/:token/data' as const;

function server(extra: Record<string, Handler> = {}) {
  return fakeServer({
    [DOCUMENT]: () => json(200, shared),
    [DATA]: () => json(200, { dashboardId, dashboardVersion: 3, widgets }),
    'GET /api/v1/public/dashboards/:token/filters/:filterId/values': () =>
      json(200, {
        filterId: 'f2',
        member: 'region',
        dataset: 'orders',
        values: ['East', 'West'],
        truncated: false,
      }),
    ...extra,
  });
}

const withProbe = [...routes, { path: '/__probe', element: <LocationProbe /> }];

describe('PublicDashboardPage', () => {
  beforeEach(() => tokenStore.clear());

  it('shows the dashboard signed out, read-only, through the link alone', async () => {
    const fake = server();
    const { router } = renderRoutes(withProbe, { at: `/public/dashboards/${token}` });
    expect(await screen.findByRole('heading', { level: 1, name: 'Sales' })).toBeInTheDocument();
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    expect(
      await within(regions).findByRole('figure', { name: 'Column chart' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Revenue' })).getByText('2,180'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Text' })).getByRole('heading', { name: 'Notes' }),
    ).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/public/dashboards/${token}`);
    expect(fake.callsTo(DOCUMENT)[0]?.params.token).toBe(token);
    expect(fake.callsTo(DATA)).toHaveLength(1);
    expect(fake.callsTo(DATA)[0]?.body).toEqual({ filters: { f2: [] }, crossFilters: [] });
    // No credentials are sent, no session is looked for, and nothing to edit or navigate to.
    expect(fake.callsTo(DATA)[0]?.headers.get('Authorization')).toBeNull();
    expect(fake.callsTo('POST /api/v1/auth/refresh')).toHaveLength(0);
    expect(screen.queryByRole('button', { name: /^(Edit|Share|Delete|Versions)$/ })).toBeNull();
    expect(screen.queryByRole('navigation')).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Sign in' })).toBeNull();
  });

  it('filters and cross-filters through the link, one request per state, in the URL', async () => {
    const fake = server();
    const { user, router } = renderRoutes(withProbe, { at: `/public/dashboards/${token}` });
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    await within(regions).findByRole('figure', { name: 'Column chart' });

    await user.click(screen.getByRole('button', { name: 'Region: Any' }));
    await user.click(await screen.findByRole('checkbox', { name: 'East' }));
    await waitFor(() => expect(fake.callsTo(DATA)).toHaveLength(2));
    expect(fake.callsTo(DATA)[1]?.body).toEqual({ filters: { f2: ['East'] }, crossFilters: [] });
    expect(router.state.location.search).toBe('?f.f2=East');
    expect(
      fake.callsTo('GET /api/v1/public/dashboards/:token/filters/:filterId/values')[0]?.params,
    ).toEqual({ token, filterId: 'f2' });
    await user.keyboard('{Escape}');

    const marks = within(regions).getByRole('slider', { name: /arrow keys/ });
    await user.click(marks);
    await user.keyboard('{ArrowRight}{Enter}');
    const chips = await screen.findByRole('list', { name: 'Cross-filters' });
    expect(chips).toHaveTextContent('Region: East');
    await waitFor(() => expect(fake.callsTo(DATA)).toHaveLength(3));
    expect(fake.callsTo(DATA)[2]?.body).toEqual({
      filters: { f2: ['East'] },
      crossFilters: [{ member: 'region', values: ['East'], sourceWidgetId: 'w1' }],
    });
    // Links offer no drill-down into rows.
    expect(within(regions).queryByRole('button', { name: /^Rows behind/ })).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Clear cross-filter Region: East' }));
    await waitFor(() => expect(router.state.location.search).toBe('?f.f2=East'));
  });

  it('says plainly that a revoked, expired or unknown link no longer works', async () => {
    server({ [DOCUMENT]: () => apiError(404, 'not_found', 'Not found') });
    renderRoutes(withProbe, { at: `/public/dashboards/${token}` });
    expect(
      await screen.findByRole('heading', { name: 'This link no longer works' }),
    ).toBeInTheDocument();
    expect(screen.getByText(/revoked or have expired/)).toBeInTheDocument();
  });

  it('offers a retry when the server cannot answer', async () => {
    server({ [DOCUMENT]: () => apiError(503, 'unavailable', 'Try again shortly') });
    renderRoutes(withProbe, { at: `/public/dashboards/${token}` });
    expect(await screen.findByRole('alert')).toHaveTextContent('Try again shortly');
    expect(screen.getByRole('button', { name: 'Try again' })).toBeInTheDocument();
  });
});
