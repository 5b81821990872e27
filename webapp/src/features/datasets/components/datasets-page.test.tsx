import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, json } from '@/test/fake-server';
import { installFakeXhr } from '@/test/fake-xhr';
import { expectLocation, renderPage, signIn } from '@/test/render';
import { baseRoutes, dataset, eventStream } from '../test-fixtures';
import { DatasetsPage } from './datasets-page';

const renderDatasets = () =>
  renderPage(<DatasetsPage />, {
    path: '/projects/:projectId/datasets',
    at: '/projects/p1/datasets',
  });
const csv = (size = 10) =>
  new File(['x'.repeat(size)], 'seattle-weather.csv', { type: 'text/csv' });

describe('DatasetsPage', () => {
  it('teaches an editor to upload when there are no datasets, with the drop zone right there', async () => {
    signIn();
    fakeServer(baseRoutes('editor'));
    renderDatasets();
    expect(
      await screen.findByRole('heading', { name: 'Upload a CSV or Excel file to get started' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: /Drop a CSV or Excel file here, or choose a file/ }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('File to upload')).toHaveAttribute(
      'accept',
      '.csv,.tsv,.txt,.xlsx,.xls',
    );
  });

  it('tells a viewer who can upload, and offers no upload', async () => {
    signIn();
    fakeServer(baseRoutes('viewer'));
    renderDatasets();
    expect(await screen.findByRole('heading', { name: 'No datasets yet' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Drop a CSV/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Upload dataset' })).not.toBeInTheDocument();
  });

  it('lists datasets with their status, rows and link', async () => {
    signIn();
    fakeServer(
      baseRoutes('owner', [
        dataset(),
        dataset({
          id: 'd2',
          name: 'sales',
          tableName: 'sales',
          status: 'loading',
          rowCount: null,
          version: 0,
        }),
      ]),
    );
    renderDatasets();
    const table = await screen.findByRole('table', { name: 'Datasets in Weather' });
    const first = within(table).getByRole('row', { name: /seattle-weather/ });
    expect(within(first).getByText('Ready')).toBeInTheDocument();
    expect(within(first).getByText('1,461')).toBeInTheDocument();
    expect(within(first).getByRole('link', { name: 'seattle-weather' })).toHaveAttribute(
      'href',
      '/projects/p1/datasets/d1',
    );
    expect(
      within(within(table).getByRole('row', { name: /sales/ })).getByText('Loading'),
    ).toBeInTheDocument();
  });

  it('shows bytes sent, then the server’s phases, then opens the dataset', async () => {
    signIn();
    const events = eventStream();
    let listed: ReturnType<typeof dataset>[] = [];
    const server = fakeServer({
      ...baseRoutes('editor'),
      'GET /api/v1/projects/:projectId/datasets': () => json(200, { items: listed }),
      'GET /api/v1/projects/:projectId/datasets/:datasetId/events': () => events.response(),
    });
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    await user.type(
      await screen.findByRole('textbox', { name: 'Name (optional)' }),
      'Weather 2015',
    );
    await user.upload(screen.getByLabelText('File to upload'), csv());

    const request = await xhr.next();
    expect(new URL(request.url).pathname).toBe('/api/v1/projects/p1/datasets');
    expect(request.body?.get('name')).toBe('Weather 2015');
    expect((request.body?.get('file') as File).name).toBe('seattle-weather.csv');
    expect(request.headers.Authorization).toBe('Bearer access-1');

    request.progress(42_000_000, 97_000_000);
    const bar = await screen.findByRole('progressbar', { name: 'Upload progress' });
    expect(bar).toHaveAttribute('aria-valuetext', 'Uploading 42 MB of 97 MB');
    expect(bar).toHaveAttribute('aria-valuenow', '43');
    expect(screen.getByText('Uploading 42 MB of 97 MB')).toBeInTheDocument();

    // Once received the dataset is listed (the list refreshes), and the upload carries on.
    listed = [
      dataset({
        status: 'receiving',
        version: 0,
        rowCount: null,
        progress: { phase: 'receiving' },
      }),
    ];
    request.respond(202, listed[0]);
    expect(await screen.findByRole('table', { name: 'Datasets in Weather' })).toBeInTheDocument();
    events.send(
      'progress',
      dataset({
        status: 'parsing',
        version: 0,
        rowCount: null,
        progress: { phase: 'parsing', bytesTotal: 97_000_000, bytesParsed: 0 },
      }),
    );
    expect(await screen.findByText('Parsing…')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Cancel upload' })).not.toBeInTheDocument();

    events.send(
      'progress',
      dataset({
        status: 'loading',
        version: 0,
        rowCount: null,
        progress: { phase: 'loading', bytesTotal: 100, bytesParsed: 40, rowsLoaded: 1_250_000 },
      }),
    );
    expect(await screen.findByText('Loading: 1,250,000 rows')).toBeInTheDocument();
    expect(screen.getByRole('progressbar', { name: 'Upload progress' })).toHaveAttribute(
      'aria-valuenow',
      '40',
    );

    events.send('ready', dataset());
    events.close();
    await expectLocation('/projects/p1/datasets/d1');
    expect(
      server
        .callsTo('GET /api/v1/projects/:projectId/datasets/:datasetId/events')[0]
        ?.headers.get('Authorization'),
    ).toBe('Bearer access-1');
  });

  it('shows the server’s refusal in its words', async () => {
    signIn();
    fakeServer(baseRoutes('editor'));
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    await user.upload(await screen.findByLabelText('File to upload'), csv());
    (await xhr.next()).respond(415, {
      error: {
        code: 'unsupported_file_type',
        message: 'report.pdf is not a CSV, TSV, XLSX or XLS file',
        details: {},
      },
    });
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not load seattle-weather.csv');
    expect(alert).toHaveTextContent('report.pdf is not a CSV, TSV, XLSX or XLS file');
    expect(alert).toHaveFocus();
  });

  it('shows a failed load’s message and the line it names', async () => {
    signIn();
    const events = eventStream();
    fakeServer({
      ...baseRoutes('editor'),
      'GET /api/v1/projects/:projectId/datasets/:datasetId/events': () => events.response(),
    });
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    await user.upload(await screen.findByLabelText('File to upload'), csv());
    (await xhr.next()).respond(202, dataset({ status: 'receiving', version: 0 }));
    events.send(
      'failed',
      dataset({
        status: 'failed',
        version: 0,
        error: {
          code: 'unparsable_file',
          message: 'an unclosed quote starts on line 7',
          details: { line: 7 },
        },
      }),
    );
    events.close();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('an unclosed quote starts on line 7');
    expect(alert).toHaveTextContent('Line 7');
  });

  it('falls back to polling when the event stream is not available', async () => {
    signIn();
    let polls = 0;
    fakeServer({
      ...baseRoutes('editor'),
      'GET /api/v1/projects/:projectId/datasets/:datasetId/events': () =>
        apiError(502, 'bad_gateway', 'no streams here'),
      'GET /api/v1/projects/:projectId/datasets/:datasetId': () => {
        polls += 1;
        return json(
          200,
          polls < 2
            ? dataset({ status: 'loading', version: 0, progress: { rowsLoaded: 10 } })
            : dataset(),
        );
      },
    });
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    await user.upload(await screen.findByLabelText('File to upload'), csv());
    (await xhr.next()).respond(202, dataset({ status: 'receiving', version: 0 }));
    expect(await screen.findByText('Loading: 10 rows')).toBeInTheDocument();
    await expectLocation('/projects/p1/datasets/d1');
  });

  it('cancels while the file is being sent and gives focus back to the drop zone', async () => {
    signIn();
    fakeServer(baseRoutes('editor'));
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    await user.upload(await screen.findByLabelText('File to upload'), csv());
    const request = await xhr.next();
    request.progress(1_000_000, 5_000_000);
    const cancel = await screen.findByRole('button', { name: 'Cancel upload' });
    expect(cancel).toHaveFocus();
    await user.click(cancel);
    expect(request.aborted).toBe(true);
    expect(await screen.findByText('Upload of seattle-weather.csv cancelled.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: /Drop a CSV/ })).toHaveFocus();
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument();
  });

  it('refuses a file over the limit before sending it', async () => {
    signIn();
    fakeServer(baseRoutes('editor'));
    const xhr = installFakeXhr();
    const { user } = renderDatasets();
    const big = csv(1);
    Object.defineProperty(big, 'size', { value: 150 * 1024 * 1024 });
    await user.upload(await screen.findByLabelText('File to upload'), big);
    expect(await screen.findByRole('alert')).toHaveTextContent('files can be at most 100 MB');
    expect(xhr.requests).toHaveLength(0);
  });
});
