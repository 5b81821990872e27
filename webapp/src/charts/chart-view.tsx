import { Download, ImageDown } from 'lucide-react';
import { lazy, Suspense, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { formatCell, isNumericType, NULL_TEXT } from '@/lib/format';
import { buildChart } from './build-chart';
import { downloadBlob, fileName, svgToPng, toCsv } from './download';
import { chartOptions } from './fit';
import { KpiFigure } from './kpi-figure';
import { PivotTable } from './pivot-table';
import { labelInterval } from './time-axis';
import {
  CHART_NAMES,
  type ChartSpec,
  type ChartType,
  type MarkValues,
  type ModelLike,
  type QueryResultLike,
  type Visualization,
} from './types';

// Recharts is heavy: the drawing arrives in the lazy `charts` chunk, only when a chart is drawn.
const RechartsChart = lazy(() =>
  import('./recharts-chart').then((module) => ({ default: module.RechartsChart })),
);

type Drawn = Extract<ChartSpec, { kind: 'cartesian' | 'pie' | 'scatter' }>;
type Stacking = NonNullable<Visualization['stacking']>;

/** How several series share a bar, column or area chart. */
const STACKINGS: { value: Stacking; label: string }[] = [
  { value: 'none', label: 'Side by side' },
  { value: 'stacked', label: 'Stacked' },
  { value: 'percent', label: 'Stacked to 100%' },
];

export interface ChartViewProps {
  result: QueryResultLike;
  /** The chart's settings; without them the type that fits the result best is drawn. */
  visualization?: Visualization | null;
  model?: ModelLike | null;
  /** What the chart shows, for file names and the tables' accessible names. */
  label: string;
  /** Offer a chart-type picker of the types that fit (the SQL page, Ask answers). */
  picker?: boolean;
  /** Called when the picker changes the type (a saved chart keeps it); else the view keeps it. */
  onVisualizationChange?: (visualization: Visualization) => void;
  /** Name of the table drawn when the result is shown as a table. */
  tableLabel?: string;
  height?: number;
  /**
   * Makes marks clickable (a bar, a point's category, a slice, a table row; Enter on the mark
   * chosen with the arrow keys): called with what the mark stands for (dashboards cross-filter
   * and drill down with it). "Other" and scatter points are not clickable.
   */
  onMarkClick?: (mark: MarkValues) => void;
}

/** A drawn mark the keyboard can move to, with what a screen reader says about it. */
interface Mark {
  key: string;
  text: string;
}

function marksOf(spec: Drawn): Mark[] {
  if (spec.kind === 'cartesian') {
    return spec.data.map((point) => ({
      key: point.key,
      text: `${point.fullLabel}: ${spec.series
        .map((s) => {
          const value = point[s.key];
          const shown =
            value === null || value === undefined ? NULL_TEXT : formatCell(value, s.column);
          return spec.series.length > 1 ? `${s.label} ${shown}` : shown;
        })
        .join(', ')}`,
    }));
  }
  if (spec.kind === 'pie') {
    return spec.slices.map((s) => ({
      key: s.key,
      text: `${s.label}: ${formatCell(s.value, spec.valueColumn)}`,
    }));
  }
  return spec.groups.flatMap((g) =>
    g.points.map((p, i) => ({
      key: `${g.key}-${i}`,
      text: `${p.label || g.label}: ${formatCell(p.x, spec.xColumn)}, ${formatCell(p.y, spec.yColumn)}`,
    })),
  );
}

/** The drawn data as a table, for screen readers (the visible table has every row). */
function ScreenReaderTable({ spec, label }: { spec: Drawn; label: string }) {
  let head: string[];
  let body: string[][];
  if (spec.kind === 'cartesian') {
    head = [spec.xTitle ?? '', ...spec.series.map((s) => s.label)];
    body = spec.data.map((p) => [
      p.fullLabel,
      ...spec.series.map((s) => {
        const value = p[s.key];
        return value === null || value === undefined ? NULL_TEXT : formatCell(value, s.column);
      }),
    ]);
  } else if (spec.kind === 'pie') {
    head = ['', spec.valueColumn.label || spec.valueColumn.name];
    body = spec.slices.map((s) => [s.label, formatCell(s.value, spec.valueColumn)]);
  } else {
    head = ['', spec.xTitle ?? 'x', spec.yTitle ?? 'y'];
    body = spec.groups.flatMap((g) =>
      g.points
        .slice(0, 200)
        .map((p) => [
          p.label || g.label,
          formatCell(p.x, spec.xColumn),
          formatCell(p.y, spec.yColumn),
        ]),
    );
  }
  return (
    <table className="sr-only" aria-label={`${label}: data drawn`}>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {body.map((line, r) => (
          <tr key={r}>
            {line.map((text, c) => (
              <td key={c}>{text}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function useWidth(ref: React.RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.round(entry.contentRect.width));
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}

const isDark = () =>
  typeof document !== 'undefined' && document.documentElement.classList.contains('dark');

/**
 * The one chart renderer: KPI, bar/column, line/area, pie/donut, scatter, table and pivot, drawn
 * from {@link buildChart}'s spec. Resizes with its container, follows the dark theme, can be
 * walked with the arrow keys, carries its data as a table for screen readers, and downloads as PNG
 * (drawn charts) or CSV (every row).
 */
export function ChartView({
  result,
  visualization,
  model,
  label,
  picker = false,
  onVisualizationChange,
  tableLabel,
  height = 300,
  onMarkClick,
}: ChartViewProps) {
  const options = useMemo(
    () => chartOptions(result.columns, result.rows.length),
    [result.columns, result.rows.length],
  );
  const [pickedType, setPickedType] = useState<ChartType | null>(null);
  const [pickedStacking, setPickedStacking] = useState<Stacking | null>(null);
  const vis = useMemo<Visualization>(() => {
    const base = visualization ?? { type: options.recommended };
    if (onVisualizationChange) return base;
    return {
      ...base,
      ...(pickedType ? { type: pickedType } : {}),
      ...(pickedStacking ? { stacking: pickedStacking } : {}),
    };
  }, [visualization, options.recommended, pickedType, pickedStacking, onVisualizationChange]);
  const spec = useMemo(() => buildChart(result, vis, model), [result, vis, model]);

  const frame = useRef<HTMLDivElement>(null);
  const figure = useRef<HTMLElement>(null);
  const measured = useWidth(frame);
  const [active, setActive] = useState<number | null>(null);
  const [pngError, setPngError] = useState<string | null>(null);

  const drawn = spec.kind === 'cartesian' || spec.kind === 'pie' || spec.kind === 'scatter';
  const marks = useMemo(() => (drawn ? marksOf(spec) : []), [drawn, spec]);
  const activeMark = active === null ? null : (marks[active] ?? null);
  const title = spec.title ?? label;

  // jsdom (tests) measures nothing; draw at a fixed width there.
  const width = measured > 0 ? measured : 640;
  let chartWidth = width;
  let chartHeight = height;
  let interval = 0;
  if (spec.kind === 'cartesian') {
    const count = spec.data.length;
    if (spec.type === 'bar') chartHeight = Math.max(height, count * 24 + 60);
    else if (spec.scroll) chartWidth = Math.max(width, count * 18 + 80);
    const longest = spec.data.reduce((n, p) => Math.max(n, p.label.length), 0);
    interval =
      spec.type === 'bar'
        ? 0
        : labelInterval(count, chartWidth - 80, Math.min(longest, 16) * 7 + 12);
  }

  const onKeyDown = (event: KeyboardEvent) => {
    if (marks.length === 0) return;
    const last = marks.length - 1;
    const moves: Record<string, number> = {
      ArrowRight: active === null ? 0 : Math.min(active + 1, last),
      ArrowDown: active === null ? 0 : Math.min(active + 1, last),
      ArrowLeft: active === null ? last : Math.max(active - 1, 0),
      ArrowUp: active === null ? last : Math.max(active - 1, 0),
      Home: 0,
      End: last,
    };
    const next = moves[event.key];
    if ((event.key === 'Enter' || event.key === ' ') && activeMark && onMarkClick) {
      event.preventDefault();
      clickMark(activeMark.key);
    } else if (next !== undefined) {
      event.preventDefault();
      setActive(next);
    } else if (event.key === 'Escape') setActive(null);
  };

  const markOf = (key: string): MarkValues | null =>
    spec.kind === 'cartesian' || spec.kind === 'pie' ? (spec.marks[key] ?? null) : null;
  const clickMark = (key: string) => {
    const mark = markOf(key);
    if (mark && onMarkClick) onMarkClick(mark);
  };
  // A table row stands for its text and date columns (its dimensions), not its numbers.
  const rowMark = (row: readonly unknown[]): MarkValues =>
    Object.fromEntries(
      result.columns.flatMap((column, i) =>
        isNumericType(column.type) ? [] : [[column.name, row[i]] as const],
      ),
    );

  const downloadPng = async () => {
    const svg = figure.current?.querySelector('svg.recharts-surface');
    if (!(svg instanceof SVGSVGElement)) return;
    try {
      setPngError(null);
      downloadBlob(await svgToPng(svg, isDark() ? '#0f172a' : '#ffffff'), fileName(title, 'png'));
    } catch (error) {
      setPngError(error instanceof Error ? error.message : 'The image could not be made.');
    }
  };
  const downloadCsv = () =>
    downloadBlob(
      new Blob([toCsv(result)], { type: 'text/csv;charset=utf-8' }),
      fileName(title, 'csv'),
    );

  const pick = (type: ChartType) => {
    setActive(null);
    if (onVisualizationChange) onVisualizationChange({ ...vis, type });
    else setPickedType(type);
  };
  const restack = (stacking: Stacking) => {
    if (onVisualizationChange) onVisualizationChange({ ...vis, stacking });
    else setPickedStacking(stacking);
  };
  const fallback = spec.kind === 'table' && vis.type !== 'table';

  return (
    <div className="space-y-2" ref={frame}>
      <div className="flex flex-wrap items-end gap-2">
        {spec.title && <h3 className="mr-auto text-base font-semibold">{spec.title}</h3>}
        {picker && (
          <SelectField
            label="Chart type"
            className="w-48"
            value={vis.type}
            onChange={(event) => pick(event.target.value as ChartType)}
            options={options.types
              .filter((t) => t.fits || t.type === vis.type)
              .map((t) => ({
                value: t.type,
                label: `${CHART_NAMES[t.type]}${t.type === options.recommended ? ' (recommended)' : ''}`,
              }))}
          />
        )}
        {picker && spec.kind === 'cartesian' && spec.type !== 'line' && spec.series.length > 1 && (
          <SelectField
            label="Series"
            className="w-44"
            value={spec.stacking}
            onChange={(event) => restack(event.target.value as Stacking)}
            options={STACKINGS}
          />
        )}
        <div className="ml-auto flex gap-2">
          {drawn && (
            <Button variant="secondary" onClick={() => void downloadPng()}>
              <ImageDown className="h-4 w-4" aria-hidden="true" />
              Download PNG
            </Button>
          )}
          <Button variant="secondary" onClick={downloadCsv}>
            <Download className="h-4 w-4" aria-hidden="true" />
            Download CSV
          </Button>
        </div>
      </div>
      {pngError && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {pngError}
        </p>
      )}
      {fallback && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          No chart fits this result
        </p>
      )}
      {spec.notes.length > 0 && (
        <ul
          aria-label="About this chart"
          className="space-y-0.5 text-sm text-amber-800 dark:text-amber-300"
        >
          {spec.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      )}
      {spec.kind === 'kpi' && (
        <div className="flex flex-wrap gap-8">
          {spec.items.map((item) => (
            <KpiFigure key={item.label} item={item} />
          ))}
        </div>
      )}
      {spec.kind === 'table' && (
        <DataTable
          label={tableLabel ?? `${label} rows`}
          columns={result.columns}
          rows={result.rows}
          colorRules={vis.conditionalColors}
          onRowClick={
            onMarkClick && result.columns.some((c) => !isNumericType(c.type))
              ? (row) => onMarkClick(rowMark(row))
              : undefined
          }
        />
      )}
      {spec.kind === 'pivot' && <PivotTable label={`${label} pivot`} pivot={spec.pivot} />}
      {drawn && (
        <figure
          ref={figure}
          aria-label={CHART_NAMES[spec.type]}
          className="overflow-auto rounded text-slate-600 dark:text-slate-300"
          style={{ maxHeight: spec.kind === 'cartesian' && spec.type === 'bar' ? 560 : undefined }}
        >
          {/* A slider over the marks: the arrow keys walk them and each value is read out. */}
          <div
            role="slider"
            aria-label={`${title}: use the arrow keys to read each value`}
            aria-valuemin={marks.length > 0 ? 1 : 0}
            aria-valuemax={marks.length}
            aria-valuenow={active === null ? 0 : active + 1}
            aria-valuetext={
              activeMark?.text ?? `${formatCell(marks.length, { type: 'integer' })} values`
            }
            tabIndex={0}
            onKeyDown={onKeyDown}
            onBlur={() => setActive(null)}
            className="rounded focus-visible:outline focus-visible:outline-2 focus-visible:outline-brand-500"
          >
            <Suspense fallback={<Spinner label="Drawing the chart…" className="h-40" />}>
              <RechartsChart
                spec={spec}
                width={chartWidth}
                height={chartHeight}
                activeKey={activeMark?.key ?? null}
                labelInterval={interval}
                onMarkClick={onMarkClick ? clickMark : undefined}
              />
            </Suspense>
          </div>
          <ScreenReaderTable spec={spec} label={title} />
          <p aria-live="polite" className="min-h-5 text-sm text-slate-700 dark:text-slate-200">
            {activeMark ? activeMark.text : ''}
          </p>
        </figure>
      )}
    </div>
  );
}
