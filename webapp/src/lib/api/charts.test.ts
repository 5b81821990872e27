import { describe, expect, it } from 'vitest';
import { apiError, reply, fakeServer } from '@/test/fake-server';
import {
  createChart,
  deleteChart,
  getChartVersion,
  listChartVersions,
  listCharts,
  previewChart,
  restoreChartVersion,
  runChart,
  updateChart,
  type ChartData,
  type SavedChart,
} from './charts';
import { ApiError } from './api-error';

const projectId = '11111111-1111-4111-8111-111111111111';
const chartId = '22222222-2222-4222-8222-222222222222';

const chart: SavedChart = {
  id: chartId,
  projectId,
  name: 'Cars per year by origin',
  description: null,
  query: { sql: 'SELECT year, origin, count(*) AS cars FROM cars GROUP BY 1, 2' },
  visualization: { type: 'column', stacking: 'stacked' },
  version: 1,
  createdAt: '2026-12-03T10:00:00Z',
  createdBy: null,
  updatedAt: '2026-12-03T10:00:00Z',
  updatedBy: null,
};

const data: ChartData = {
  columns: [
    { name: 'origin', type: 'text', label: 'origin', format: null },
    { name: 'cars', type: 'integer', label: 'cars', format: null },
  ],
  rows: [['USA', 4]],
  rowCount: 1,
  truncated: false,
  elapsedMs: 3,
  cached: false,
  sql: 'SELECT * FROM (…) AS chart_data WHERE "origin" IN (\'USA\')',
  modelVersion: null,
  chartId,
  chartVersion: 1,
};

describe('charts api', () => {
  it('lists a page with search, limit and cursor, leaving out what is not given', async () => {
    const server = fakeServer({
      'GET /api/v1/projects/:projectId/charts': () =>
        reply('GET /api/v1/projects/:projectId/charts', 200, {
          items: [chart],
          next: 'abc',
          limit: 1,
          total: 3,
        }),
    });
    const page = await listCharts(projectId, { q: '  cars ', limit: 1, cursor: 'xyz' });
    expect(page.next).toBe('abc');
    expect(page.items[0]?.name).toBe('Cars per year by origin');
    const [call] = server.callsTo('GET /api/v1/projects/:projectId/charts');
    expect(call?.query.get('q')).toBe('cars');
    expect(call?.query.get('limit')).toBe('1');
    expect(call?.query.get('cursor')).toBe('xyz');

    await listCharts(projectId, { q: '   ' });
    const second = server.callsTo('GET /api/v1/projects/:projectId/charts')[1];
    expect(second?.query.has('q')).toBe(false);
    expect(second?.query.has('cursor')).toBe(false);
  });

  it('creates with an Idempotency-Key when given one', async () => {
    const server = fakeServer({
      'POST /api/v1/projects/:projectId/charts': () =>
        reply('POST /api/v1/projects/:projectId/charts', 201, chart),
    });
    const input = { name: chart.name, query: chart.query, visualization: chart.visualization };
    await expect(createChart(projectId, input, 'key-1')).resolves.toEqual(chart);
    await createChart(projectId, input);
    const calls = server.callsTo('POST /api/v1/projects/:projectId/charts');
    expect(calls[0]?.headers.get('Idempotency-Key')).toBe('key-1');
    expect(calls[0]?.body).toEqual(input);
    expect(calls[1]?.headers.has('Idempotency-Key')).toBe(false);
  });

  it('puts the whole document back and turns a stale version into an ApiError', async () => {
    fakeServer({
      'PUT /api/v1/projects/:projectId/charts/:chartId': () =>
        apiError(409, 'stale_version', 'the chart was changed by someone else since version 1'),
    });
    const error = await updateChart(projectId, chartId, { ...chart, name: 'Renamed' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(409);
    expect((error as ApiError).code).toBe('stale_version');
  });

  it('deletes, lists and reads versions and restores one', async () => {
    const server = fakeServer({
      'DELETE /api/v1/projects/:projectId/charts/:chartId': () =>
        new Response(null, { status: 204 }),
      'GET /api/v1/projects/:projectId/charts/:chartId/versions': () =>
        reply('GET /api/v1/projects/:projectId/charts/:chartId/versions', 200, {
          currentVersion: 2,
          items: [
            { version: 2, change: 'edited', createdAt: '2026-12-03T11:00:00Z' },
            { version: 1, change: 'created', createdAt: '2026-12-03T10:00:00Z' },
          ],
        }),
      'GET /api/v1/projects/:projectId/charts/:chartId/versions/:version': ({ params }) =>
        reply('GET /api/v1/projects/:projectId/charts/:chartId/versions/:version', 200, {
          chartId,
          version: Number(params.version),
          change: 'created',
          createdAt: '2026-12-03T10:00:00Z',
          name: chart.name,
          description: null,
          query: chart.query,
          visualization: chart.visualization,
        }),
      'POST /api/v1/projects/:projectId/charts/:chartId/versions/:version/restore': () =>
        reply('POST /api/v1/projects/:projectId/charts/:chartId/versions/:version/restore', 200, {
          ...chart,
          version: 3,
        }),
    });
    await expect(deleteChart(projectId, chartId)).resolves.toBeUndefined();
    expect((await listChartVersions(projectId, chartId)).items.map((v) => v.version)).toEqual([
      2, 1,
    ]);
    expect((await getChartVersion(projectId, chartId, 1)).version).toBe(1);
    expect((await restoreChartVersion(projectId, chartId, 1)).version).toBe(3);
    expect(
      server.callsTo(
        'POST /api/v1/projects/:projectId/charts/:chartId/versions/:version/restore',
      )[0]?.params.version,
    ).toBe('1');
  });

  it('runs a saved chart with a dashboard filter, and without one sends an empty body', async () => {
    const server = fakeServer({
      'POST /api/v1/projects/:projectId/charts/:chartId/data': () =>
        reply('POST /api/v1/projects/:projectId/charts/:chartId/data', 200, data),
    });
    const filter = { member: 'origin', operator: 'equals' as const, values: ['USA'] };
    await expect(runChart(projectId, chartId, [filter])).resolves.toEqual(data);
    await runChart(projectId, chartId);
    const calls = server.callsTo('POST /api/v1/projects/:projectId/charts/:chartId/data');
    expect(calls[0]?.body).toEqual({ filters: [filter] });
    expect(calls[1]?.body).toEqual({});
  });

  it('previews an unsaved chart', async () => {
    const server = fakeServer({
      'POST /api/v1/projects/:projectId/charts/data': () =>
        reply('POST /api/v1/projects/:projectId/charts/data', 200, { ...data, chartId: undefined }),
    });
    const draft = {
      query: { semantic: { dataset: 'cars', measures: ['count'], dimensions: ['origin'] } },
      visualization: { type: 'bar' as const },
    };
    const result = await previewChart(projectId, draft);
    expect(result.rows).toEqual([['USA', 4]]);
    expect(server.callsTo('POST /api/v1/projects/:projectId/charts/data')[0]?.body).toEqual(draft);
  });
});
