import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { apiError, fakeServer, json, type Handler } from '@/test/fake-server';
import { renderPage, signIn } from '@/test/render';
import { orderModel } from '@/test/model';
import type { SemanticModel } from '../types';
import { ModelTab } from './model-tab';

const renderTab = (canEdit: boolean) =>
  renderPage(<ModelTab projectId="p1" datasetId="d1" canEdit={canEdit} />, {
    path: '/m',
    at: '/m',
  });

function serverFor(extra: Record<string, Handler> = {}, model: SemanticModel = orderModel()) {
  return fakeServer({
    'GET /api/v1/projects/:projectId/datasets/:datasetId/model': () => json(200, model),
    'GET /api/v1/projects/:projectId/datasets/:datasetId/model/versions': () =>
      json(200, {
        currentVersion: model.version,
        items: [
          {
            version: 3,
            change: 'edited',
            createdAt: '2024-03-02T10:00:00Z',
            createdBy: null,
            createdByEmail: 'ann@example.com',
          },
          {
            version: 2,
            change: 'edited',
            createdAt: '2024-03-01T10:00:00Z',
            createdBy: null,
            createdByEmail: null,
          },
          {
            version: 1,
            change: 'created',
            createdAt: '2024-03-01T09:00:00Z',
            createdBy: null,
            createdByEmail: null,
          },
        ],
      }),
    ...extra,
  });
}

