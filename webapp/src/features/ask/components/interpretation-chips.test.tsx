import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, json, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { AskPage } from './ask-page';

const project = {
  id: 'p1',
  name: 'Weather',
  description: null,
  role: 'viewer',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};
const threadId = '00000000-0000-4000-8000-0000000000aa';
const plan = {
  datasetId: 'd1',
  tableName: 'seattle_weather',
  measures: [{ agg: 'count', column: null, alias: 'count', per: null, condition: [] }],
  dimensions: [],
  filters: [
    { column: 'weather', op: '=', values: ['rain'], part: null },
    { column: 'date', op: 'range', values: ['2015-01-01', '2016-01-01'], part: null },
  ],
  columns: [],
  orderBy: [],
  limit: null,
};
const part = (key: string, kind: string, label: string, carried: boolean, removable = true) => ({
  key,
  kind,
  label,
  carried,
  removable,
  source: 'planner',
  column: null,
  otherColumns: [],
});
const answer = {
  answer: 'There are 150 matching rows.',
  sql: "SELECT count(*) FROM seattle_weather WHERE weather = 'rain' AND date >= '2015-01-01'",
  columns: [{ name: 'count', type: 'bigint' }],
  rows: [[150]],
  rowCount: 1,
  chart: { type: 'kpi', x: null, y: 'count', series: null },
  source: 'planner',
  threadId,
  exchangeId: 8,
  timings: { planMs: 1, queryMs: 2, totalMs: 3 },
  answerSource: 'planner',
  plan,
  interpretation: {
    dataset: { id: 'd1', name: 'seattle-weather', table: 'seattle_weather' },
    measures: [part('measure:0', 'measure', 'number of rows', false, false)],
    groupings: [],
    filters: [
      part('filter:0', 'filter', 'weather is rain', true),
      part('filter:1', 'time_range', 'date from 2015-01-01 to before 2016-01-01', false),
    ],
    sort: null,
    limit: null,
    valueChoices: [],
  },
  alternatives: [],
};

function routes(extra: Record<string, Handler> = {}): Record<string, Handler> {
  let exchangeId = 8;
  return {
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/datasets': () => json(200, { items: [] }),
    'GET /api/v1/projects/:projectId/threads': () => json(200, { items: [] }),
    'GET /api/v1/projects/:projectId/threads/:threadId': () =>
      json(200, { id: threadId, title: 't', exchanges: [] }),
    'POST /api/v1/projects/:projectId/ask': () =>
      json(200, { ...answer, exchangeId: exchangeId++ }),
    ...extra,
  };
}

describe('interpretation chips', () => {
  beforeEach(() => signIn());

  it('shows what was understood, marks carried-over chips and re-runs without a chip, without retyping', async () => {
    const server = fakeServer(routes());
    const { user } = renderPage(<AskPage />, {
      path: '/projects/:projectId/ask',
      at: '/projects/p1/ask',
    });
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), 'what about 2015?');
    await user.click(screen.getByRole('button', { name: 'Ask' }));

    const article = await screen.findByRole('article', { name: 'what about 2015?' });
    const chips = within(article).getByRole('group', { name: 'What I understood' });
    expect(within(chips).getByText('weather is rain')).toBeInTheDocument();
    expect(within(chips).getByText('(from the previous question)')).toBeInTheDocument();
    // the only measure cannot be removed
    expect(
      within(chips).queryByRole('button', { name: 'Remove number of rows' }),
    ).not.toBeInTheDocument();

    await user.click(within(chips).getByRole('button', { name: 'Remove weather is rain' }));
    const calls = server.callsTo('POST /api/v1/projects/:projectId/ask');
    expect(calls).toHaveLength(2);
    const body = calls[1]?.body as { question: string; plan: typeof plan; threadId: string };
    expect(body.question).toBe('what about 2015?');
    expect(body.threadId).toBe(threadId);
    expect(body.plan.filters).toEqual([plan.filters[1]]);
  });

  it('offers the readings of an ambiguous question as buttons that run them', async () => {
    const alternative = { label: 'temp_min', plan: { ...plan, filters: [] } };
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/ask': () =>
          json(422, {
            error: {
              code: 'not_understood',
              message: '"temperature" could mean temp_max or temp_min. Pick one:',
              details: {
                threadId,
                examples: [],
                alternatives: [{ label: 'temp_max', plan }, alternative],
              },
            },
          }),
      }),
    );
    const { user } = renderPage(<AskPage />, {
      path: '/projects/:projectId/ask',
      at: '/projects/p1/ask',
    });
    await user.type(screen.getByRole('textbox', { name: 'Your question' }), 'average temperature');
    await user.click(screen.getByRole('button', { name: 'Ask' }));
    const readings = await screen.findByRole('list', { name: 'Did you mean:' });
    await user.click(within(readings).getByRole('button', { name: 'temp_min' }));
    const calls = server.callsTo('POST /api/v1/projects/:projectId/ask');
    expect((calls[1]?.body as { plan: unknown }).plan).toEqual(alternative.plan);
  });
});
