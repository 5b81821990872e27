import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { useEditStore } from '../edit-store';
import { apiError, fakeServer, json, type Handler } from '@/test/fake-server';
import { expectLocation, renderPage, signIn } from '@/test/render';
import { DashboardPage } from './dashboard-page';
import { DashboardsPage } from './dashboards-page';

const project = {
  id: 'p1',
  name: 'Shop',
  description: null,
  role: 'editor',
  createdAt: '2024-01-01T00:00:00.000Z',
  updatedAt: '2024-01-01T00:00:00.000Z',
};
const dashboardId = '00000000-0000-4000-8000-0000000000d1';
const byRegion = '00000000-0000-4000-8000-0000000000c1';
const revenue = '00000000-0000-4000-8000-0000000000c2';
const broken = '00000000-0000-4000-8000-0000000000c3';

function chart(id: string, name: string, type: string) {
  return {
    id,
    projectId: 'p1',
    name,
    description: null,
    query: { semantic: { dataset: 'orders', measures: ['revenue'] } },
    visualization: { type },
    version: 1,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2024-01-01T00:00:00.000Z',
    updatedBy: null,
  };
}
const charts = [
  chart(byRegion, 'Revenue by region', 'column'),
  chart(revenue, 'Revenue', 'kpi'),
  chart(broken, 'Discounts', 'column'),
];

function dashboard(version = 3) {
  return {
    id: dashboardId,
    projectId: 'p1',
    name: 'Sales',
    description: 'Orders by region',
    columns: 12,
    refreshSeconds: null,
    widgets: [
      {
        id: 'w1',
        type: 'chart',
        chartId: byRegion,
        x: 0,
        y: 0,
        w: 6,
        h: 4,
        ignoreCrossFilters: false,
      },
      {
        id: 'w2',
        type: 'kpi',
        chartId: revenue,
        x: 6,
        y: 0,
        w: 3,
        h: 2,
        ignoreCrossFilters: false,
      },
      {
        id: 'w3',
        type: 'chart',
        chartId: broken,
        x: 9,
        y: 0,
        w: 3,
        h: 2,
        ignoreCrossFilters: false,
      },
      {
        id: 'w4',
        type: 'text',
        markdown: '## Notes\nFigures are **net** of returns.',
        x: 0,
        y: 4,
        w: 6,
        h: 2,
        ignoreCrossFilters: false,
      },
    ],
    filters: [
      {
        id: 'f1',
        type: 'date_range',
        member: 'order_date',
        default: 'last_90_days',
        label: 'Period',
      },
      { id: 'f2', type: 'values', member: 'region', default: [], label: 'Region' },
    ],
    version,
    createdAt: '2024-01-01T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2024-01-02T00:00:00.000Z',
    updatedBy: null,
  };
}

const regionRows = {
  columns: [
    { name: 'region', type: 'text', label: 'Region', format: null },
    { name: 'revenue', type: 'decimal', label: 'Revenue', format: null },
  ],
  rows: [
    ['East', 1200],
    ['West', 980],
  ],
};

function widgetData() {
  return [
    { id: 'w1', chartId: byRegion, ...regionRows, rowCount: 2, truncated: false, applied: [] },
    {
      id: 'w2',
      chartId: revenue,
      columns: [{ name: 'revenue', type: 'decimal', label: 'Revenue', format: null }],
      rows: [[2180]],
      rowCount: 1,
      truncated: false,
      applied: [],
    },
    {
      id: 'w3',
      chartId: broken,
      error: { code: 'query_failed', message: 'column "discount" does not exist', details: {} },
      applied: [],
    },
  ];
}

