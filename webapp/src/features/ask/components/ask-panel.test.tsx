import { screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeServer, json, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { AskPanel } from './ask-panel';

const threadId = '00000000-0000-4000-8000-0000000000aa';
const dashboardId = '00000000-0000-4000-8000-0000000000d1';
const chartId = '00000000-0000-4000-8000-0000000000c1';

const regionFilter = {
  filterId: 'region',
  member: 'region',
  operator: 'equals',
  values: ['East'],
  applied: true,
};

const semanticAnswer = {
  answer: 'Revenue: 180.',
  sql: 'SELECT sum("amount") FROM "orders" WHERE "region" = $1',
  columns: [{ name: 'revenue', type: 'numeric' }],
  rows: [[180]],
  rowCount: 1,
  chart: { type: 'kpi', x: null, y: 'revenue', series: null },
  source: 'semantic',
  semanticQuery: {
    dataset: 'orders',
    measures: ['revenue'],
    filters: [{ member: 'region', operator: 'equals', values: ['East'] }],
  },
  dashboardId,
  appliedFilters: [
    regionFilter,
    {
      filterId: 'segment',
      member: 'customer.segment',
      operator: 'equals',
      values: ['SMB'],
      applied: false,
      reason: 'reached through a relationship; the planner reads one table',
    },
  ],
  threadId,
  exchangeId: 7,
  timings: { planMs: 3, queryMs: 10, totalMs: 15 },
};

function routes(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'POST /api/v1/projects/:projectId/ask': () => json(200, semanticAnswer),
    'POST /api/v1/projects/:projectId/charts': (request) =>
      json(201, {
        id: chartId,
        projectId: 'p1',
        name: (request.body as { name: string }).name,
        description: null,
        query: (request.body as { query: unknown }).query,
        visualization: { type: 'kpi' },
        version: 1,
        createdAt: '2024-01-01T00:00:00.000Z',
        createdBy: null,
        updatedAt: '2024-01-01T00:00:00.000Z',
        updatedBy: null,
      }),
    ...extra,
  };
}

const context = {
  id: dashboardId,
  filters: { region: ['East'] },
  crossFilters: [{ member: 'segment', values: ['SMB'] }],
};

function renderPanel(onAddAsWidget?: (chartId: string) => void, dashboard = context) {
  return renderPage(
    <AskPanel projectId="p1" dashboard={dashboard} onAddAsWidget={onAddAsWidget} />,
    { path: '/projects/:projectId/dashboards/:id', at: `/projects/p1/dashboards/${dashboardId}` },
  );
}

describe('AskPanel', () => {
  beforeEach(() => signIn());

  it('asks with the dashboard and its filters, and shows the answer with the filters as chips', async () => {
    const server = fakeServer(routes());
    const { user } = renderPanel(vi.fn());

    await user.type(screen.getByRole('textbox', { name: /Question/ }), 'revenue');
    await user.click(screen.getByRole('button', { name: 'Ask' }));

    const answer = await screen.findByRole('region', { name: 'Answer' });
    expect(within(answer).getByText('Revenue: 180.')).toBeInTheDocument();
    expect(within(answer).getByText('Semantic model')).toBeInTheDocument();
    const chips = within(answer).getByRole('list', { name: 'Dashboard filters' });
    const items = within(chips).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual([
      'region = East',
      'customer.segment = SMB (not applied: reached through a relationship; the planner reads one table)',
    ]);
    expect(server.callsTo('POST /api/v1/projects/:projectId/ask')[0]?.body).toEqual({
      question: 'revenue',
      dashboard: context,
    });

    // A follow-up stays in the thread while the dashboard's state is unchanged.
    await user.clear(screen.getByRole('textbox', { name: /Question/ }));
    await user.type(screen.getByRole('textbox', { name: /Question/ }), 'by month');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    await waitFor(() =>
      expect(server.callsTo('POST /api/v1/projects/:projectId/ask')).toHaveLength(2),
    );
    expect(server.callsTo('POST /api/v1/projects/:projectId/ask')[1]?.body).toEqual({
      question: 'by month',
      dashboard: context,
      threadId,
    });
  });

  it('adds an answer to the dashboard as a chart without the filters the dashboard applies itself', async () => {
    const server = fakeServer(routes());
    const onAddAsWidget = vi.fn();
    const { user } = renderPanel(onAddAsWidget);

    await user.type(screen.getByRole('textbox', { name: /Question/ }), 'revenue');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    await user.click(await screen.findByRole('button', { name: 'Add to dashboard' }));
    const name = await screen.findByRole('textbox', { name: /Chart name/ });
    expect(name).toHaveValue('revenue');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onAddAsWidget).toHaveBeenCalledWith(chartId));
    const [call] = server.callsTo('POST /api/v1/projects/:projectId/charts');
    expect(call?.body).toMatchObject({
      name: 'revenue',
      query: { semantic: { dataset: 'orders', measures: ['revenue'] } },
    });
    expect((call?.body as { query: { semantic: object } }).query.semantic).not.toHaveProperty(
      'filters',
    );
  });

  it('saves a planner answer as its SQL and says its filters are frozen', async () => {
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/ask': () =>
          json(200, {
            ...semanticAnswer,
            source: 'planner',
            semanticQuery: undefined,
            appliedFilters: [{ ...regionFilter, column: 'region' }],
          }),
      }),
    );
    const onAddAsWidget = vi.fn();
    const { user } = renderPanel(onAddAsWidget);

    await user.type(screen.getByRole('textbox', { name: /Question/ }), 'total amount');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText('Saved with the filters as they are now.')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Add to dashboard' }));
    await user.click(await screen.findByRole('button', { name: 'Save' }));

    await waitFor(() => expect(onAddAsWidget).toHaveBeenCalledWith(chartId));
    expect(server.callsTo('POST /api/v1/projects/:projectId/charts')[0]?.body).toMatchObject({
      query: { sql: semanticAnswer.sql },
    });
  });

  it('shows why a question failed, and offers no Add without onAddAsWidget', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/ask': () =>
          json(404, {
            error: { code: 'not_found', message: 'dashboard was not found', details: {} },
          }),
      }),
    );
    const { user } = renderPanel();
    await user.type(screen.getByRole('textbox', { name: /Question/ }), 'total amount');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    expect(await screen.findByText(/dashboard was not found/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add to dashboard' })).not.toBeInTheDocument();
  });
});
