import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ChartView } from './chart-view';
import type { QueryResultLike } from './types';

const mpaa: QueryResultLike = {
  columns: [
    { name: 'mpaa_rating', type: 'text' },
    { name: 'count', type: 'integer' },
  ],
  rows: [
    ['G', 90],
    ['NC-17', 12],
    [null, 1350],
    ['Not Rated', 250],
    ['Open', 1],
    ['PG', 354],
    ['PG-13', 600],
    ['R', 1100],
  ],
};

describe('ChartView', () => {
  it('draws the mpaa_rating result as 8 columns, NULL as "(empty)", each read out at its value', async () => {
    const { container } = render(<ChartView result={mpaa} label="Ratings" />);
    const figure = await screen.findByRole('figure', { name: 'Column chart' });
    // The drawing arrives in a lazy chunk; wait for it (a loaded machine takes seconds).
    await vi.waitFor(
      () => {
        expect(container.querySelectorAll('.recharts-bar-rectangle')).toHaveLength(8);
      },
      { timeout: 15_000 },
    );
    const data = within(figure).getByRole('table', { name: 'Ratings: data drawn', hidden: true });
    const cells = within(data)
      .getAllByRole('row', { hidden: true })
      .slice(1)
      .map((row) => row.textContent);
    expect(cells).toEqual([
      'G90',
      'NC-1712',
      '(empty)1,350',
      'Not Rated250',
      'Open1',
      'PG354',
      'PG-13600',
      'R1,100',
    ]);
  });

  it('walks the marks with the keyboard and reads each value', async () => {
    const user = userEvent.setup();
    render(<ChartView result={mpaa} label="Ratings" />);
    const explorer = await screen.findByRole('slider', { name: /arrow keys/ });
    await user.click(explorer);
    expect(explorer).toHaveFocus();
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}');
    expect(explorer).toHaveAttribute('aria-valuetext', '(empty): 1,350');
    await user.keyboard('{End}');
    expect(explorer).toHaveAttribute('aria-valuetext', 'R: 1,100');
  });

  it('reports the mark chosen with the keyboard when Enter is pressed, with its raw value', async () => {
    const user = userEvent.setup();
    const onMarkClick = vi.fn();
    render(<ChartView result={mpaa} label="Ratings" onMarkClick={onMarkClick} />);
    const explorer = await screen.findByRole('slider', { name: /arrow keys/ });
    await user.click(explorer);
    await user.keyboard('{ArrowRight}{ArrowRight}{ArrowRight}{Enter}');
    // The third mark is the NULL rating: its value is null, not the "(empty)" label.
    expect(onMarkClick).toHaveBeenLastCalledWith({ mpaa_rating: null });
    await user.keyboard('{Home}{Enter}');
    expect(onMarkClick).toHaveBeenLastCalledWith({ mpaa_rating: 'G' });
  });

  it('makes table rows clickable by their text columns when asked', async () => {
    const user = userEvent.setup();
    const onMarkClick = vi.fn();
    render(
      <ChartView
        result={mpaa}
        visualization={{ type: 'table' }}
        label="Ratings"
        onMarkClick={onMarkClick}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'PG-13' }));
    expect(onMarkClick).toHaveBeenCalledWith({ mpaa_rating: 'PG-13' });
  });

  it('shows a single value as a key figure with its change, coloured by direction', () => {
    render(
      <ChartView
        label="Revenue"
        result={{
          columns: [
            { name: 'revenue', type: 'decimal' },
            { name: 'revenue_last_year', type: 'decimal' },
          ],
          rows: [[90.123456789, 100]],
        }}
        visualization={{ type: 'column' }}
      />,
    );
    const kpi = screen.getByRole('figure', { name: 'Key figure: revenue' });
    expect(kpi).toHaveTextContent('90.12');
    expect(within(kpi).getByText('-9.9% vs last year').parentElement).toHaveClass('text-red-700');
    expect(screen.queryByRole('figure', { name: /chart/ })).not.toBeInTheDocument();
  });

  it('offers only the types that fit, recommends one, and switches', async () => {
    const user = userEvent.setup();
    render(<ChartView result={mpaa} label="Ratings" picker />);
    const select = screen.getByRole('combobox', { name: 'Chart type' });
    const options = within(select)
      .getAllByRole('option')
      .map((o) => o.textContent);
    expect(options).toEqual([
      'Bar chart',
      'Column chart (recommended)',
      'Pie chart',
      'Donut chart',
      'Table',
    ]);
    await user.selectOptions(select, 'pie');
    expect(await screen.findByRole('figure', { name: 'Pie chart' })).toBeInTheDocument();
    await user.selectOptions(select, 'table');
    const table = screen.getByRole('table', { name: 'Ratings rows' });
    expect(within(table).getByText('NULL')).toBeInTheDocument();
  });

  it('sorts the table and colours cells by rule', async () => {
    const user = userEvent.setup();
    render(
      <ChartView
        result={mpaa}
        label="Ratings"
        visualization={{
          type: 'table',
          conditionalColors: [{ column: 'count', operator: 'gt', value: 1000, color: 'green' }],
        }}
      />,
    );
    const table = screen.getByRole('table', { name: 'Ratings rows' });
    await user.click(within(table).getByRole('button', { name: /count/ }));
    expect(within(table).getByRole('columnheader', { name: /count/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    );
    const firstCells = within(table)
      .getAllByRole('row')
      .slice(1, 3)
      .map((row) => row.firstChild?.textContent);
    expect(firstCells).toEqual(['Open', 'NC-17']);
    expect(within(table).getByText('1,350')).toHaveClass('bg-emerald-100');
    expect(within(table).getByText('354')).not.toHaveClass('bg-emerald-100');
  });

  it('draws a pivot with totals', () => {
    render(
      <ChartView
        label="Cars"
        visualization={{ type: 'pivot' }}
        result={{
          columns: [
            { name: 'year', type: 'integer' },
            { name: 'origin', type: 'text' },
            { name: 'cars', type: 'integer' },
          ],
          rows: [
            [1970, 'USA', 22],
            [1970, 'Japan', 3],
            [1971, 'USA', 20],
          ],
        }}
      />,
    );
    const pivot = screen.getByRole('table', { name: 'Cars pivot' });
    const lines = within(pivot)
      .getAllByRole('row')
      .map((row) => [...row.children].map((cell) => cell.textContent));
    expect(lines).toEqual([
      ['year \\ origin', 'USA', 'Japan', 'Total'],
      ['1970', '22', '3', '25'],
      ['1971', '20', 'NULL', '20'],
      ['Total', '42', '3', '45'],
    ]);
  });

  it('says what is not drawn, and downloads every row as CSV', async () => {
    const user = userEvent.setup();
    const created: Blob[] = [];
    vi.stubGlobal('URL', {
      ...URL,
      createObjectURL: (blob: Blob) => {
        created.push(blob);
        return 'blob:csv';
      },
      revokeObjectURL: () => undefined,
    });
    // jsdom cannot follow the download link; the file is what the test reads.
    const click = vi
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => undefined);
    const rows = Array.from({ length: 40 }, (_, i) => [`c${i}`, i + 1]);
    render(
      <ChartView
        label="Many"
        result={{ columns: mpaa.columns, rows }}
        visualization={{ type: 'column', maxCategories: 10 }}
      />,
    );
    expect(screen.getByRole('list', { name: 'About this chart' })).toHaveTextContent(
      '31 categories grouped into "Other".',
    );
    await user.click(screen.getByRole('button', { name: 'Download CSV' }));
    expect(created).toHaveLength(1);
    const text = await new Promise<string>((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(typeof reader.result === 'string' ? reader.result : '');
      reader.readAsText(created[0] ?? new Blob());
    });
    expect(text.split('\r\n')).toHaveLength(42);
    expect(click).toHaveBeenCalledTimes(1);
    click.mockRestore();
  });

  it('stacks the series of a column chart when asked, and keeps the choice in the visualization', async () => {
    const user = userEvent.setup();
    const onVisualizationChange = vi.fn();
    const cars: QueryResultLike = {
      columns: [
        { name: 'year', type: 'integer' },
        { name: 'origin', type: 'text' },
        { name: 'count', type: 'integer' },
      ],
      rows: [
        [1970, 'USA', 22],
        [1970, 'Japan', 2],
        [1971, 'USA', 20],
        [1971, 'Europe', 5],
      ],
    };
    const { rerender } = render(
      <ChartView
        result={cars}
        label="Cars"
        picker
        visualization={{ type: 'column' }}
        onVisualizationChange={onVisualizationChange}
      />,
    );
    const series = screen.getByRole('combobox', { name: 'Series' });
    expect(series).toHaveValue('none');
    await user.selectOptions(series, 'Stacked');
    expect(onVisualizationChange).toHaveBeenLastCalledWith({ type: 'column', stacking: 'stacked' });
    rerender(
      <ChartView
        result={cars}
        label="Cars"
        picker
        visualization={{ type: 'column', stacking: 'stacked' }}
        onVisualizationChange={onVisualizationChange}
      />,
    );
    expect(screen.getByRole('combobox', { name: 'Series' })).toHaveValue('stacked');
    // A line has no stacking; one series has nothing to stack.
    rerender(<ChartView result={cars} label="Cars" picker visualization={{ type: 'line' }} />);
    expect(screen.queryByRole('combobox', { name: 'Series' })).toBeNull();
    rerender(<ChartView result={mpaa} label="Ratings" picker />);
    expect(screen.queryByRole('combobox', { name: 'Series' })).toBeNull();
  });

  it('draws a line by month with last year beside it, dashed, labelled by grain', async () => {
    const { container } = render(
      <ChartView
        label="Rain"
        result={{
          columns: [
            { name: 'month', type: 'timestamp' },
            { name: 'rainy_days', type: 'integer' },
            { name: 'rainy_days_last_year', type: 'integer' },
          ],
          rows: [
            ['2012-08-01T00:00:00Z', 3, 5],
            ['2012-09-01T00:00:00Z', 10, 7],
          ],
        }}
      />,
    );
    const figure = await screen.findByRole('figure', { name: 'Line chart' });
    await vi.waitFor(
      () => {
        expect(container.querySelectorAll('path.recharts-line-curve')).toHaveLength(2);
      },
      { timeout: 15_000 },
    );
    expect(
      container.querySelector('path.recharts-line-curve[stroke-dasharray="6 4"]'),
    ).not.toBeNull();
    expect(figure).toHaveTextContent('Aug 2012');
    expect(figure).not.toHaveTextContent('T00:00:00Z');
  });

  it('draws a scatter and a donut', async () => {
    const { container, rerender } = render(
      <ChartView
        label="Cars"
        visualization={{ type: 'scatter', x: 'hp', y: 'mpg', color: 'origin' }}
        result={{
          columns: [
            { name: 'origin', type: 'text' },
            { name: 'hp', type: 'integer' },
            { name: 'mpg', type: 'decimal' },
          ],
          rows: [
            ['USA', 130, 18],
            ['Japan', 95, 24],
            ['USA', 150, 15],
          ],
        }}
      />,
    );
    expect(await screen.findByRole('figure', { name: 'Scatter chart' })).toBeInTheDocument();
    await vi.waitFor(
      () => {
        expect(container.querySelectorAll('.recharts-scatter-symbol')).toHaveLength(3);
      },
      { timeout: 15_000 },
    );
    rerender(<ChartView label="Ratings" result={mpaa} visualization={{ type: 'donut' }} />);
    expect(await screen.findByRole('figure', { name: 'Donut chart' })).toBeInTheDocument();
    await vi.waitFor(
      () => {
        expect(container.querySelectorAll('.recharts-pie-sector')).toHaveLength(8);
      },
      { timeout: 15_000 },
    );
  });
});