function server(extra: Record<string, Handler> = {}) {
  let live = dashboard();
  return fakeServer({
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/charts': () =>
      json(200, { items: charts, next: null, limit: 500, total: charts.length }),
    'GET /api/v1/projects/:projectId/dashboards': (request) => {
      const none = request.query.get('q') === 'nothing';
      return json(200, { items: none ? [] : [live], next: null, limit: 200, total: none ? 0 : 1 });
    },
    'POST /api/v1/projects/:projectId/dashboards': () =>
      json(201, { ...dashboard(1), widgets: [], filters: [], name: 'Ops' }),
    'GET /api/v1/projects/:projectId/dashboards/:dashboardId': () => json(200, live),
    'PUT /api/v1/projects/:projectId/dashboards/:dashboardId': (request) => {
      const body = request.body as { version: number };
      if (body.version !== live.version)
        return json(409, {
          error: {
            code: 'stale_version',
            message: 'stale',
            details: { currentVersion: live.version },
          },
        });
      live = { ...(request.body as typeof live), version: live.version + 1 };
      return json(200, live);
    },
    'DELETE /api/v1/projects/:projectId/dashboards/:dashboardId': () => json(204),
    'GET /api/v1/projects/:projectId/dashboards/:dashboardId/scope': () =>
      json(200, {
        filters: { f1: ['w1', 'w2', 'w3'], f2: ['w1', 'w2'] },
        members: { region: ['w1', 'w2', 'w3'] },
      }),
    'POST /api/v1/projects/:projectId/dashboards/:dashboardId/data': (request) => {
      const only = (request.body as { widgets?: string[] }).widgets;
      const widgets = widgetData().filter((w) => !only || only.includes(w.id));
      return json(200, { dashboardId, dashboardVersion: live.version, widgets });
    },
    'POST /api/v1/projects/:projectId/dashboards/:dashboardId/widgets/:widgetId/rows': (
      request,
    ) => {
      const cursor = (request.body as { cursor?: string | null }).cursor;
      return json(200, {
        widgetId: 'w1',
        source: 'dataset',
        columns: [
          { name: 'order_id', type: 'integer' },
          { name: 'region', type: 'text' },
        ],
        rows: cursor
          ? [[3, 'East']]
          : [
              [1, 'East'],
              [2, 'East'],
            ],
        next: cursor ? null : 'page-2',
        limit: 50,
        sql: 'SELECT …',
      });
    },
    'GET /api/v1/projects/:projectId/dashboards/:dashboardId/filters/:filterId/values': () =>
      json(200, {
        filterId: 'f2',
        member: 'region',
        dataset: 'orders',
        values: ['East', 'West'],
        truncated: false,
      }),
    'GET /api/v1/projects/:projectId/dashboards/:dashboardId/versions': () =>
      json(200, {
        currentVersion: live.version,
        items: [
          {
            version: live.version,
            change: 'edited',
            note: 'Added margin',
            createdAt: '2024-01-02T00:00:00.000Z',
            createdByEmail: 'a@example.com',
          },
          {
            version: 1,
            change: 'created',
            note: null,
            createdAt: '2024-01-01T00:00:00.000Z',
            createdByEmail: 'a@example.com',
          },
        ],
      }),
    'GET /api/v1/projects/:projectId/dashboards/:dashboardId/changes': () =>
      json(200, {
        items: [
          {
            version: 3,
            change: 'edited',
            note: 'Added margin',
            createdAt: '2024-01-02T00:00:00.000Z',
            createdBy: null,
            createdByEmail: 'a@example.com',
            widgets: { added: ['w3'], removed: ['w9'], moved: ['w1'], edited: [] },
            filters: { added: [], removed: [], edited: ['f2'] },
            fields: ['name'],
          },
        ],
        next: null,
        limit: 50,
        total: 1,
      }),
    'POST /api/v1/projects/:projectId/dashboards/:dashboardId/versions/:version/restore': () => {
      live = { ...dashboard(live.version + 1), name: 'Sales (first)' };
      return json(200, live);
    },
    ...extra,
  });
}

const at = (search = '') => ({
  path: '/projects/:projectId/dashboards/:dashboardId',
  at: `/projects/p1/dashboards/${dashboardId}${search}`,
});
const DATA = 'POST /api/v1/projects/:projectId/dashboards/:dashboardId/data' as const;

