import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiError, fakeServer, json, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { dataset } from '@/test/dataset';
import { useSqlWorkspace } from '../workspace-store';
import { SqlPage } from './sql-page';

const SQL = 'SELECT weather, count(*) FROM seattle_weather GROUP BY weather';
const project = {
  id: 'p1',
  name: 'Weather',
  description: null,
  role: 'viewer',
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-01T00:00:00Z',
};
const jobId = '00000000-0000-4000-8000-000000000001';

const quickResult = {
  columns: [
    { name: 'weather', type: 'text' },
    { name: 'count', type: 'integer' },
  ],
  rows: [
    ['rain', 641],
    ['sun', 640],
    ['fog', 101],
    ['drizzle', 53],
    ['snow', 26],
  ],
  rowCount: 5,
  truncated: false,
  elapsedMs: 12,
  cached: true,
};
const quickTimeout = () => apiError(422, 'query_timeout', 'The query ran longer than 2 seconds.');

function routes(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    'GET /api/v1/projects/:projectId': () => json(200, project),
    'GET /api/v1/projects/:projectId/datasets': () => json(200, { items: [dataset()] }),
    'POST /api/v1/projects/:projectId/query': () => json(200, quickResult),
    'POST /api/v1/projects/:projectId/query/jobs': () => json(202, { jobId, status: 'queued' }),
    'GET /api/v1/projects/:projectId/query/jobs/:jobId': () =>
      json(200, { jobId, status: 'succeeded', elapsedMs: 42, rowCount: 2, truncated: false }),
    'GET /api/v1/projects/:projectId/query/jobs/:jobId/result': () =>
      json(200, {
        jobId,
        columns: [
          { name: 'weather', type: 'text' },
          { name: 'count', type: 'bigint' },
        ],
        rows: [
          ['rain', 641],
          ['sun', 640],
        ],
        offset: 0,
        limit: 1000,
        rowCount: 2,
        truncated: false,
      }),
    ...extra,
  };
}

function renderSql(sql = SQL) {
  return renderPage(<SqlPage />, {
    path: '/projects/:projectId/sql',
    at: `/projects/p1/sql?${new URLSearchParams({ sql })}`,
  });
}

