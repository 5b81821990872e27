import { GripVertical, Rows3, Settings2, Trash2 } from 'lucide-react';
import type { ReactNode } from 'react';
import { ChartView, type MarkValues, type Visualization } from '@/charts';
import { Button } from '@/components/button';
import { Spinner } from '@/components/spinner';
import { TextAreaField } from '@/components/text-area-field';
import type { SavedChart } from '@/lib/api/charts';
import type { DashboardWidget, DashboardWidgetData } from '@/lib/api/dashboards';
import { cn } from '@/lib/cn';
import { MarkdownView } from '../lib/markdown-view';
import { GAP, ROW_HEIGHT } from './dashboard-grid';
import { WidgetBoundary } from './widget-boundary';

export interface WidgetCardProps {
  widget: DashboardWidget;
  title: string;
  /** What drawing needs of the widget's chart (a saved chart, or a public link's chart). */
  chart: Pick<SavedChart, 'visualization'> | undefined;
  data: DashboardWidgetData | undefined;
  loading: boolean;
  editing: boolean;
  /** The value this widget cross-filters the others by, if any. */
  filtering: string | null;
  onMarkClick: (mark: MarkValues) => void;
  /** Opens the rows behind this widget's clicked mark; absent when no mark is chosen. */
  onDrill?: () => void;
  drillLabel?: string;
  onRemove: () => void;
  /** Opens the widget's settings (title, filters reaching it); chart and KPI widgets. */
  onSettings?: () => void;
  onMarkdownChange: (markdown: string) => void;
  /** A filter widget's control. */
  filterControl?: ReactNode;
}

/** The px height a chart gets inside a widget of `h` rows (the header and toolbar take the rest). */
const chartHeight = (h: number) => Math.max(120, h * ROW_HEIGHT + (h - 1) * GAP - 120);

/** One widget: its title bar (drag handle and remove in edit mode) and its content. */
export function WidgetCard({
  widget,
  title,
  chart,
  data,
  loading,
  editing,
  filtering,
  onMarkClick,
  onDrill,
  drillLabel,
  onRemove,
  onSettings,
  onMarkdownChange,
  filterControl,
}: WidgetCardProps) {
  let content: ReactNode;
  if (widget.type === 'text') {
    content = editing ? (
      <TextAreaField
        label={`${title} Markdown`}
        value={widget.markdown ?? ''}
        maxLength={20000}
        rows={Math.max(2, widget.h * 2)}
        onChange={(event) => onMarkdownChange(event.target.value)}
      />
    ) : (
      <MarkdownView source={widget.markdown ?? ''} />
    );
  } else if (widget.type === 'filter') {
    content = filterControl ?? <p className="text-sm text-slate-500">This filter was removed.</p>;
  } else if (data?.error) {
    content = (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        This widget could not be loaded: {data.error.message}
      </p>
    );
  } else if (data?.columns && data.rows) {
    const visualization: Visualization | null =
      widget.type === 'kpi'
        ? { ...(chart?.visualization ?? {}), type: 'kpi' }
        : (chart?.visualization ?? null);
    content = (
      <ChartView
        result={{ columns: data.columns, rows: data.rows }}
        visualization={visualization}
        label={title}
        tableLabel={`${title} rows`}
        height={chartHeight(widget.h)}
        onMarkClick={editing ? undefined : onMarkClick}
      />
    );
  } else if (loading) {
    content = <Spinner label={`Loading ${title}…`} />;
  } else {
    content = <p className="text-sm text-slate-500">No data yet.</p>;
  }

  return (
    <section
      aria-label={title}
      className={cn(
        'flex h-full flex-col overflow-hidden rounded-lg border bg-white dark:bg-slate-900',
        filtering
          ? 'border-brand-500 ring-1 ring-brand-500'
          : 'border-slate-200 dark:border-slate-700',
      )}
    >
      <header className="flex items-center gap-2 border-b border-slate-100 px-3 py-1.5 dark:border-slate-800">
        {editing && (
          <span
            className="widget-drag-handle -ml-1 cursor-move text-slate-400"
            title="Drag to move"
          >
            <GripVertical className="h-4 w-4" aria-hidden="true" />
          </span>
        )}
        <h2 className="min-w-0 flex-1 truncate text-sm font-semibold">{title}</h2>
        {loading && data && <Spinner label="Updating…" className="h-4" />}
        {filtering && !editing && (
          <span className="truncate text-xs text-brand-700 dark:text-brand-300">
            Filtering by {filtering}
          </span>
        )}
        {onDrill && !editing && (
          <Button size="sm" variant="ghost" onClick={onDrill}>
            <Rows3 className="h-4 w-4" aria-hidden="true" />
            {drillLabel ?? 'Rows'}
          </Button>
        )}
        {editing && onSettings && (
          <Button
            size="icon"
            variant="ghost"
            aria-label={`Settings of ${title}`}
            onClick={onSettings}
          >
            <Settings2 className="h-4 w-4" aria-hidden="true" />
          </Button>
        )}
        {editing && (
          <Button size="icon" variant="ghost" aria-label={`Remove ${title}`} onClick={onRemove}>
            <Trash2 className="h-4 w-4" aria-hidden="true" />
          </Button>
        )}
      </header>
      <div className="min-h-0 flex-1 overflow-auto p-3">
        <WidgetBoundary title={title} resetKey={data}>
          {content}
        </WidgetBoundary>
      </div>
    </section>
  );
}
