import { describe, expect, it } from 'vitest';
import { buildChart, EMPTY_LABEL, OTHER_LABEL } from './build-chart';
import type { ChartSpec, QueryResultLike } from './types';

type Cartesian = Extract<ChartSpec, { kind: 'cartesian' }>;

function cartesian(spec: ChartSpec): Cartesian {
  if (spec.kind !== 'cartesian') throw new Error(`expected a cartesian chart, got ${spec.kind}`);
  return spec;
}

/** `select mpaa_rating, count(*) from movies group by 1`, NULL group in the middle. */
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

describe('buildChart: categories', () => {
  it('draws 8 bars for 8 rows with NULL as its own "(empty)" bar, each at its own value', () => {
    const spec = cartesian(buildChart(mpaa, { type: 'column' }));
    expect(spec.data).toHaveLength(8);
    expect(spec.data.map((p) => p.label)).toEqual([
      'G',
      'NC-17',
      EMPTY_LABEL,
      'Not Rated',
      'Open',
      'PG',
      'PG-13',
      'R',
    ]);
    // Height and tooltip read the same entry: the bar labelled PG is 354.
    const key = spec.series[0]?.key ?? '';
    expect(spec.data.find((p) => p.label === 'PG')?.[key]).toBe(354);
    expect(spec.data.find((p) => p.label === EMPTY_LABEL)?.[key]).toBe(1350);
    expect(new Set(spec.data.map((p) => p.key)).size).toBe(8);
    expect(spec.notes).toEqual([]);
  });

  it('treats an empty string like NULL, and keeps two equal labels as two marks', () => {
    const spec = cartesian(
      buildChart(
        {
          columns: mpaa.columns,
          rows: [
            ['', 1],
            ['a', 2],
            ['a', 3],
          ],
        },
        { type: 'bar' },
      ),
    );
    expect(spec.data.map((p) => p.label)).toEqual([EMPTY_LABEL, 'a', 'a']);
    expect(new Set(spec.data.map((p) => p.key)).size).toBe(3);
  });

  it('reports rows without a value instead of dropping them silently', () => {
    const spec = cartesian(
      buildChart(
        {
          columns: mpaa.columns,
          rows: [
            ['a', null],
            ['b', 2],
          ],
        },
        { type: 'column' },
      ),
    );
    expect(spec.data).toHaveLength(2);
    expect(spec.notes).toEqual(['1 row without a value (not drawn).']);
  });

  it('groups more categories than fit into "Other" and says so, the total unchanged', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`c${i}`, 40 - i]);
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'name', type: 'text' },
            { name: 'count', type: 'integer' },
          ],
          rows,
        },
        { type: 'column', maxCategories: 10 },
      ),
    );
    expect(spec.data).toHaveLength(10);
    expect(spec.data.at(-1)?.label).toBe(OTHER_LABEL);
    const key = spec.series[0]?.key ?? '';
    const total = spec.data.reduce((sum, p) => sum + (p[key] as number), 0);
    expect(total).toBe(rows.reduce((sum, r) => sum + (r[1] as number), 0));
    expect(spec.notes).toEqual(['31 categories grouped into "Other".']);
    expect(spec.scroll).toBe(false);
  });

  it('scrolls rather than summing averages into "Other"', () => {
    const rows = Array.from({ length: 40 }, (_, i) => [`g${i}`, 6.123456789012345 + i]);
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'genre', type: 'text' },
            { name: 'avg_rating', type: 'decimal' },
          ],
          rows,
        },
        { type: 'bar', maxCategories: 10 },
      ),
    );
    expect(spec.data).toHaveLength(40);
    expect(spec.scroll).toBe(true);
    expect(spec.notes[0]).toBe('40 categories: scroll to see them all.');
  });

  it('splits a second category into series, and reports series past the limit', () => {
    const rows: unknown[][] = [];
    for (let s = 0; s < 14; s += 1) rows.push(['2012', `s${s}`, s]);
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'x', type: 'text' },
            { name: 'origin', type: 'text' },
            { name: 'n', type: 'integer' },
          ],
          rows,
        },
        { type: 'column', stacking: 'stacked' },
      ),
    );
    expect(spec.series).toHaveLength(12);
    expect(spec.stacking).toBe('stacked');
    expect(spec.notes).toEqual(['2 rows cut off: only the first 12 series are drawn.']);
  });

  it('sorts by value when asked', () => {
    const spec = cartesian(buildChart(mpaa, { type: 'bar', sort: { by: 'y', direction: 'desc' } }));
    expect(spec.data[0]?.label).toBe(EMPTY_LABEL);
    expect(spec.data.at(-1)?.label).toBe('Open');
  });

  it('draws cars per year by origin as stacked columns, a year as a plain number', () => {
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'year', type: 'integer' },
            { name: 'origin', type: 'text' },
            { name: 'cars', type: 'integer' },
          ],
          rows: [
            [1970, 'USA', 22],
            [1970, 'Japan', 3],
            [1971, 'USA', 20],
            [1971, null, 4],
          ],
        },
        { type: 'column', stacking: 'stacked' },
      ),
    );
    expect(spec.data.map((p) => p.label)).toEqual(['1970', '1971']);
    expect(spec.series.map((s) => s.label)).toEqual(['USA', 'Japan', EMPTY_LABEL]);
    expect(spec.data[1]).toMatchObject({ s0: 20, s1: null, s2: 4 });
  });
});