describe('SqlPage', () => {
  beforeEach(() => {
    signIn();
    useSqlWorkspace.setState({ projects: {} });
  });
  // jsdom has no object URLs; the export test installs its own.
  // eslint-disable-next-line @typescript-eslint/unbound-method -- saved only to be put back as they were
  const { createObjectURL, revokeObjectURL } = URL;
  afterEach(() => Object.assign(URL, { createObjectURL, revokeObjectURL }));

  it('runs the query and shows its rows, the timing and that the answer was cached', async () => {
    const server = fakeServer(routes());
    const { user } = renderSql();
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);

    await user.click(screen.getByRole('button', { name: 'Run' }));

    const table = await screen.findByRole('table', { name: 'Query result rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    const summary = screen.getByRole('region', { name: 'Query result' });
    expect(summary).toHaveTextContent('5 rows');
    expect(summary).toHaveTextContent('12 ms');
    expect(within(summary).getByText('cached')).toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/query')[0]?.body).toEqual({
      sql: SQL,
      limit: 1000,
      timeoutSeconds: 2,
    });
    expect(server.callsTo('POST /api/v1/projects/:projectId/query/jobs')).toHaveLength(0);
  });

  it('switches a result to a chart chosen from its shape, and back to the table', async () => {
    fakeServer(routes());
    const { user } = renderSql();
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    expect(await screen.findByRole('table', { name: 'Query result rows' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');

    await user.click(screen.getByRole('button', { name: 'Chart' }));

    // One text column and one number: bars, drawn by the shared (lazy) chart renderer.
    expect(await screen.findByRole('figure', { name: 'Column chart' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Chart' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('table', { name: 'Query result rows' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Table' }));
    expect(screen.getByRole('table', { name: 'Query result rows' })).toBeInTheDocument();
    expect(screen.queryByRole('figure', { name: 'Column chart' })).not.toBeInTheDocument();
  });

  it('stays on the table when no chart fits the result', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': () =>
          json(200, {
            ...quickResult,
            columns: [{ name: 'weather', type: 'text' }],
            rows: [['rain'], ['sun']],
            rowCount: 2,
          }),
      }),
    );
    const { user } = renderSql();
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);
    await user.click(screen.getByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: 'Query result rows' });

    await user.click(screen.getByRole('button', { name: 'Chart' }));

    expect(screen.getByText('No chart fits this result')).toHaveAttribute('role', 'status');
    expect(screen.getByRole('table', { name: 'Query result rows' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Table' })).toHaveAttribute('aria-pressed', 'true');
    expect(screen.queryByRole('figure')).not.toBeInTheDocument();
  });

  it('moves a query that needs longer to a background job', async () => {
    const server = fakeServer(routes({ 'POST /api/v1/projects/:projectId/query': quickTimeout }));
    const { user } = renderSql();
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);

    await user.click(screen.getByRole('button', { name: 'Run' }));

    const table = await screen.findByRole('table', { name: 'Query result rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByRole('cell', { name: 'rain' })).toBeInTheDocument();
    expect(screen.getByText(/42 ms/)).toBeInTheDocument();
    expect(screen.queryByText('cached')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/query/jobs')[0]?.body).toEqual({
      sql: SQL,
      limit: 1000,
    });
  });

  it('runs with Ctrl+Enter from the editor', async () => {
    const server = fakeServer(routes());
    const { user } = renderSql();
    await user.click(await screen.findByRole('textbox', { name: 'SQL query' }));
    await user.keyboard('{Control>}{Enter}{/Control}');

    expect(await screen.findByRole('table', { name: 'Query result rows' })).toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/query')).toHaveLength(1);
  });

  it('shows a refused statement in the server’s words', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': () =>
          apiError(403, 'only_select', 'Only SELECT statements can run here.'),
      }),
    );
    const { user } = renderSql('DELETE FROM seattle_weather');
    await user.click(await screen.findByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Only SELECT queries can run here');
    expect(alert).not.toHaveTextContent('only_select');
    expect(alert).toHaveTextContent('Only SELECT statements can run here.');
  });

  it('shows why a job failed', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': quickTimeout,
        'GET /api/v1/projects/:projectId/query/jobs/:jobId': () =>
          json(200, {
            jobId,
            status: 'failed',
            elapsedMs: 3,
            error: {
              code: 'table_not_allowed',
              message: 'Table pg_user is not a dataset of this project.',
            },
          }),
      }),
    );
    const { user } = renderSql('SELECT * FROM pg_user');
    await user.click(await screen.findByRole('button', { name: 'Run' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Table pg_user is not a dataset of this project.',
    );
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('cancels a running job inside the server', async () => {
    let status = 'running';
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': quickTimeout,
        'GET /api/v1/projects/:projectId/query/jobs/:jobId': () =>
          json(200, { jobId, status, elapsedMs: 900 }),
        'DELETE /api/v1/projects/:projectId/query/jobs/:jobId': () => {
          status = 'cancelled';
          return json(200, { jobId, status, elapsedMs: 950 });
        },
      }),
    );
    const { user } = renderSql('SELECT pg_sleep(60)');
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(await screen.findByText('The query was cancelled.')).toBeInTheDocument();
    expect(
      server.callsTo('DELETE /api/v1/projects/:projectId/query/jobs/:jobId')[0]?.params.jobId,
    ).toBe(jobId);
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
  });

  it('cancels a query still in its quick first request without starting a job', async () => {
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': () => new Promise<Response>(() => undefined),
      }),
    );
    const { user } = renderSql();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await user.click(await screen.findByRole('button', { name: 'Cancel' }));

    expect(await screen.findByText('The query was cancelled.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(server.callsTo('POST /api/v1/projects/:projectId/query/jobs')).toHaveLength(0);
  });

  it('exports the rows as a CSV file through an authenticated request', async () => {
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query/export': () =>
          new Response('weather,count\nrain,641\n', {
            status: 200,
            headers: {
              'Content-Type': 'text/csv',
              'Content-Disposition': 'attachment; filename="query-result.csv"',
            },
          }),
      }),
    );
    const createObjectURL = vi.fn((blob: Blob) => `blob:${blob.size}`);
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = vi.fn();
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    const { user } = renderSql();

    await user.click(await screen.findByRole('button', { name: 'Export CSV' }));

    await waitFor(() => expect(click).toHaveBeenCalled());
    const [call] = server.callsTo('POST /api/v1/projects/:projectId/query/export');
    expect(call?.query.get('format')).toBe('csv');
    expect(call?.body).toEqual({ sql: SQL, limit: 1000 });
    expect(call?.headers.get('Authorization')).toBe('Bearer access-1');
    expect(createObjectURL).toHaveBeenCalledTimes(1);
    const link = click.mock.contexts[0] as HTMLAnchorElement;
    expect(link.download).toBe('query-result.csv');
    expect(link.href).toBe('blob:23');
  });

  it('shows an export error in the server’s words', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query/export': () =>
          apiError(403, 'table_not_allowed', 'Table secrets is not a dataset of this project.'),
      }),
    );
    const { user } = renderSql('SELECT * FROM secrets');
    await user.click(await screen.findByRole('button', { name: 'Export XLSX' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'Table secrets is not a dataset of this project.',
    );
  });

  it('calls a typo a syntax error in plain words', async () => {
    fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/query': () =>
          apiError(400, 'syntax_error', 'Syntax error at or near "selct" (line 1, column 1).'),
      }),
    );
    const { user } = renderSql('selct 1');
    await user.click(await screen.findByRole('button', { name: 'Run' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Syntax error');
    expect(alert).toHaveTextContent('near "selct"');
    expect(alert).not.toHaveTextContent('only SELECT');
  });

  it('keeps the text and the last result across a reload, without running again', async () => {
    const server = fakeServer(routes());
    const first = renderSql();
    await first.user.click(await screen.findByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: 'Query result rows' });
    // The ?sql= that opened the query leaves the address, so a reload does not reopen it.
    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Current location' })).toHaveTextContent(
        /^\/projects\/p1\/sql$/,
      ),
    );
    first.unmount();

    // A reload: the in-memory store is gone and comes back from localStorage alone.
    const saved = window.localStorage.getItem('as.sql');
    expect(saved).toContain('seattle_weather');
    useSqlWorkspace.setState({ projects: {} });
    window.localStorage.setItem('as.sql', saved ?? '');
    await useSqlWorkspace.persist.rehydrate();

    renderPage(<SqlPage />, { path: '/projects/:projectId/sql', at: '/projects/p1/sql' });
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);
    const table = await screen.findByRole('table', { name: 'Query result rows' });
    expect(within(table).getAllByRole('row')).toHaveLength(6);
    expect(server.callsTo('POST /api/v1/projects/:projectId/query')).toHaveLength(1);
  });

  it('gives each tab its own text and result, and closes tabs', async () => {
    fakeServer(routes());
    const { user } = renderSql();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: 'Query result rows' });
    expect(screen.getByRole('tab', { name: 'seattle_weather' })).toHaveAttribute(
      'aria-selected',
      'true',
    );

    await user.click(screen.getByRole('button', { name: 'New query tab' }));
    const second = await screen.findByRole('tab', { name: 'Query 2' });
    expect(second).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('table', { name: 'Query result rows' })).not.toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'SQL query' })).not.toHaveTextContent(SQL);

    await user.click(screen.getByRole('tab', { name: 'seattle_weather' }));
    expect(await screen.findByRole('textbox', { name: 'SQL query' })).toHaveTextContent(SQL);
    expect(screen.getByRole('table', { name: 'Query result rows' })).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Close Query 2' }));
    expect(screen.getAllByRole('tab')).toHaveLength(1);
  });

  it('lists the queries run in the history and puts one back into the editor', async () => {
    fakeServer(routes());
    const { user } = renderSql('SELECT 1');
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: 'Query result rows' });
    await user.click(screen.getByRole('button', { name: 'New query tab' }));
    await screen.findByRole('tab', { name: 'Query 2' });

    await user.click(screen.getByRole('button', { name: 'History' }));
    const history = screen.getByRole('region', { name: 'Query history' });
    await user.click(within(history).getByRole('button', { name: /SELECT 1/ }));

    expect(screen.getByRole('textbox', { name: 'SQL query' })).toHaveTextContent('SELECT 1');
    expect(screen.queryByRole('region', { name: 'Query history' })).not.toBeInTheDocument();
  });

  it('puts a column picked in the schema browser into the editor', async () => {
    fakeServer(routes());
    const { user } = renderSql('SELECT ');
    const editor = await screen.findByRole('textbox', { name: 'SQL query' });
    const tables = screen.getByRole('navigation', { name: 'Tables' });
    await user.click(
      await within(tables).findByRole('button', { name: 'Show the columns of seattle_weather' }),
    );
    await user.click(within(tables).getByRole('button', { name: /temp_max/ }));

    expect(editor).toHaveTextContent('temp_max');
  });

  it('sorts the result by a column when its header is clicked', async () => {
    fakeServer(routes());
    const { user } = renderSql();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    const table = await screen.findByRole('table', { name: 'Query result rows' });
    const firstCells = () =>
      within(table)
        .getAllByRole('row')
        .slice(1)
        .map((row) => within(row).getAllByRole('cell')[0]?.textContent);

    await user.click(within(table).getByRole('button', { name: /count/ }));
    expect(firstCells()).toEqual(['snow', 'drizzle', 'fog', 'sun', 'rain']);
    expect(within(table).getAllByRole('columnheader')[1]).toHaveAttribute('aria-sort', 'ascending');

    await user.click(within(table).getByRole('button', { name: /count/ }));
    expect(firstCells()).toEqual(['rain', 'sun', 'fog', 'drizzle', 'snow']);
  });

  it('saves the result as a chart that keeps its SQL, once however often Save is retried', async () => {
    const server = fakeServer(
      routes({
        'POST /api/v1/projects/:projectId/charts': (request) =>
          json(201, {
            id: '00000000-0000-4000-8000-0000000000c1',
            projectId: 'p1',
            name: (request.body as { name: string }).name,
            description: null,
            query: { sql: SQL },
            visualization: { type: 'table' },
            version: 1,
            createdAt: '2024-01-01T00:00:00.000Z',
            createdBy: null,
            updatedAt: '2024-01-01T00:00:00.000Z',
            updatedBy: null,
          }),
      }),
    );
    const { user } = renderSql();
    await user.click(await screen.findByRole('button', { name: 'Run' }));
    await screen.findByRole('table', { name: 'Query result rows' });

    await user.click(screen.getByRole('button', { name: 'Save as chart' }));
    const name = await screen.findByRole('textbox', { name: /Chart name/ });
    await user.clear(name);
    await user.type(name, 'Weather counts');
    await user.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(screen.getByRole('status', { name: 'Current location' })).toHaveTextContent(
        '/projects/p1/charts/00000000-0000-4000-8000-0000000000c1',
      ),
    );
    const [call] = server.callsTo('POST /api/v1/projects/:projectId/charts');
    expect(call?.body).toEqual({
      name: 'Weather counts',
      description: null,
      query: { sql: SQL },
      visualization: { type: 'table' },
    });
    expect(call?.headers.get('Idempotency-Key')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
