import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';
import { fakeServer, json } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { GoldenPage } from './golden-page';

const project = {
  id: 'p1',
  name: 'Weather',
  description: null,
  role: 'owner',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};
const golden = {
  id: 1,
  question: 'how many rainy days?',
  expectedSql: "SELECT count(*) FROM seattle_weather WHERE weather = 'rain'",
  ordered: false,
  createdAt: '2024-01-01T00:00:00Z',
};

describe('GoldenPage', () => {
  beforeEach(() => signIn());

  it('runs the golden questions and shows each verdict, and saves a new one', async () => {
    const server = fakeServer({
      'GET /api/v1/projects/:projectId': () => json(200, project),
      'GET /api/v1/projects/:projectId/golden-questions': () => json(200, { items: [golden] }),
      'POST /api/v1/projects/:projectId/golden-questions/run': () =>
        json(200, {
          total: 1,
          plannerPassed: 0,
          modelPassed: null,
          items: [
            {
              ...golden,
              planner: { status: 'fail', sql: 'SELECT 1', detail: 'expected [641], got [1]' },
              model: null,
            },
          ],
        }),
      'POST /api/v1/projects/:projectId/golden-questions': () => json(201, { ...golden, id: 2 }),
    });
    const { user } = renderPage(<GoldenPage />, {
      path: '/projects/:projectId/golden',
      at: '/projects/p1/golden',
    });
    const list = await screen.findByRole('list', { name: 'Golden questions' });
    expect(await within(list).findByText('how many rainy days?')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Run all' }));
    expect(await screen.findByText('Planner: 0 of 1 right')).toBeInTheDocument();
    expect(within(list).getByText('fail')).toBeInTheDocument();
    expect(within(list).getByText('expected [641], got [1]')).toBeInTheDocument();

    await user.type(screen.getByRole('textbox', { name: 'Question' }), 'average wind');
    await user.type(
      screen.getByRole('textbox', { name: 'Expected answer (SQL)' }),
      'SELECT avg(wind) FROM seattle_weather',
    );
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(server.callsTo('POST /api/v1/projects/:projectId/golden-questions')[0]?.body).toEqual({
      question: 'average wind',
      expectedSql: 'SELECT avg(wind) FROM seattle_weather',
      ordered: false,
    });
  });
});