describe('buildChart: time', () => {
  const months = {
    columns: [
      { name: 'month', type: 'timestamp' },
      { name: 'rainy_days', type: 'integer' },
      { name: 'rainy_days_last_year', type: 'integer' },
    ],
    rows: [
      ['2012-09-01T00:00:00Z', 10, 7],
      ['2012-08-01T00:00:00Z', 3, 5],
    ],
  };

  it('labels months as "Aug 2012", in time order, with last year as a comparison series', () => {
    const spec = cartesian(buildChart(months, { type: 'line' }));
    expect(spec.time).toBe('month');
    expect(spec.data.map((p) => p.label)).toEqual(['Aug 2012', 'Sep 2012']);
    expect(spec.data.some((p) => /T00|Z$/.test(p.label))).toBe(false);
    expect(spec.series.map((s) => [s.label, s.comparison])).toEqual([
      ['rainy_days', false],
      ['rainy_days_last_year', true],
    ]);
    expect(spec.series[1]?.color).toBe(spec.series[0]?.color);
  });

  it('labels quarters as "2012-Q3"', () => {
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'q', type: 'date' },
            { name: 'n', type: 'integer' },
          ],
          rows: [
            ['2012-07-01', 1],
            ['2012-10-01', 2],
          ],
        },
        { type: 'column' },
      ),
    );
    expect(spec.data.map((p) => p.label)).toEqual(['2012-Q3', '2012-Q4']);
  });

  it('downsamples a long series for drawing with LTTB and says the table has every row', () => {
    const start = Date.UTC(2012, 0, 1);
    const rows = Array.from({ length: 3000 }, (_, i) => [
      new Date(start + i * 86_400_000).toISOString(),
      Math.sin(i / 30) * 100,
    ]);
    const result = {
      columns: [
        { name: 'day', type: 'timestamp' },
        { name: 'temp', type: 'decimal' },
      ],
      rows,
    };
    const spec = cartesian(buildChart(result, { type: 'line', maxPoints: 300 }));
    expect(spec.data).toHaveLength(300);
    expect(spec.notes).toEqual([
      'Drawn from 300 of 3,000 points (downsampled); the table has every row.',
    ]);
    expect(spec.labelInterval).toBeGreaterThan(0);
    expect(result.rows).toHaveLength(3000);
  });

  it('thins labels, never categories, on a long bar axis', () => {
    const rows = Array.from({ length: 60 }, (_, i) => [
      new Date(Date.UTC(2012, i, 1)).toISOString(),
      i,
    ]);
    const spec = cartesian(
      buildChart(
        {
          columns: [
            { name: 'month', type: 'timestamp' },
            { name: 'n', type: 'integer' },
          ],
          rows,
        },
        { type: 'column' },
      ),
    );
    expect(spec.data).toHaveLength(60);
    expect(spec.labelInterval).toBeGreaterThan(0);
    expect(spec.notes).toEqual([]);
  });
});

