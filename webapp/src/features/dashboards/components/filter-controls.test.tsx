import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DashboardFilter } from '@/lib/api/dashboards';
import { fakeServer, json } from '@/test/fake-server';
import { createTestQueryClient, signIn } from '@/test/render';
import type { FilterValue } from '../lib/filter-state';
import { FilterControl } from './filter-controls';

const projectId = 'p1';
const dashboardId = '00000000-0000-4000-8000-0000000000d1';

function Harness({
  filter,
  initial,
  onChange,
}: {
  filter: DashboardFilter;
  initial: FilterValue;
  onChange: (value: FilterValue) => void;
}) {
  const [value, setValue] = useState<FilterValue>(initial);
  return (
    <FilterControl
      source={{ kind: 'project', projectId, dashboardId }}
      filter={filter}
      value={value}
      onChange={(next) => {
        setValue(next);
        onChange(next);
      }}
    />
  );
}

function renderControl(filter: DashboardFilter, initial: FilterValue = null) {
  const onChange = vi.fn();
  const user = userEvent.setup();
  render(
    <QueryClientProvider client={createTestQueryClient()}>
      <Harness filter={filter} initial={initial} onChange={onChange} />
    </QueryClientProvider>,
  );
  return { user, onChange };
}

describe('FilterControl', () => {
  beforeEach(() => signIn());

  it('offers the presets, YTD/QTD/MTD among them, and a custom range', async () => {
    const { user, onChange } = renderControl(
      { id: 'f1', type: 'date_range', member: 'order_date', label: 'Period' },
      'last_90_days',
    );
    const period = screen.getByRole('combobox', { name: 'Period' });
    expect(screen.getByRole('option', { name: 'Month to date (MTD)' })).toBeInTheDocument();
    await user.selectOptions(period, 'qtd');
    expect(onChange).toHaveBeenLastCalledWith('qtd');
    await user.selectOptions(period, 'custom');
    await user.type(screen.getByLabelText('Period from'), '2024-01-01');
    await user.type(screen.getByLabelText('Period to'), '2024-03-31');
    expect(onChange).toHaveBeenLastCalledWith({ from: '2024-01-01', to: '2024-03-31' });
    await user.selectOptions(period, '');
    expect(onChange).toHaveBeenLastCalledWith(null);
  });

  it('applies a number range when the field is left, not on every key', async () => {
    const { user, onChange } = renderControl({
      id: 'f3',
      type: 'number_range',
      member: 'amount',
      label: null,
    });
    await user.type(screen.getByRole('spinbutton', { name: 'Amount from' }), '100');
    expect(onChange).not.toHaveBeenCalled();
    await user.tab();
    expect(onChange).toHaveBeenCalledTimes(1);
    expect(onChange).toHaveBeenLastCalledWith({ min: 100, max: null });
    await user.type(screen.getByRole('spinbutton', { name: 'Amount to' }), '250{Enter}');
    expect(onChange).toHaveBeenLastCalledWith({ min: 100, max: 250 });
  });

  it('searches the values from the data and keeps chosen ones listed', async () => {
    const fake = fakeServer({
      'GET /api/v1/projects/:projectId/dashboards/:dashboardId/filters/:filterId/values': (r) => {
        const q = r.query.get('q') ?? '';
        const all = ['East', 'West', 'North'];
        return json(200, {
          filterId: 'f2',
          member: 'region',
          dataset: 'orders',
          values: all.filter((v) => v.toLowerCase().includes(q.toLowerCase())),
          truncated: false,
        });
      },
    });
    const { user, onChange } = renderControl(
      { id: 'f2', type: 'values', member: 'region', label: 'Region' },
      ['East'],
    );
    await user.click(screen.getByRole('button', { name: 'Region: East' }));
    expect(await screen.findByRole('checkbox', { name: 'West' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'East' })).toBeChecked();
    await user.type(screen.getByRole('searchbox', { name: 'Search Region' }), 'nor');
    await waitFor(() => expect(screen.queryByRole('checkbox', { name: 'West' })).toBeNull());
    expect(
      fake
        .callsTo('GET /api/v1/projects/:projectId/dashboards/:dashboardId/filters/:filterId/values')
        .at(-1)
        ?.query.get('q'),
    ).toBe('nor');
    // East is chosen: it stays listed though the search leaves it out.
    expect(screen.getByRole('checkbox', { name: 'East' })).toBeChecked();
    await user.click(screen.getByRole('checkbox', { name: 'North' }));
    expect(onChange).toHaveBeenLastCalledWith(['East', 'North']);
    await user.click(screen.getByRole('button', { name: 'Clear Region' }));
    expect(onChange).toHaveBeenLastCalledWith([]);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('group', { name: 'Region' })).toBeNull();
  });
});