describe('DashboardsPage', () => {
  beforeEach(() => signIn());

  it('lists dashboards, searches them, and creates one that opens in edit mode', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardsPage />, {
      path: '/projects/:projectId/dashboards',
      at: '/projects/p1/dashboards',
    });
    const list = await screen.findByRole('list', { name: 'Dashboards' });
    expect(within(list).getByRole('link', { name: /Sales/ })).toHaveAttribute(
      'href',
      `/projects/p1/dashboards/${dashboardId}`,
    );
    await user.type(screen.getByRole('searchbox', { name: 'Search dashboards' }), 'nothing');
    expect(await screen.findByText('No dashboard matches “nothing”')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'New dashboard' }));
    await user.type(screen.getByRole('textbox', { name: /Dashboard name/ }), 'Ops');
    await user.click(screen.getByRole('button', { name: 'Create' }));
    await expectLocation(`/projects/p1/dashboards/${dashboardId}?edit=1`);
    const created = fake.callsTo('POST /api/v1/projects/:projectId/dashboards')[0];
    expect(created?.body).toMatchObject({ name: 'Ops', widgets: [], filters: [] });
    expect(created?.headers.get('Idempotency-Key')).toBeTruthy();
  });
});

describe('DashboardPage', () => {
  beforeEach(() => {
    signIn();
    useEditStore.getState().end();
  });

  it('draws every widget from one request; a failing widget does not blank the others', async () => {
    const fake = server();
    renderPage(<DashboardPage />, at());
    expect(await screen.findByRole('heading', { name: 'Sales' })).toBeInTheDocument();
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    expect(
      await within(regions).findByRole('figure', { name: 'Column chart' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Revenue' })).getByText('2,180'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Discounts' })).getByRole('alert'),
    ).toHaveTextContent('column "discount" does not exist');
    const notes = screen.getByRole('region', { name: 'Text' });
    expect(within(notes).getByRole('heading', { name: 'Notes' })).toBeInTheDocument();
    expect(within(notes).getByText('net').tagName).toBe('STRONG');
    expect(fake.callsTo(DATA)).toHaveLength(1);
    expect(fake.callsTo(DATA)[0]?.body).toEqual({
      filters: { f1: 'last_90_days', f2: [] },
      crossFilters: [],
    });
    // One reach request, after the data, for the columns a click could filter by.
    await screen.findByText('Reaches all 3 widgets');
    const scopes = fake.callsTo('GET /api/v1/projects/:projectId/dashboards/:dashboardId/scope');
    expect(scopes).toHaveLength(1);
    expect(scopes[0]?.query.getAll('member')).toEqual(['region']);
  });

  it('draws each widget as its entry streams in, before the slowest one has finished', async () => {
    let release: () => void = () => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const [first, second, third] = widgetData();
    const line = (value: unknown) => new TextEncoder().encode(`${JSON.stringify(value)}\n`);
    const fake = server({
      [DATA]: () =>
        new Response(
          new ReadableStream<Uint8Array>({
            async start(controller) {
              controller.enqueue(line(first));
              controller.enqueue(line(third));
              await released;
              controller.enqueue(line(second));
              controller.enqueue(line({ '@end': { widgets: 3, errors: 1, dashboardVersion: 3 } }));
              controller.close();
            },
          }),
          { headers: { 'Content-Type': 'application/x-ndjson' } },
        ),
    });
    renderPage(<DashboardPage />, at());
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    expect(
      await within(regions).findByRole('figure', { name: 'Column chart' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Discounts' })).getByRole('alert'),
    ).toBeInTheDocument();
    const kpi = screen.getByRole('region', { name: 'Revenue' });
    expect(within(kpi).getByText('Loading Revenue…')).toBeInTheDocument();
    release();
    expect(await within(kpi).findByText('2,180')).toBeInTheDocument();
    expect(fake.callsTo(DATA)[0]?.headers.get('Accept')).toBe('application/x-ndjson');
    expect(fake.callsTo(DATA)).toHaveLength(1);
  });

  it('keeps filters in the URL and re-queries only the widgets a change reaches', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at());
    await screen.findByRole('figure', { name: 'Column chart' });
    await waitFor(() =>
      expect(
        screen.getByText('Reaches 2 of 3 widgets: Revenue by region, Revenue'),
      ).toBeInTheDocument(),
    );

    await user.click(screen.getByRole('button', { name: 'Region: Any' }));
    await user.click(await screen.findByRole('checkbox', { name: 'East' }));
    await expectLocation(`/projects/p1/dashboards/${dashboardId}?f.f2=East`);
    await waitFor(() => expect(fake.callsTo(DATA)).toHaveLength(2));
    expect(fake.callsTo(DATA)[1]?.body).toEqual({
      filters: { f1: 'last_90_days', f2: ['East'] },
      crossFilters: [],
      widgets: ['w1', 'w2'],
    });
    // The widget the filter does not reach keeps its answer.
    expect(
      within(screen.getByRole('region', { name: 'Discounts' })).getByRole('alert'),
    ).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'ytd');
    await expectLocation(`/projects/p1/dashboards/${dashboardId}?f.f1=ytd&f.f2=East`);
  });

  it('opens with the state a link carries', async () => {
    const fake = server();
    renderPage(<DashboardPage />, at('?f.f1=2024-01-01..2024-03-31&x=w1|region|West'));
    await screen.findByRole('figure', { name: 'Column chart' });
    expect(fake.callsTo(DATA)[0]?.body).toEqual({
      filters: { f1: { from: '2024-01-01', to: '2024-03-31' }, f2: [] },
      crossFilters: [{ member: 'region', values: ['West'], sourceWidgetId: 'w1' }],
    });
    expect(screen.getByRole('list', { name: 'Cross-filters' })).toHaveTextContent('Region: West');
  });

  it('cross-filters the other widgets by a clicked bar, drills into its rows, and clears', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at());
    const regions = await screen.findByRole('region', { name: 'Revenue by region' });
    const marks = within(regions).getByRole('slider', { name: /arrow keys/ });
    await user.click(marks);
    await user.keyboard('{ArrowRight}{Enter}');

    const chips = await screen.findByRole('list', { name: 'Cross-filters' });
    expect(chips).toHaveTextContent('Region: East');
    await expectLocation(`/projects/p1/dashboards/${dashboardId}?x=w1%7Cregion%7CEast`);
    await waitFor(() => expect(fake.callsTo(DATA)).toHaveLength(2));
    expect(fake.callsTo(DATA)[1]?.body).toEqual({
      filters: { f1: 'last_90_days', f2: [] },
      crossFilters: [{ member: 'region', values: ['East'], sourceWidgetId: 'w1' }],
      widgets: ['w2', 'w3'],
    });

    await user.click(within(regions).getByRole('button', { name: 'Rows behind Region East' }));
    const dialog = await screen.findByRole('dialog', { name: 'Rows behind Region East' });
    expect(await within(dialog).findByText('Page 1 · 2 rows of the dataset')).toBeInTheDocument();
    const rowsCall = fake.callsTo(
      'POST /api/v1/projects/:projectId/dashboards/:dashboardId/widgets/:widgetId/rows',
    )[0];
    expect(rowsCall?.params.widgetId).toBe('w1');
    expect(rowsCall?.body).toMatchObject({ mark: { region: 'East' }, limit: 50 });
    await user.click(within(dialog).getByRole('button', { name: 'Next page' }));
    expect(await within(dialog).findByText('Page 2 · 1 row of the dataset')).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Next page' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    await user.click(screen.getByRole('button', { name: 'Clear cross-filter Region: East' }));
    await expectLocation(`/projects/p1/dashboards/${dashboardId}`);
    expect(screen.queryByRole('list', { name: 'Cross-filters' })).toBeNull();
    // No cross-filter, no rows to drill into.
    expect(within(regions).queryByRole('button', { name: /^Rows behind/ })).toBeNull();
  });

  it('edits: adds a chart where there is room, undoes and redoes, saves with a note', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at('?edit=1'));
    const toolbar = await screen.findByRole('toolbar', { name: 'Edit dashboard' });
    await user.click(within(toolbar).getByRole('button', { name: 'Add text' }));
    expect(await screen.findAllByRole('textbox', { name: 'Text Markdown' })).toHaveLength(2);
    await user.click(within(toolbar).getByRole('button', { name: 'Undo' }));
    expect(screen.getAllByRole('textbox', { name: 'Text Markdown' })).toHaveLength(1);
    await user.click(within(toolbar).getByRole('button', { name: 'Redo' }));
    expect(screen.getAllByRole('textbox', { name: 'Text Markdown' })).toHaveLength(2);

    await user.click(within(toolbar).getByRole('button', { name: 'Add chart' }));
    const picker = await screen.findByRole('dialog', { name: 'Add a saved chart' });
    await user.click(within(picker).getByRole('button', { name: 'Add Revenue as a key figure' }));
    await user.click(within(picker).getByRole('button', { name: 'Done' }));
    expect(screen.getAllByRole('region', { name: 'Revenue' })).toHaveLength(2);

    await user.click(within(toolbar).getByRole('button', { name: 'Save' }));
    const save = await screen.findByRole('dialog', { name: 'Save the dashboard' });
    await user.type(within(save).getByRole('textbox', { name: 'Note' }), 'Added a KPI');
    await user.click(within(save).getByRole('button', { name: 'Save version' }));
    await expectLocation(`/projects/p1/dashboards/${dashboardId}`);
    const body = fake.callsTo('PUT /api/v1/projects/:projectId/dashboards/:dashboardId')[0]
      ?.body as {
      version: number;
      note: string;
      widgets: { id: string; type: string; x: number; y: number }[];
    };
    expect(body.version).toBe(3);
    expect(body.note).toBe('Added a KPI');
    // The new text went into the first free slot (beside the notes), the key figure after it.
    expect(body.widgets.map((w) => [w.id, w.type, w.x, w.y])).toEqual([
      ['w1', 'chart', 0, 0],
      ['w2', 'kpi', 6, 0],
      ['w3', 'chart', 9, 0],
      ['w4', 'text', 0, 4],
      ['w5', 'text', 6, 2],
      ['w6', 'kpi', 6, 4],
    ]);
    expect(await screen.findByText(/Version 4/)).toBeInTheDocument();
  });

  it("sets a widget's title and which filters reach it", async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at('?edit=1'));
    await user.click(await screen.findByRole('button', { name: 'Settings of Revenue' }));
    const settings = await screen.findByRole('dialog', { name: 'Settings of “Revenue”' });
    await user.type(within(settings).getByRole('textbox', { name: 'Title' }), 'Total revenue');
    await user.click(within(settings).getByRole('checkbox', { name: 'Region' }));
    await user.click(
      within(settings).getByRole('checkbox', { name: /Ignore clicks in other widgets/ }),
    );
    await user.click(within(settings).getByRole('button', { name: 'Apply' }));
    expect(await screen.findByRole('region', { name: 'Total revenue' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    await user.click(
      within(await screen.findByRole('dialog', { name: 'Save the dashboard' })).getByRole(
        'button',
        { name: 'Save version' },
      ),
    );
    await expectLocation(`/projects/p1/dashboards/${dashboardId}`);
    const body = fake.callsTo('PUT /api/v1/projects/:projectId/dashboards/:dashboardId')[0]
      ?.body as { widgets: { id: string }[] };
    expect(body.widgets.find((w) => w.id === 'w2')).toMatchObject({
      title: 'Total revenue',
      optOut: ['f2'],
      ignoreCrossFilters: true,
    });
  });

  it('says plainly when someone saved first, and saves over it when asked', async () => {
    let conflicts = 1;
    const fake = server({
      'PUT /api/v1/projects/:projectId/dashboards/:dashboardId': (request) => {
        if (conflicts-- > 0)
          return json(409, {
            error: { code: 'stale_version', message: 'stale', details: { currentVersion: 5 } },
          });
        return json(200, { ...dashboard(6), ...(request.body as object), version: 6 });
      },
    });
    const { user } = renderPage(<DashboardPage />, at('?edit=1'));
    const toolbar = await screen.findByRole('toolbar', { name: 'Edit dashboard' });
    await user.click(within(toolbar).getByRole('button', { name: 'Save' }));
    const save = await screen.findByRole('dialog', { name: 'Save the dashboard' });
    await user.click(within(save).getByRole('button', { name: 'Save version' }));
    expect(await within(save).findByRole('alert')).toHaveTextContent(
      'Someone saved a newer version (version 5) while you were editing',
    );
    await user.click(within(save).getByRole('button', { name: 'Save version' }));
    await expectLocation(`/projects/p1/dashboards/${dashboardId}`);
    const puts = fake.callsTo('PUT /api/v1/projects/:projectId/dashboards/:dashboardId');
    expect(puts.map((p) => (p.body as { version: number }).version)).toEqual([3, 5]);
  });

  it('lists versions with their notes and restores an older one', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at());
    await user.click(await screen.findByRole('button', { name: 'Versions' }));
    const versions = await screen.findByRole('region', { name: 'Dashboard versions' });
    expect(await within(versions).findByText('“Added margin”')).toBeInTheDocument();
    expect(
      await within(versions).findByText(
        'added Discounts; removed w9; moved Revenue by region; edited filter Region; changed name',
      ),
    ).toBeInTheDocument();
    expect(within(versions).queryByRole('button', { name: 'Restore version 3' })).toBeNull();
    await user.click(within(versions).getByRole('button', { name: 'Restore version 1' }));
    expect(await screen.findByRole('heading', { name: 'Sales (first)' })).toBeInTheDocument();
    expect(
      fake.callsTo(
        'POST /api/v1/projects/:projectId/dashboards/:dashboardId/versions/:version/restore',
      )[0]?.params.version,
    ).toBe('1');
  });

  it('puts a filter of the bar on the grid as a control', async () => {
    server();
    const { user } = renderPage(<DashboardPage />, at('?edit=1'));
    await user.click(await screen.findByRole('button', { name: 'Put filter Region on the grid' }));
    const filters = screen.getByRole('region', { name: 'Filters' });
    expect(within(filters).queryByRole('button', { name: 'Region: Any' })).toBeNull();
    expect(
      within(screen.getByRole('region', { name: 'Filter' })).getByRole('button', {
        name: 'Region: Any',
      }),
    ).toBeInTheDocument();
  });

  it('deletes the dashboard after asking', async () => {
    const fake = server();
    const { user } = renderPage(<DashboardPage />, at());
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    await user.click(await screen.findByRole('button', { name: 'Delete dashboard' }));
    await expectLocation('/projects/p1/dashboards');
    expect(fake.callsTo('DELETE /api/v1/projects/:projectId/dashboards/:dashboardId')).toHaveLength(
      1,
    );
  });

  it('goes full screen and back', async () => {
    server();
    const { user } = renderPage(<DashboardPage />, at());
    await user.click(await screen.findByRole('button', { name: 'Full screen' }));
    const exit = screen.getByRole('button', { name: 'Exit full screen' });
    expect(exit).toHaveAttribute('aria-pressed', 'true');
    expect(exit.closest('.fixed')).not.toBeNull();
    await user.click(exit);
    expect(screen.getByRole('button', { name: 'Full screen' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
  });

  it('shows a viewer no edit button', async () => {
    server({
      'GET /api/v1/projects/:projectId': () => json(200, { ...project, role: 'viewer' }),
    });
    renderPage(<DashboardPage />, at('?edit=1'));
    expect(await screen.findByRole('heading', { name: 'Sales' })).toBeInTheDocument();
    await screen.findByRole('button', { name: 'Versions' });
    expect(screen.queryByRole('button', { name: 'Edit' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Share' })).toBeNull();
    expect(screen.queryByRole('toolbar', { name: 'Edit dashboard' })).toBeNull();
  });

  it('shares: a new link is shown once with its embed code, listed, and revoked after asking', async () => {
    const token = 'tok3n-abc.sig';
    let links: {
      id: string;
      tokenHint: string;
      createdAt: string;
      expiresAt: string | null;
      expired: boolean;
      createdByEmail: string;
    }[] = [];
    const fake = server({
      'GET /api/v1/projects/:projectId/dashboards/:dashboardId/links': () =>
        json(200, { items: links, next: null, limit: 100, total: links.length }),
      'POST /api/v1/projects/:projectId/dashboards/:dashboardId/links': (request) => {
        const { expiresAt } = request.body as { expiresAt: string | null };
        const link = {
          id: 'l1',
          tokenHint: 'tok3n-',
          createdAt: '2024-01-03T00:00:00.000Z',
          expiresAt,
          expired: false,
          createdByEmail: 'a@example.com',
        };
        links = [link];
        return json(201, { ...link, token, url: `/public/dashboards/${token}` });
      },
      'DELETE /api/v1/projects/:projectId/dashboards/:dashboardId/links/:token': () => {
        links = [];
        return json(204);
      },
    });
    const { user } = renderPage(<DashboardPage />, at());
    await user.click(await screen.findByRole('button', { name: 'Share' }));
    const dialog = await screen.findByRole('dialog', { name: 'Share the dashboard' });
    expect(await within(dialog).findByText('No public link yet.')).toBeInTheDocument();

    await user.type(within(dialog).getByLabelText('Expires on (optional)'), '2030-01-31');
    await user.click(within(dialog).getByRole('button', { name: 'Create link' }));
    const url = `${window.location.origin}/public/dashboards/${token}`;
    expect(await within(dialog).findByRole('textbox', { name: 'Public link' })).toHaveValue(url);
    const embed = within(dialog).getByRole('textbox', { name: 'Embed' });
    expect((embed as HTMLTextAreaElement).value).toContain(`<iframe src="${url}"`);
    const sent = fake.callsTo('POST /api/v1/projects/:projectId/dashboards/:dashboardId/links');
    expect(sent[0]?.body).toEqual({ expiresAt: new Date(2030, 1, 1).toISOString() });
    const row = await within(dialog).findByRole('listitem', {
      name: 'Link /public/dashboards/tok3n-…',
    });
    expect(row).toHaveTextContent('expires');

    await user.click(within(row).getByRole('button', { name: 'Revoke' }));
    expect(within(row).getByText(/Revoke this link\?/)).toBeInTheDocument();
    expect(
      fake.callsTo('DELETE /api/v1/projects/:projectId/dashboards/:dashboardId/links/:token'),
    ).toHaveLength(0);
    await user.click(within(row).getByRole('button', { name: 'Revoke link' }));
    expect(await within(dialog).findByText('No public link yet.')).toBeInTheDocument();
    const revoked = fake.callsTo(
      'DELETE /api/v1/projects/:projectId/dashboards/:dashboardId/links/:token',
    );
    expect(revoked[0]?.params.token).toBe('l1');
    // The one-time address is gone with its link.
    expect(within(dialog).queryByRole('textbox', { name: 'Public link' })).toBeNull();
  });

  it('asks beside the dashboard with its filters and adds the answer as a saved widget', async () => {
    const askedChart = '00000000-0000-4000-8000-0000000000c9';
    const fake = server({
      'POST /api/v1/projects/:projectId/ask': () =>
        json(200, {
          answer: 'Revenue: 1,200.',
          sql: 'SELECT 1',
          columns: [{ name: 'revenue', type: 'numeric' }],
          rows: [[1200]],
          rowCount: 1,
          chart: { type: 'kpi', x: null, y: 'revenue', series: null },
          source: 'semantic',
          semanticQuery: { dataset: 'orders', measures: ['revenue'] },
          dashboardId,
          appliedFilters: [],
          threadId: '00000000-0000-4000-8000-0000000000aa',
          exchangeId: 7,
          timings: { planMs: 1, queryMs: 1, totalMs: 2 },
        }),
      'POST /api/v1/projects/:projectId/charts': (request) =>
        json(201, {
          ...chart(askedChart, (request.body as { name: string }).name, 'kpi'),
          query: (request.body as { query: unknown }).query,
        }),
    });
    const { user } = renderPage(<DashboardPage />, at('?f.f2=East&x=w1|region|West'));
    await screen.findByRole('figure', { name: 'Column chart' });
    const toggle = screen.getByRole('button', { name: 'Ask about this dashboard' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('complementary', { name: 'Ask about this dashboard' });
    await user.type(within(panel).getByRole('textbox', { name: 'Question' }), 'total revenue');
    await user.click(within(panel).getByRole('button', { name: 'Ask' }));
    expect(await within(panel).findByText('Revenue: 1,200.')).toBeInTheDocument();
    expect(fake.callsTo('POST /api/v1/projects/:projectId/ask')[0]?.body).toMatchObject({
      question: 'total revenue',
      dashboard: {
        id: dashboardId,
        filters: { f1: 'last_90_days', f2: ['East'] },
        crossFilters: [{ member: 'region', values: ['West'], sourceWidgetId: 'w1' }],
      },
    });

    await user.click(within(panel).getByRole('button', { name: 'Add to dashboard' }));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Added to the dashboard (version 4).')).toHaveAttribute(
      'role',
      'status',
    );
    const put = fake.callsTo('PUT /api/v1/projects/:projectId/dashboards/:dashboardId')[0];
    const body = put?.body as { version: number; note: string; widgets: { id: string }[] };
    expect(body.version).toBe(3);
    expect(body.note).toBe('Added from Ask');
    expect(body.widgets.at(-1)).toEqual({
      id: 'w5',
      type: 'chart',
      chartId: askedChart,
      x: 6,
      y: 2,
      w: 6,
      h: 4,
      ignoreCrossFilters: false,
    });
    expect(Object.keys(body)).not.toContain('id');
    await screen.findByText(/^Version 4 ·/);
  });

  it('lets a viewer ask but not add an answer to the dashboard', async () => {
    server({
      'GET /api/v1/projects/:projectId': () => json(200, { ...project, role: 'viewer' }),
      'POST /api/v1/projects/:projectId/ask': () =>
        json(200, {
          answer: 'Revenue: 1,200.',
          sql: 'SELECT 1',
          columns: [{ name: 'revenue', type: 'numeric' }],
          rows: [[1200]],
          rowCount: 1,
          chart: null,
          source: 'planner',
          dashboardId,
          appliedFilters: [],
          threadId: '00000000-0000-4000-8000-0000000000aa',
          exchangeId: 8,
          timings: { planMs: 1, queryMs: 1, totalMs: 2 },
        }),
    });
    const { user } = renderPage(<DashboardPage />, at());
    await user.click(await screen.findByRole('button', { name: 'Ask about this dashboard' }));
    const panel = screen.getByRole('complementary', { name: 'Ask about this dashboard' });
    await user.type(within(panel).getByRole('textbox', { name: 'Question' }), 'total revenue');
    await user.click(within(panel).getByRole('button', { name: 'Ask' }));
    expect(await within(panel).findByText('Revenue: 1,200.')).toBeInTheDocument();
    expect(within(panel).queryByRole('button', { name: 'Add to dashboard' })).toBeNull();
  });

  it('explains a dashboard that cannot be loaded', async () => {
    server({
      'GET /api/v1/projects/:projectId/dashboards/:dashboardId': () =>
        apiError(404, 'not_found', 'No such dashboard'),
    });
    renderPage(<DashboardPage />, at());
    expect(await screen.findByRole('alert')).toHaveTextContent('No such dashboard');
  });
});