describe('buildChart: key figures', () => {
  it('draws a single value as a KPI, never a one-bar chart', () => {
    const spec = buildChart(
      { columns: [{ name: 'avg_rating', type: 'decimal' }], rows: [[6.283716475095785]] },
      { type: 'column' },
    );
    expect(spec).toMatchObject({
      kind: 'kpi',
      items: [{ label: 'avg_rating', value: 6.283716475095785 }],
    });
    if (spec.kind === 'kpi') expect(spec.items[0]?.text).toBe('6.28');
  });

  it('keeps the category of a one-row result as context', () => {
    const spec = buildChart({ columns: mpaa.columns, rows: [['PG', 354]] }, { type: 'bar' });
    expect(spec).toMatchObject({ kind: 'kpi', items: [{ text: '354', context: 'PG' }] });
  });

  it('shows the change against last year, coloured by direction', () => {
    const spec = buildChart({
      columns: [
        { name: 'revenue', type: 'decimal' },
        { name: 'revenue_last_year', type: 'decimal' },
      ],
      rows: [[120, 100]],
    });
    expect(spec).toMatchObject({
      kind: 'kpi',
      items: [
        {
          value: 120,
          change: { against: 'last year', direction: 'up', tone: 'good', text: '+20.0%' },
        },
      ],
    });
    const costs = buildChart(
      {
        columns: [
          { name: 'errors', type: 'integer' },
          { name: 'errors_previous_period', type: 'integer' },
        ],
        rows: [[5, 10]],
      },
      { type: 'kpi', higherIsBetter: false },
    );
    expect(costs).toMatchObject({
      items: [{ change: { against: 'previous period', direction: 'down', tone: 'good' } }],
    });
  });

  it('uses the model format for the figure', () => {
    const spec = buildChart(
      { columns: [{ name: 'share', type: 'decimal' }], rows: [[0.256]] },
      { type: 'kpi' },
      { measures: [{ name: 'share', label: 'Share', format: { type: 'percent', decimals: 1 } }] },
    );
    expect(spec).toMatchObject({ items: [{ label: 'Share', text: '25.6%' }] });
  });
});

describe('buildChart: pie, scatter, pivot, table', () => {
  it('gives a pie one slice per row, NULL as "(empty)", the rest as "Other"', () => {
    const spec = buildChart(mpaa, { type: 'donut', maxCategories: 5 });
    if (spec.kind !== 'pie') throw new Error(spec.kind);
    expect(spec.type).toBe('donut');
    expect(spec.slices).toHaveLength(5);
    expect(spec.slices.map((s) => s.label)).toContain(EMPTY_LABEL);
    expect(spec.slices.at(-1)).toMatchObject({ label: OTHER_LABEL, value: 90 + 12 + 1 + 250 });
    expect(spec.notes).toEqual(['4 slices grouped into "Other".']);
  });

  it('draws a scatter with size and colour by a field, reporting rows it cannot place', () => {
    const spec = buildChart(
      {
        columns: [
          { name: 'origin', type: 'text' },
          { name: 'horsepower', type: 'integer' },
          { name: 'mpg', type: 'decimal' },
          { name: 'weight', type: 'integer' },
        ],
        rows: [
          ['USA', 130, 18, 3504],
          ['Japan', 95, 24, 2372],
          ['USA', null, 25, 2046],
        ],
      },
      { type: 'scatter', x: 'horsepower', y: 'mpg', size: 'weight', color: 'origin' },
    );
    if (spec.kind !== 'scatter') throw new Error(spec.kind);
    expect(spec.groups.map((g) => g.label)).toEqual(['USA', 'Japan']);
    expect(spec.groups[0]?.points[0]).toMatchObject({ x: 130, y: 18, size: 3504 });
    expect(spec.notes).toEqual(['1 row without both numbers (not drawn).']);
  });

  it('pivots rows × columns × measure with totals', () => {
    const spec = buildChart(
      {
        columns: [
          { name: 'year', type: 'integer' },
          { name: 'origin', type: 'text' },
          { name: 'cars', type: 'integer' },
        ],
        rows: [
          [1970, 'USA', 22],
          [1970, 'Japan', 3],
          [1971, 'USA', 20],
          [1971, null, 4],
        ],
      },
      { type: 'pivot' },
    );
    if (spec.kind !== 'pivot') throw new Error(spec.kind);
    expect(spec.pivot.rowKeys).toEqual(['1970', '1971']);
    expect(spec.pivot.columnKeys).toEqual(['USA', 'Japan', EMPTY_LABEL]);
    expect(spec.pivot.cells).toEqual([
      [22, 3, null],
      [20, null, 4],
    ]);
    expect(spec.pivot.rowTotals).toEqual([25, 24]);
    expect(spec.pivot.columnTotals).toEqual([42, 3, 4]);
    expect(spec.pivot.grandTotal).toBe(49);
  });

  it('leaves totals out of a pivot of averages', () => {
    const spec = buildChart(
      {
        columns: [
          { name: 'a', type: 'text' },
          { name: 'b', type: 'text' },
          { name: 'avg_mpg', type: 'decimal' },
        ],
        rows: [
          ['x', 'y', 1.5],
          ['x', 'z', 2.5],
        ],
      },
      { type: 'pivot' },
    );
    expect(spec).toMatchObject({ kind: 'pivot', pivot: { rowTotals: null, grandTotal: null } });
  });

  it('falls back to the table for mixed types it cannot draw and for no rows', () => {
    expect(
      buildChart(
        { columns: [{ name: 'note', type: 'text' }], rows: [['a'], ['b']] },
        { type: 'column' },
      ),
    ).toMatchObject({ kind: 'table', notes: ['No number to draw.'] });
    expect(buildChart({ columns: mpaa.columns, rows: [] }, { type: 'column' })).toMatchObject({
      kind: 'table',
    });
  });

  it('recommends a chart when none is given', () => {
    expect(buildChart(mpaa).type).toBe('column');
    expect(
      buildChart({
        columns: [
          { name: 'a', type: 'decimal' },
          { name: 'b', type: 'decimal' },
        ],
        rows: [
          [1, 2],
          [3, 4],
        ],
      }).type,
    ).toBe('scatter');
  });
});

