import { lazy, Suspense } from 'react';
import { Spinner } from '@/components/spinner';
import type { ChartModel } from './chart-data';

// Recharts is heavy: the renderer arrives in the lazy `charts` chunk, only when a chart is drawn.
const ResultChart = lazy(() =>
  import('./result-chart').then((module) => ({ default: module.ResultChart })),
);

const CHART_NAMES = {
  line: 'Line chart',
  bar: 'Bar chart',
  pie: 'Pie chart',
  scatter: 'Scatter chart',
} as const;

/** A result drawn from its chart model: a key figure, or a chart (nothing for `table`). */
export function ChartFigure({ model }: { model: ChartModel }) {
  if (model.kind === 'table') return null;
  if (model.kind === 'kpi') {
    return (
      <figure aria-label={`Key figure: ${model.label}`} className="py-2">
        <p className="text-4xl font-semibold tabular-nums">{model.value}</p>
        <figcaption className="text-sm text-slate-500 dark:text-slate-400">
          {model.label}
        </figcaption>
      </figure>
    );
  }
  return (
    <figure aria-label={CHART_NAMES[model.kind]} className="h-[280px]">
      <Suspense fallback={<Spinner label="Drawing the chart…" />}>
        <ResultChart model={model} />
      </Suspense>
    </figure>
  );
}
