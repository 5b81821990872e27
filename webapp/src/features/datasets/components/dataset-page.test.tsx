import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/roles';
import { fakeServer, json, type Handler } from '@/test/fake-server';
import { expectLocation, renderPage, signIn } from '@/test/render';
import { baseRoutes, dataset } from '../test-fixtures';
import type { Dataset } from '../types';
import { DatasetPage } from './dataset-page';

const renderDataset = (tab = '') =>
  renderPage(<DatasetPage />, {
    path: '/projects/:projectId/datasets/:datasetId',
    at: `/projects/p1/datasets/d1${tab ? `?tab=${tab}` : ''}`,
  });

function serverFor(role: Role, extra: Record<string, Handler> = {}, current: Dataset = dataset()) {
  return fakeServer({
    ...baseRoutes(role, [current]),
    'GET /api/v1/projects/:projectId/datasets/:datasetId': () => json(200, current),
    'GET /api/v1/projects/:projectId/datasets/:datasetId/versions': () =>
      json(200, {
        items: [{ version: 1, mode: 'create', rowCount: 1461, createdAt: '2024-03-01T10:00:05Z' }],
      }),
    ...extra,
  });
}

function rowsFor(offset: number, limit: number, sort: string | null) {
  const rows = Array.from({ length: Math.min(limit, 1461 - offset) }, (_, i) => {
    const n = offset + i;
    return [
      `2015-01-${String((n % 28) + 1).padStart(2, '0')}`,
      sort === '-temp_max' ? 40 - n / 100 : n / 10,
      n % 2 ? 'rain' : 'sun',
    ];
  });
  return { columns: dataset().columns, rows, offset, limit, total: 1461 };
}