describe('buildChart: every type over every shape', () => {
  const text = { name: 'label', type: 'text' };
  const n = { name: 'n', type: 'integer' };
  const shapes: Record<string, QueryResultLike> = {
    'NULL categories': {
      columns: [text, { name: 'group', type: 'text' }, n],
      rows: [
        [null, 'a', 1],
        ['x', null, 2],
        ['', 'a', 3],
        ['y', 'b', 4],
      ],
    },
    'one row': { columns: [text, n], rows: [['only', 7]] },
    'many categories': {
      columns: [text, n],
      rows: Array.from({ length: 45 }, (_, i) => [`c${i}`, i + 1]),
    },
    'long series': {
      columns: [{ name: 'day', type: 'date' }, n],
      rows: Array.from({ length: 2000 }, (_, i) => [
        new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
        i % 97,
      ]),
    },
    'mixed types': {
      columns: [
        { name: 'flag', type: 'boolean' },
        { name: 'doc', type: 'jsonb' },
        { name: 'price', type: 'numeric' },
        { name: 'qty', type: 'integer' },
      ],
      rows: [
        [true, { a: 1 }, '12.50', 3],
        [false, null, 'oops', 4],
        [null, [1, 2], '7', null],
      ],
    },
  };
  const types = [
    'kpi',
    'bar',
    'column',
    'line',
    'area',
    'pie',
    'donut',
    'scatter',
    'table',
    'pivot',
  ] as const;

  for (const [shapeName, result] of Object.entries(shapes)) {
    for (const type of types) {
      it(`${type} over ${shapeName}: a spec, with every row drawn or reported`, () => {
        const spec = buildChart(result, { type, maxPoints: 500 });
        const rows = result.rows.length;
        if (rows === 1 && type !== 'table' && type !== 'pivot') expect(spec.kind).toBe('kpi');
        const noted = spec.notes.join(' ');
        if (spec.kind === 'cartesian') {
          const marks = spec.data.length;
          if (marks < rows && spec.series.length === 1)
            expect(noted).toMatch(/Other|downsampled|cut off/);
          if (shapeName === 'NULL categories')
            expect(spec.data.map((p) => p.label)).toContain(EMPTY_LABEL);
          if (shapeName === 'long series' && (type === 'line' || type === 'area'))
            expect(marks).toBeLessThanOrEqual(500);
          expect(spec.data.some((p) => /T\d\d:\d\d/.test(p.label))).toBe(false);
        }
        if (spec.kind === 'pie') {
          const slices = spec.slices.length;
          if (slices < rows) expect(noted).toMatch(/Other|not drawn/);
        }
        if (spec.kind === 'scatter') {
          const points = spec.groups.reduce((sum, g) => sum + g.points.length, 0);
          if (points < rows) expect(noted).toMatch(/not drawn|cut off/);
        }
        if (spec.kind === 'pivot' && shapeName === 'NULL categories') {
          expect(spec.pivot.rowKeys).toContain(EMPTY_LABEL);
          expect(spec.pivot.columnKeys).toContain(EMPTY_LABEL);
        }
      });
    }
  }
});
