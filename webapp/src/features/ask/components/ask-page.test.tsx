import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, json, type Handler } from '@/test/fake-server';
import { expectLocation, renderPage, signIn } from '@/test/render';
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
const dataset = {
  id: 'd1',
  projectId: 'p1',
  name: 'seattle-weather',
  tableName: 'seattle_weather',
  status: 'ready',
  version: 1,
  rowCount: 1461,
  columns: [{ name: 'weather', label: 'weather', type: 'text', nullable: true }],
  warnings: [],
  error: null,
  progress: null,
  source: null,
  createdAt: '2024-03-01T10:00:00Z',
  updatedAt: '2024-03-01T10:00:05Z',
};

const barAnswer = {
  answer: 'Rain was the most common weather, on 641 days.',
  sql: 'SELECT weather, count(*) AS days FROM seattle_weather GROUP BY weather',
  explanation: 'Counts rows per weather.',
  columns: [
    { name: 'weather', type: 'text' },
    { name: 'days', type: 'bigint' },
  ],
  rows: [
    ['rain', 641],
    ['sun', 640],
  ],
  rowCount: 2,
  chart: { type: 'bar', x: 'weather', y: 'days', series: null },
  source: 'planner',
  fallbackReason: 'the model timed out',
  threadId,
  exchangeId: 7,
  timings: { planMs: 3, queryMs: 10, totalMs: 15 },
};

function routes(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/datasets': () => json(200, { items: [dataset] }),
    'GET /api/v1/projects/:projectId/threads': () => json(200, { items: [] }),
    'POST /api/v1/projects/:projectId/ask': () => json(200, barAnswer),
    ...extra,
  };
}

const renderAsk = (at = '/projects/p1/ask') =>
  renderPage(<AskPage />, { path: '/projects/:projectId/ask', at });

describe('AskPage', () => {
  beforeEach(() => signIn());

  it('suggests questions from dataset names and answers one with a chart, rows, SQL and its source', async () => {
    const server = fakeServer(routes());
    const { user } = renderAsk();

    await user.click(
      await screen.findByRole('button', { name: 'How many rows are in seattle-weather?' }),
    );

    const answer = await screen.findByRole('article', {
      name: 'How many rows are in seattle-weather?',
    });
    expect(
      within(answer).getByText('Rain was the most common weather, on 641 days.'),
    ).toBeInTheDocument();
    expect(within(answer).getByRole('figure', { name: 'Column chart' })).toBeInTheDocument();
    const badge = within(answer).getByText('Built-in planner');
    expect(badge.closest('[title]')).toHaveAttribute('title', 'the model timed out');
    expect(within(answer).getByRole('table', { name: 'Answer rows' })).toBeInTheDocument();
    expect(within(answer).getByRole('link', { name: 'Open in SQL editor' })).toHaveAttribute(
      'href',
      `/projects/p1/sql?${new URLSearchParams({ sql: barAnswer.sql })}`,
    );
    expect(server.callsTo('POST /api/v1/projects/:projectId/ask')[0]?.body).toEqual({
      question: 'How many rows are in seattle-weather?',
    });
    await expectLocation(`/projects/p1/ask?thread=${threadId}`);
  });

  it('shows a single figure as a KPI, answered by the model', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/ask': () =>
          json(200, {
            ...barAnswer,
            answer: 'There were 641 rainy days.',
            fallbackReason: undefined,
            source: 'llm',
            columns: [{ name: 'rainy_days', type: 'bigint' }],
            rows: [[641]],
            rowCount: 1,
            chart: { type: 'kpi', x: null, y: 'rainy_days' },
          }),
      }),
    );
    const { user } = renderAsk();
    await user.type(
      await screen.findByRole('textbox', { name: 'Your question' }),
      'how many rainy days were there?',
    );
    await user.click(screen.getByRole('button', { name: 'Ask' }));

    const figure = await screen.findByRole('figure', { name: 'Key figure: rainy_days' });
    expect(figure).toHaveTextContent('641');
    expect(screen.getByText('Model')).toBeInTheDocument();
    expect(screen.queryByRole('figure', { name: /chart/ })).not.toBeInTheDocument();
  });

  it('explains a question it did not understand and offers the examples as chips', async () => {
    let calls = 0;
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/ask': () => {
          calls += 1;
          if (calls > 1) return json(200, barAnswer);
          return json(422, {
            error: {
              code: 'not_understood',
              message: 'no column matches "humidity"',
              details: {
                threadId,
                examples: [
                  'How many rows are in seattle-weather by weather?',
                  'What is the average temp_max?',
                ],
              },
            },
          });
        },
      }),
    );
    const { user } = renderAsk();
    await user.type(
      await screen.findByRole('textbox', { name: 'Your question' }),
      'what was the humidity?',
    );
    await user.click(screen.getByRole('button', { name: 'Ask' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('no column matches "humidity"');
    const chips = within(alert).getByRole('list', { name: 'Suggested questions' });
    expect(within(chips).getAllByRole('button')).toHaveLength(2);

    await user.click(
      within(chips).getByRole('button', {
        name: 'How many rows are in seattle-weather by weather?',
      }),
    );
    expect(await screen.findByRole('figure', { name: 'Column chart' })).toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/ask')[1]?.body).toEqual({
      question: 'How many rows are in seattle-weather by weather?',
      threadId,
    });
  });

  it('reopens a conversation from the list', async () => {
    fakeServer(
      routes({
        'GET /api/v1/projects/:projectId/threads': () =>
          json(200, {
            items: [
              {
                id: threadId,
                title: 'Rainy days',
                exchanges: 1,
                createdAt: '2024-03-01T10:00:00Z',
                updatedAt: '2024-03-01T10:00:00Z',
              },
            ],
          }),
        'GET /api/v1/projects/:projectId/threads/:threadId': () =>
          json(200, {
            id: threadId,
            title: 'Rainy days',
            exchanges: [
              {
                id: 7,
                threadId,
                question: 'weather split?',
                status: 'answered',
                source: 'planner',
                fallbackReason: null,
                sql: barAnswer.sql,
                answer: 'Mostly rain.',
                chart: { type: 'pie', x: 'weather', y: 'days' },
                columns: barAnswer.columns,
                rows: barAnswer.rows,
                rowCount: 2,
              },
            ],
          }),
      }),
    );
    const { user } = renderAsk();
    await user.click(await screen.findByRole('link', { name: /Rainy days/ }));

    const answer = await screen.findByRole('article', { name: 'weather split?' });
    expect(within(answer).getByText('Mostly rain.')).toBeInTheDocument();
    expect(within(answer).getByRole('figure', { name: 'Pie chart' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Rainy days/ })).toHaveAttribute(
      'aria-current',
      'page',
    );
  });
});