describe('DatasetPage', () => {
  it('shows the header: name, copyable table name, status, version, rows and source file', async () => {
    signIn();
    serverFor('viewer');
    renderDataset();
    expect(
      await screen.findByRole('heading', { level: 1, name: 'seattle-weather' }),
    ).toBeInTheDocument();
    expect(screen.getByText('seattle_weather')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Copy table name seattle_weather' }),
    ).toBeInTheDocument();
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(screen.getByText('1,461')).toBeInTheDocument();
    expect(screen.getByText(/seattle-weather\.csv/)).toBeInTheDocument();
  });

  it('gives viewers no write controls', async () => {
    signIn();
    serverFor('viewer');
    const { user } = renderDataset();
    await screen.findByRole('table', { name: 'Columns of seattle-weather' });
    expect(screen.queryByRole('button', { name: 'Rename' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete' })).not.toBeInTheDocument();
    expect(screen.queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Apply/ })).not.toBeInTheDocument();
    await user.click(screen.getByRole('tab', { name: 'Versions' }));
    expect(await screen.findByText('Version 1')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Drop a CSV/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Upload a new version' })).not.toBeInTheDocument();
  });

  it('applies a type override and lists the values that do not convert (422)', async () => {
    signIn();
    const server = serverFor('editor', {
      'PATCH /api/v1/projects/:projectId/datasets/:datasetId': () =>
        json(422, {
          error: {
            code: 'values_do_not_convert',
            message:
              '2 values do not match the column types: line 3, column weather: "sun" is not an integer; line 4, column weather: "rain" is not an integer.',
            details: {
              line: 3,
              count: 2,
              failures: [
                { line: 3, column: 'weather', value: 'sun', type: 'integer' },
                { line: 4, column: 'weather', value: 'rain', type: 'integer' },
              ],
            },
          },
        }),
    });
    const { user } = renderDataset();
    const apply = await screen.findByRole('button', { name: 'Apply type change' });
    expect(apply).toBeDisabled();
    await user.selectOptions(screen.getByRole('combobox', { name: 'Type of weather' }), 'integer');
    expect(screen.getByText('was text')).toBeInTheDocument();
    await user.click(apply);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The types were not changed');
    expect(alert).toHaveTextContent('line 3, column weather: "sun" is not an integer');
    const failures = within(alert).getByRole('table', { name: 'Values that do not convert' });
    expect(within(failures).getAllByRole('row')).toHaveLength(3);
    expect(within(failures).getByRole('cell', { name: '“rain”' })).toBeInTheDocument();
    expect(
      server.callsTo('PATCH /api/v1/projects/:projectId/datasets/:datasetId')[0]?.body,
    ).toEqual({
      columns: [{ name: 'weather', type: 'integer' }],
    });
  });

  it('shows reload progress while a type change is applied, then the new version', async () => {
    signIn();
    let current = dataset();
    let finish: () => void = () => undefined;
    serverFor('owner', {
      'GET /api/v1/projects/:projectId/datasets/:datasetId': () => json(200, current),
      'PATCH /api/v1/projects/:projectId/datasets/:datasetId': () =>
        new Promise<Response>((resolve) => {
          current = dataset({
            status: 'loading',
            progress: { bytesTotal: 100, bytesParsed: 50, rowsLoaded: 700 },
          });
          finish = () => {
            current = dataset({ version: 2 });
            resolve(json(200, current));
          };
        }),
    });
    const { user } = renderDataset();
    await user.selectOptions(
      await screen.findByRole('combobox', { name: 'Type of temp_max' }),
      'integer',
    );
    await user.click(screen.getByRole('button', { name: 'Apply type change' }));
    const bar = await screen.findByRole('progressbar', { name: 'Reload progress' });
    await waitFor(() => expect(bar).toHaveAttribute('aria-valuetext', 'Loading: 700 rows'));
    finish();
    expect(await screen.findByText('Types applied: version 2 is live.')).toBeInTheDocument();
  });

  describe('preview', () => {
    // jsdom lays nothing out: give the scroller a size so the virtualiser renders rows.
    const saved = Object.getOwnPropertyDescriptor(HTMLElement.prototype, 'clientHeight');
    beforeEach(() => {
      Object.defineProperty(HTMLElement.prototype, 'clientHeight', {
        configurable: true,
        get: () => 480,
      });
    });
    afterEach(() => {
      if (saved) Object.defineProperty(HTMLElement.prototype, 'clientHeight', saved);
    });

    it('shows the first page of rows and sorts on the server when a header is clicked', async () => {
      signIn();
      const server = serverFor('viewer', {
        'GET /api/v1/projects/:projectId/datasets/:datasetId/rows': ({ query }) =>
          json(
            200,
            rowsFor(Number(query.get('offset')), Number(query.get('limit')), query.get('sort')),
          ),
      });
      const { user } = renderDataset('preview');
      const table = await screen.findByRole('table', { name: 'Preview of seattle-weather' });
      expect(table).toHaveAttribute('aria-rowcount', '1462');
      expect(await within(table).findByRole('cell', { name: '0.5' })).toBeInTheDocument();
      // Only the rows in view exist.
      expect(within(table).getAllByRole('row').length).toBeLessThan(60);
      const first = server.callsTo('GET /api/v1/projects/:projectId/datasets/:datasetId/rows')[0];
      expect(first?.query.get('offset')).toBe('0');
      expect(first?.query.get('limit')).toBe('200');
      expect(first?.query.get('sort')).toBeNull();

      await user.click(within(table).getByRole('button', { name: 'temp_max' }));
      await waitFor(() =>
        expect(
          server
            .callsTo('GET /api/v1/projects/:projectId/datasets/:datasetId/rows')
            .map((c) => c.query.get('sort')),
        ).toContain('temp_max'),
      );
      expect(within(table).getByRole('columnheader', { name: 'temp_max' })).toHaveAttribute(
        'aria-sort',
        'ascending',
      );

      await user.click(within(table).getByRole('button', { name: 'temp_max' }));
      await waitFor(() =>
        expect(
          server
            .callsTo('GET /api/v1/projects/:projectId/datasets/:datasetId/rows')
            .map((c) => c.query.get('sort')),
        ).toContain('-temp_max'),
      );
      expect(within(table).getByRole('columnheader', { name: 'temp_max' })).toHaveAttribute(
        'aria-sort',
        'descending',
      );
      expect(await within(table).findByRole('cell', { name: '40' })).toBeInTheDocument();
      expect(screen.getByText(/sorted by temp_max \(descending\)/)).toBeInTheDocument();
    });
  });

  it('renders column profiles with top values and a histogram', async () => {
    signIn();
    serverFor('viewer', {
      'GET /api/v1/projects/:projectId/datasets/:datasetId/profile': () =>
        json(200, {
          rowCount: 1461,
          sampled: false,
          version: 1,
          columns: [
            {
              name: 'temp_max',
              label: 'temp_max',
              type: 'decimal',
              nulls: 0,
              distinct: 67,
              distinctApproximate: false,
              min: '-1.6',
              max: '35.6',
              topValues: [{ value: '11.1', count: 58 }],
              histogram: [
                { from: -1.6, to: 10, count: 300 },
                { from: 10, to: 20, count: 800 },
                { from: 20, to: 35.6, count: 361 },
              ],
            },
            {
              name: 'weather',
              label: 'weather',
              type: 'text',
              nulls: 12,
              distinct: 5,
              distinctApproximate: true,
              min: null,
              max: null,
              topValues: [
                { value: 'sun', count: 714 },
                { value: 'rain', count: 641 },
              ],
              histogram: null,
            },
          ],
        }),
    });
    const { user } = renderDataset();
    await user.click(await screen.findByRole('tab', { name: 'Profile' }));
    const temp = await screen.findByRole('article', { name: 'temp_max' });
    expect(
      within(temp).getByRole('img', { name: 'Histogram of temp_max: 3 bins from -1.6 to 35.6' }),
    ).toBeInTheDocument();
    expect(
      within(temp)
        .getAllByRole('definition')
        .map((dd) => dd.textContent),
    ).toEqual(['0 (0%)', '67', '-1.6', '35.6']);
    const weather = screen.getByRole('article', { name: 'weather' });
    expect(within(weather).getByText('≈5')).toBeInTheDocument();
    expect(within(weather).getByText('12 (<1%)')).toBeInTheDocument();
    const top = within(weather).getByRole('list', { name: 'Most common values of weather' });
    expect(
      within(top)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['sun714', 'rain641']);
    expect(within(weather).queryByRole('img')).not.toBeInTheDocument();
  });

  it('asks before deleting, naming the dataset, then returns to the list', async () => {
    signIn();
    const server = serverFor('editor', {
      'DELETE /api/v1/projects/:projectId/datasets/:datasetId': () => json(204),
    });
    const { user } = renderDataset();
    await user.click(await screen.findByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “seattle-weather”?' });
    expect(dialog).toHaveTextContent('The table seattle_weather with 1,461 rows');
    expect(within(dialog).getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await user.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));
    await expectLocation('/projects/p1/datasets');
    expect(
      server.callsTo('DELETE /api/v1/projects/:projectId/datasets/:datasetId')[0]?.params.datasetId,
    ).toBe('d1');
  });

  it('shows warnings in a notice that can be dismissed', async () => {
    signIn();
    serverFor(
      'viewer',
      {},
      dataset({ warnings: ['line 12 has 5 values, the header has 4: extra values were dropped'] }),
    );
    const { user } = renderDataset();
    const notice = await screen.findByRole('region', { name: 'Warnings' });
    expect(notice).toHaveTextContent('line 12 has 5 values');
    await user.click(within(notice).getByRole('button', { name: 'Dismiss warnings' }));
    expect(screen.queryByRole('region', { name: 'Warnings' })).not.toBeInTheDocument();
  });

  it('moves between tabs with the arrow keys and keeps the tab in the URL', async () => {
    signIn();
    serverFor('viewer');
    const { user, router } = renderDataset();
    const schema = await screen.findByRole('tab', { name: 'Schema' });
    expect(schema).toHaveAttribute('aria-selected', 'true');
    schema.focus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(screen.getByRole('tab', { name: 'Versions' })).toHaveFocus();
    expect(router.state.location.search).toBe('?tab=versions');
  });
  it('shows a failed new version once, naming it, while the live version stays readable', async () => {
    signIn();
    serverFor(
      'editor',
      {},
      dataset({
        version: 3,
        lastLoadError: {
          version: 4,
          mode: 'append',
          filename: 'orders-bad.csv',
          code: 'columns_differ',
          message: "the file's columns do not match the dataset's; missing: amount",
          details: {},
          failedAt: '2024-03-02T10:00:00.000Z',
        },
      }),
    );
    renderDataset();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(
      'Version 4 (append from orders-bad.csv) was not loaded; version 3 is still live',
    );
    expect(alert).toHaveTextContent('missing: amount');
    expect(screen.getAllByText(/missing: amount/)).toHaveLength(1);
    expect(screen.getByText('Ready')).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Columns of seattle-weather' }),
    ).toBeInTheDocument();
  });

  it('shows what uses the dataset, and a refused delete lists it and offers Delete anyway', async () => {
    signIn();
    const usedBy = [
      { kind: 'chart' as const, id: 'c1', name: 'Rain by month', via: 'query' },
      { kind: 'dashboard' as const, id: 'b1', name: 'Weather', via: 'widget w1' },
    ];
    const server = serverFor('editor', {
      'GET /api/v1/projects/:projectId/datasets/:datasetId/used-by': () =>
        json(200, { items: usedBy, next: null, limit: 500, total: 2 }),
      'DELETE /api/v1/projects/:projectId/datasets/:datasetId': (request) =>
        request.query.get('force') === 'true'
          ? json(204)
          : json(409, {
              error: {
                code: 'in_use',
                message:
                  'dataset "seattle-weather" is used by chart "Rain by month" and 1 more; change those first, or repeat with ?force=true',
                details: { usedBy },
              },
            }),
    });
    const { user } = renderDataset();
    const list = await screen.findByRole('list', {
      name: 'Charts and dashboards using this dataset',
    });
    expect(within(list).getByRole('link', { name: 'Rain by month' })).toHaveAttribute(
      'href',
      '/projects/p1/charts/c1',
    );
    expect(within(list).getByRole('link', { name: 'Weather' })).toHaveAttribute(
      'href',
      '/projects/p1/dashboards/b1',
    );
    expect(within(list).getByText('its query is on it')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete “seattle-weather”?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete dataset' }));
    const inUse = await within(dialog).findByRole('region', { name: 'In use' });
    expect(within(inUse).getByRole('link', { name: 'Weather' })).toBeInTheDocument();
    expect(server.callsTo('DELETE /api/v1/projects/:projectId/datasets/:datasetId')).toHaveLength(
      1,
    );

    await user.click(within(dialog).getByRole('button', { name: 'Delete anyway' }));
    await expectLocation('/projects/p1/datasets');
    expect(
      server
        .callsTo('DELETE /api/v1/projects/:projectId/datasets/:datasetId')
        .map((c) => c.query.get('force')),
    ).toEqual([null, 'true']);
  });
});