describe('ModelTab', () => {
  it('shows viewers the measures, dimensions and broken measures without edit controls', async () => {
    signIn();
    serverFor();
    renderTab(false);
    const measures = await screen.findByRole('table', { name: 'Measures' });
    expect(within(measures).getByText('Total amount')).toBeInTheDocument();
    expect(within(measures).getByText('sum(amount)')).toBeInTheDocument();
    expect(within(measures).getByText('Broken')).toBeInTheDocument();
    expect(
      within(measures).getByText(/"cost" is not in the dataset's current version/),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('table', { name: 'Dimensions' })).getByText('area'),
    ).toBeInTheDocument();
    expect(screen.getByText('The fiscal year starts in January.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Save model/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Add a measure' })).not.toBeInTheDocument();
    expect(screen.queryByRole('textbox')).not.toBeInTheDocument();
    expect(await screen.findByText('Version 2')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Restore/ })).not.toBeInTheDocument();
  });

  it('saves a renamed measure and a fiscal year start with the version it was edited from', async () => {
    signIn();
    const server = serverFor({
      'PUT /api/v1/projects/:projectId/datasets/:datasetId/model': (req) =>
        json(200, { ...orderModel(), ...(req.body as object), version: 4 }),
    });
    const { user } = renderTab(true);
    const save = await screen.findByRole('button', { name: /Save model/ });
    expect(save).toBeDisabled();
    const label = screen.getByRole('textbox', { name: 'Label of total_amount' });
    await user.clear(label);
    await user.type(label, 'Revenue');
    await user.selectOptions(
      screen.getByRole('combobox', { name: 'Fiscal year starts in' }),
      'April',
    );
    await user.click(save);
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PUT')).toBe(true));
    const body = server.calls.find((c) => c.method === 'PUT')?.body as {
      version: number;
      fiscalYearStartMonth: number;
      measures: { name: string; label: string }[];
    };
    expect(body.version).toBe(3);
    expect(body.fiscalYearStartMonth).toBe(4);
    expect(body.measures.find((m) => m.name === 'total_amount')?.label).toBe('Revenue');
    expect(await screen.findByText(/Model version 4/)).toBeInTheDocument();
  });

  it('says when someone else saved first (409)', async () => {
    signIn();
    serverFor({
      'PUT /api/v1/projects/:projectId/datasets/:datasetId/model': () =>
        apiError(
          409,
          'stale_version',
          'the model was changed by someone else since version 3 (it is now version 4); reload it and apply your change again',
        ),
    });
    const { user } = renderTab(true);
    await user.type(await screen.findByRole('textbox', { name: 'Label of count' }), 's');
    await user.click(screen.getByRole('button', { name: /Save model/ }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Someone saved a newer version of this model');
    expect(alert).toHaveTextContent('it is now version 4');
  });

  it('adds a calculated measure: the error is shown where it is, then the value is previewed', async () => {
    signIn();
    const server = serverFor({
      'POST /api/v1/projects/:projectId/datasets/:datasetId/model/validate': (req) => {
        const formula = (req.body as { formula: string }).formula;
        if (formula === 'sum(amount) / 2')
          return json(200, { valid: true, type: 'number', problems: [] });
        // Anything typed on the way there (a slow run may check it) is wrong somewhere.
        return json(200, {
          valid: false,
          problems: [
            {
              path: 'formula',
              message: 'unknown field "amout" at 5 — did you mean "amount"?',
              position: 5,
              length: 5,
              suggestion: 'amount',
            },
          ],
        });
      },
      'POST /api/v1/projects/:projectId/semantic/query': () =>
        json(200, {
          columns: [{ name: 'preview', type: 'decimal', label: 'Preview', format: null }],
          rows: [['42.5']],
          rowCount: 1,
          truncated: false,
          cached: false,
          elapsedMs: 3,
          sql: 'SELECT …',
          modelVersion: 3,
        }),
      'PUT /api/v1/projects/:projectId/datasets/:datasetId/model': (req) =>
        json(200, { ...orderModel(), ...(req.body as object), version: 4 }),
    });
    const { user } = renderTab(true);
    const form = await screen.findByRole('form', { name: 'Add a measure' });
    await user.type(within(form).getByRole('textbox', { name: 'Measure name' }), 'aov');
    await user.selectOptions(within(form).getByRole('combobox', { name: 'Kind' }), 'formula');
    const editor = within(form).getByRole('textbox', { name: 'Formula' });
    await user.click(editor);
    await user.keyboard('sum(amout');
    expect(await within(form).findByRole('alert')).toHaveTextContent('did you mean "amount"?');
    await waitFor(() =>
      expect(within(form).getByTestId('formula-error')).toHaveTextContent('amout'),
    );
    await user.keyboard('{Backspace}{Backspace}{Backspace}ount) / 2');
    expect(await within(form).findByRole('status', { name: 'Preview value' })).toHaveTextContent(
      '42.5',
    );
    const query = server.calls.filter((c) => c.path.endsWith('/semantic/query')).at(-1);
    expect(query?.body).toEqual({
      dataset: 'orders',
      measures: [{ formula: 'sum(amount) / 2', as: 'preview' }],
    });
    await user.click(within(form).getByRole('button', { name: /Add measure/ }));
    expect(
      within(screen.getByRole('table', { name: 'Measures' })).getByText('sum(amount) / 2'),
    ).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: /Save model/ }));
    await waitFor(() => expect(server.calls.some((c) => c.method === 'PUT')).toBe(true));
  });

  it('restores an older version for editors', async () => {
    signIn();
    const server = serverFor({
      'POST /api/v1/projects/:projectId/datasets/:datasetId/model/versions/:version/restore': () =>
        json(200, { ...orderModel(), version: 4 }),
    });
    const { user } = renderTab(true);
    await user.click(await screen.findByRole('button', { name: /Restore version 2/ }));
    await waitFor(() =>
      expect(server.calls.some((c) => c.path.endsWith('/versions/2/restore'))).toBe(true),
    );
    expect(await screen.findByText(/Model version 4/)).toBeInTheDocument();
  });

  it('shows what uses a measure when its row is opened, asking only then', async () => {
    signIn();
    const server = serverFor({
      'GET /api/v1/projects/:projectId/datasets/:datasetId/model/members/:member/used-by': (req) =>
        json(200, {
          items:
            req.params.member === 'total_amount'
              ? [{ kind: 'chart', id: 'c1', name: 'Revenue by region', via: 'measures' }]
              : [],
          next: null,
          limit: 500,
          total: 1,
        }),
    });
    const { user } = renderTab(false);
    const measures = await screen.findByRole('table', { name: 'Measures' });
    const route =
      'GET /api/v1/projects/:projectId/datasets/:datasetId/model/members/:member/used-by';
    expect(server.callsTo(route)).toHaveLength(0);

    await user.click(within(measures).getByRole('button', { name: 'Used by: total_amount' }));
    const list = await within(measures).findByRole('list', { name: 'What uses total_amount' });
    expect(within(list).getByRole('link', { name: 'Revenue by region' })).toHaveAttribute(
      'href',
      '/projects/p1/charts/c1',
    );
    await user.click(within(measures).getByRole('button', { name: 'Used by: count' }));
    expect(await within(measures).findByText('No chart or dashboard uses it.')).toBeInTheDocument();
    expect(server.callsTo(route).map((c) => c.params.member)).toEqual(['total_amount', 'count']);
  });

  it('a save that drops a measure charts use lists them and can be saved anyway', async () => {
    signIn();
    const usedBy = [
      {
        kind: 'chart',
        id: 'c1',
        name: 'Revenue by region',
        via: 'measures',
        member: 'total_amount',
      },
    ];
    const server = serverFor({
      'PUT /api/v1/projects/:projectId/datasets/:datasetId/model': (req) =>
        req.query.get('force') === 'true'
          ? json(200, { ...orderModel(), ...(req.body as object), version: 4 })
          : json(409, {
              error: {
                code: 'in_use',
                message:
                  'measure "total_amount" is used by chart "Revenue by region"; change those first, or repeat with ?force=true',
                details: { usedBy, members: ['total_amount'] },
              },
            }),
    });
    const { user } = renderTab(true);
    await user.click(await screen.findByRole('button', { name: 'Remove measure total_amount' }));
    await user.click(screen.getByRole('button', { name: /Save model/ }));
    const inUse = await screen.findByRole('region', { name: 'Measures in use' });
    expect(within(inUse).getByText(/is used by chart "Revenue by region"/)).toBeInTheDocument();
    expect(within(inUse).getByRole('link', { name: 'Revenue by region' })).toBeInTheDocument();
    expect(screen.queryByText('Someone saved a newer version of this model')).toBeNull();

    await user.click(within(inUse).getByRole('button', { name: 'Save anyway' }));
    expect(await screen.findByText(/Model version 4/)).toBeInTheDocument();
    const puts = server.callsTo('PUT /api/v1/projects/:projectId/datasets/:datasetId/model');
    expect(puts.map((c) => c.query.get('force'))).toEqual([null, 'true']);
    const body = puts[1]?.body as { measures: { name: string }[] };
    expect(body.measures.map((m) => m.name)).not.toContain('total_amount');
  });
});
