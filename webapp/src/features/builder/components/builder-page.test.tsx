import { createEvent, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { orderModel } from '@/test/model';
import { dataset } from '@/test/dataset';
import { fakeServer, json, type FakeRequest, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { BuilderPage } from './builder-page';

const project = {
  id: 'p1',
  name: 'Shop',
  description: null,
  role: 'editor',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};

const result = (body: FakeRequest['body']) => {
  const query = body as { dimensions?: string[]; measures?: unknown[] };
  const dims = query.dimensions ?? [];
  return {
    columns: [
      ...dims.map((name) => ({ name, type: 'text', label: name })),
      ...(query.measures ?? []).map((m, i) => ({
        name: typeof m === 'string' ? m : `m${i}`,
        type: 'bigint',
        label: 'Number of orders',
      })),
    ],
    rows: dims.length
      ? [
          ['East', 3],
          ['West', 5],
        ]
      : [[8]],
    rowCount: dims.length ? 2 : 1,
    truncated: false,
    elapsedMs: 4,
    cached: false,
    sql: 'SELECT region, count(*) AS count FROM orders GROUP BY 1',
    modelVersion: 3,
  };
};

function routes(extra: Record<string, Handler> = {}) {
  return fakeServer({
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/datasets': () =>
      json(200, { items: [dataset({ name: 'orders', tableName: 'orders' })] }),
    'GET /api/v1/projects/:projectId/datasets/:datasetId/model': () => json(200, orderModel()),
    'POST /api/v1/projects/:projectId/semantic/query': (request) => {
      const body = request.body as { dimensions?: string[]; filters?: unknown[]; limit?: number };
      // The value picker asks for one dimension's values, 50 at most.
      if (body.limit === 50 && body.dimensions?.length === 1 && !('measures' in body))
        return json(200, {
          ...result(body),
          columns: [{ name: 'region', type: 'text', label: 'region' }],
          rows: [['East'], ['West'], [null]],
        });
      return json(200, result(body));
    },
    ...extra,
  });
}

const previewBodies = (server: ReturnType<typeof routes>) =>
  server
    .callsTo('POST /api/v1/projects/:projectId/semantic/query')
    .map((call) => call.body as Record<string, unknown>)
    .filter((body) => 'measures' in body);

function renderBuilder() {
  return renderPage(<BuilderPage />, {
    path: '/projects/:projectId/builder',
    at: '/projects/p1/builder',
  });
}

function drag(source: HTMLElement, target: HTMLElement) {
  const data = new Map<string, string>();
  const dataTransfer = {
    get types() {
      return [...data.keys()];
    },
    setData: (type: string, value: string) => data.set(type, value),
    getData: (type: string) => data.get(type) ?? '',
    effectAllowed: 'all',
    dropEffect: 'none',
  };
  for (const [element, make] of [
    [source, createEvent.dragStart],
    [target, createEvent.dragOver],
    [target, createEvent.drop],
  ] as const) {
    const event = make(element);
    Object.defineProperty(event, 'dataTransfer', { value: dataTransfer });
    fireEvent(element, event);
  }
}

describe('BuilderPage', () => {
  beforeEach(() => signIn());

  it('builds a chart by clicking fields, with the preview and its compiled SQL', async () => {
    const server = routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    expect(within(fields).queryByRole('button', { name: 'Add Old margin' })).toBeNull(); // broken

    await user.click(within(fields).getByRole('button', { name: 'Add Number of orders' }));
    await user.click(within(fields).getByRole('button', { name: 'Add region' }));

    // The first click previews at once (one figure), the second follows: a row per region.
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Preview rows' })).getAllByRole('row'),
      ).toHaveLength(3),
    );
    await waitFor(() =>
      expect(previewBodies(server).at(-1)).toEqual({
        dataset: 'd1',
        measures: ['count'],
        dimensions: ['region'],
        limit: 500,
      }),
    );
    // The type picker offers the types that fit and recommends one; the choice is drawn.
    const picker = screen.getByRole('combobox', { name: 'Chart type' });
    expect(within(picker).getByRole('option', { name: /recommended/ })).toBeInTheDocument();
    expect(within(picker).queryByRole('option', { name: /Scatter/ })).toBeNull();
    await user.selectOptions(picker, 'Pie chart');
    expect(await screen.findByRole('figure', { name: 'Pie chart' })).toBeInTheDocument();
    expect(screen.getByText(/SELECT region, count/)).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Open in SQL editor' })).toHaveAttribute(
      'href',
      expect.stringContaining('/projects/p1/sql?sql=SELECT'),
    );
  });

  it('takes dragged fields into the zone they are dropped on, and refuses a misfit', async () => {
    const server = routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    await user.click(within(fields).getByRole('button', { name: 'Add Total amount' }));

    drag(
      within(fields).getByRole('button', { name: 'Add region' }),
      screen.getByRole('region', { name: 'Split by' }),
    );
    // A measure dropped on Group by is refused.
    drag(
      within(fields).getByRole('button', { name: 'Add Number of orders' }),
      screen.getByRole('region', { name: 'Group by' }),
    );

    expect(
      within(screen.getByRole('region', { name: 'Split by' })).getByText('region'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Group by' })).queryByText('Number of orders'),
    ).toBeNull();
    await waitFor(() =>
      expect(previewBodies(server).at(-1)).toMatchObject({
        measures: ['total_amount'],
        dimensions: ['region'],
      }),
    );

    // Without region the query is the one the first click previewed: its answer is reused.
    await user.click(screen.getByRole('button', { name: 'Remove region' }));
    expect(previewBodies(server)[0]).toMatchObject({ measures: ['total_amount'], dimensions: [] });
    await waitFor(() =>
      expect(
        within(screen.getByRole('table', { name: 'Preview rows' })).queryByRole('columnheader', {
          name: /region/,
        }),
      ).toBeNull(),
    );
  });

  it('groups by month with last year beside it', async () => {
    const server = routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    await user.click(within(fields).getByRole('button', { name: 'Add Total amount' }));
    await user.click(within(fields).getByRole('button', { name: 'Add order_date' }));
    expect(screen.getByText('order_date by month')).toBeInTheDocument();

    await user.selectOptions(screen.getByRole('combobox', { name: 'Time grain' }), 'quarter');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Compare to' }),
      'Same period last year',
    );
    await user.selectOptions(screen.getByRole('combobox', { name: 'Period' }), 'Custom range');
    fireEvent.change(screen.getByLabelText('Period from'), { target: { value: '2023-01-01' } });
    fireEvent.change(screen.getByLabelText('Period to'), { target: { value: '2024-12-31' } });

    await waitFor(() =>
      expect(previewBodies(server).at(-1)).toEqual({
        dataset: 'd1',
        measures: [
          'total_amount',
          {
            measure: 'total_amount',
            time: 'same_period_last_year',
            as: 'total_amount__same_period_last_year',
          },
        ],
        dimensions: [],
        time: {
          dimension: 'order_date',
          granularity: 'quarter',
          dateRange: ['2023-01-01', '2024-12-31'],
        },
        limit: 500,
      }),
    );
  });

  it('filters a text field by values picked from the data, with search', async () => {
    const server = routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    await user.click(within(fields).getByRole('button', { name: 'Add Number of orders' }));
    drag(
      within(fields).getByRole('button', { name: 'Add region' }),
      screen.getByRole('region', { name: 'Filters' }),
    );

    const values = await screen.findByRole('list', { name: 'Values of region' });
    await user.click(await within(values).findByRole('checkbox', { name: 'West' }));
    await waitFor(() =>
      expect(previewBodies(server).at(-1)?.filters).toEqual([
        { member: 'region', operator: 'equals', values: ['West'] },
      ]),
    );

    await user.type(screen.getByRole('searchbox', { name: 'Search values of region' }), 'ea');
    await waitFor(() =>
      expect(
        server
          .callsTo('POST /api/v1/projects/:projectId/semantic/query')
          .some(
            (call) =>
              JSON.stringify((call.body as { filters?: unknown }).filters) ===
              JSON.stringify([{ member: 'region', operator: 'contains', values: ['ea'] }]),
          ),
      ).toBe(true),
    );
  });

  it('filters a number field by a range and sends it as two bounds', async () => {
    const server = routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    await user.click(within(fields).getByRole('button', { name: 'Add Number of orders' }));
    drag(
      within(fields).getByRole('button', { name: 'Add amount' }),
      screen.getByRole('region', { name: 'Filters' }),
    );
    await user.type(screen.getByRole('spinbutton', { name: 'amount from' }), '10');
    await user.type(screen.getByRole('spinbutton', { name: 'amount to' }), '99');

    await waitFor(() =>
      expect(previewBodies(server).at(-1)?.filters).toEqual([
        { member: 'amount', operator: 'gte', values: [10] },
        { member: 'amount', operator: 'lte', values: [99] },
      ]),
    );
  });

  it('finds fields by search', async () => {
    routes();
    const { user } = renderBuilder();
    const fields = await screen.findByRole('region', { name: 'Fields' });
    await user.type(within(fields).getByRole('searchbox', { name: 'Search fields' }), 'total');
    expect(within(fields).getAllByRole('button')).toHaveLength(1);
    expect(within(fields).getByRole('button', { name: 'Add Total amount' })).toBeInTheDocument();
  });

  it('opens a saved chart for editing and saves a new version of it', async () => {
    const chartId = '00000000-0000-4000-8000-0000000000c2';
    const chart = {
      id: chartId,
      projectId: 'p1',
      name: 'Orders by region',
      description: null,
      query: {
        semantic: { dataset: 'orders', measures: ['count'], dimensions: ['region'], limit: 500 },
      },
      visualization: { type: 'bar' },
      version: 4,
      createdAt: '2024-01-01T00:00:00.000Z',
      createdBy: null,
      updatedAt: '2024-01-01T00:00:00.000Z',
      updatedBy: null,
    };
    const server = routes({
      'GET /api/v1/projects/:projectId/charts/:chartId': () => json(200, chart),
      'PUT /api/v1/projects/:projectId/charts/:chartId': (request) =>
        json(200, { ...chart, ...(request.body as object), version: 5 }),
    });
    const { user } = renderPage(<BuilderPage />, {
      path: '/projects/:projectId/builder',
      at: `/projects/p1/builder?chart=${chartId}`,
    });
    expect(
      await screen.findByRole('heading', { name: 'Edit “Orders by region”' }),
    ).toBeInTheDocument();
    const groupBy = await screen.findByRole('region', { name: 'Group by' });
    expect(await within(groupBy).findByText('region')).toBeInTheDocument();
    expect(
      within(screen.getByRole('region', { name: 'Measures' })).getByText('Number of orders'),
    ).toBeInTheDocument();
    // The saved type is drawn.
    expect(await screen.findByRole('figure', { name: 'Bar chart' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Save' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(server.callsTo('PUT /api/v1/projects/:projectId/charts/:chartId')).toHaveLength(1),
    );
    expect(
      server.callsTo('PUT /api/v1/projects/:projectId/charts/:chartId')[0]?.body,
    ).toMatchObject({
      name: 'Orders by region',
      version: 4,
      query: { semantic: { dataset: 'd1', measures: ['count'], dimensions: ['region'] } },
      visualization: { type: 'bar' },
    });
  });
});
