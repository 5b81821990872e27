import { LayoutDashboard, Send } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { ErrorMessage } from '@/components/error-message';
import { TextField } from '@/components/text-field';
import { ChartView } from '@/charts';
import { SaveChartDialog } from '@/features/charts';
import { answerChartQuery, filterLabel } from '../dashboard-answer';
import { toChart, toVisualization } from '../exchange';
import { useAsk } from '../hooks/use-ask';
import type { AskAnswer, AskAppliedFilter, AskDashboardContext } from '../types';
import { SourceBadge } from './exchange-view';

export interface AskPanelProps {
  projectId: string;
  /** The dashboard and its current state, as its data request sends them. */
  dashboard: AskDashboardContext;
  /** Called with the id of the chart saved from an answer; absent: no "Add to dashboard". */
  onAddAsWidget?: (chartId: string) => void;
}

function AppliedFilters({ filters }: { filters: readonly AskAppliedFilter[] }) {
  if (filters.length === 0) {
    return (
      <p className="text-xs text-slate-500 dark:text-slate-400">No dashboard filter applies.</p>
    );
  }
  return (
    <ul aria-label="Dashboard filters" className="flex flex-wrap gap-1.5">
      {filters.map((f, i) => (
        <li
          key={`${f.filterId ?? `x${f.crossFilter ?? i}`}-${f.member}-${i}`}
          title={f.reason ?? undefined}
          className={
            f.applied
              ? 'rounded-full bg-brand-50 px-2 py-0.5 text-xs text-brand-700 dark:bg-brand-900/40 dark:text-brand-100'
              : 'rounded-full border border-dashed border-slate-300 px-2 py-0.5 text-xs text-slate-500 line-through dark:border-slate-600'
          }
        >
          {filterLabel(f)}
          {!f.applied && <span className="sr-only">{` (not applied: ${f.reason ?? ''})`}</span>}
        </li>
      ))}
    </ul>
  );
}

function Answer({
  projectId,
  question,
  answer,
  onAddAsWidget,
}: {
  projectId: string;
  question: string;
  answer: AskAnswer;
  onAddAsWidget?: (chartId: string) => void;
}) {
  const [saving, setSaving] = useState(false);
  const columns = answer.columns.map((c) => ({ name: c.name ?? '', type: c.type }));
  const visualization = toVisualization(toChart(answer.chart));
  const charted =
    visualization !== null && visualization.type !== 'table' && answer.rows.length > 0;
  const { query, frozenFilters } = answerChartQuery(answer);
  return (
    <section aria-label="Answer" className="space-y-3">
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="text-sm">{answer.answer}</p>
        <SourceBadge source={answer.source} fallbackReason={answer.fallbackReason} />
      </div>
      <AppliedFilters filters={answer.appliedFilters ?? []} />
      {charted ? (
        <ChartView
          result={{ columns, rows: answer.rows }}
          visualization={visualization}
          label={question}
          tableLabel="Answer chart rows"
        />
      ) : (
        <DataTable label="Answer rows" columns={columns} rows={answer.rows} />
      )}
      {onAddAsWidget && (
        <div className="space-y-1">
          <Button variant="secondary" onClick={() => setSaving(true)}>
            <LayoutDashboard className="h-4 w-4" aria-hidden="true" />
            Add to dashboard
          </Button>
          {frozenFilters && (
            <p className="text-xs text-slate-500 dark:text-slate-400">
              Saved with the filters as they are now.
            </p>
          )}
        </div>
      )}
      {saving && onAddAsWidget && (
        <SaveChartDialog
          open
          onClose={() => setSaving(false)}
          projectId={projectId}
          query={query}
          visualization={visualization ?? { type: 'table' }}
          defaultName={question}
          onSaved={(chart) => onAddAsWidget(chart.id)}
        />
      )}
    </section>
  );
}

/**
 * Ask about this dashboard: questions are answered from the dashboard's datasets with its current
 * filters (shown as chips; one the answer could not apply is struck through, with why); an
 * answer can be saved as a chart and handed to the dashboard as a new widget. Follow-ups stay in
 * one thread.
 */
export function AskPanel({ projectId, dashboard, onAddAsWidget }: AskPanelProps) {
  const ask = useAsk(projectId);
  const [text, setText] = useState('');
  const [asked, setAsked] = useState('');
  // Follow-ups stay in the thread while the dashboard's state is the one it was asked in; a
  // changed filter starts a new thread, so no earlier filter is carried into the answer.
  const [askedIn, setAskedIn] = useState('');
  const state = JSON.stringify(dashboard);
  const threadId = askedIn === state ? ask.data?.threadId : undefined;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const question = text.trim();
    if (!question) return;
    setAsked(question);
    setAskedIn(state);
    ask.mutate({ question, dashboard, ...(threadId ? { threadId } : {}) });
  };

  return (
    <aside aria-label="Ask about this dashboard" className="space-y-4 p-4">
      <h2 className="text-base font-semibold">Ask about this dashboard</h2>
      <form onSubmit={submit} className="flex items-end gap-2">
        <div className="flex-1">
          <TextField
            label="Question"
            value={text}
            maxLength={1000}
            placeholder="e.g. total amount by month"
            onChange={(event) => setText(event.target.value)}
          />
        </div>
        <Button type="submit" loading={ask.isPending} disabled={!text.trim()}>
          <Send className="h-4 w-4" aria-hidden="true" />
          Ask
        </Button>
      </form>
      {ask.error ? (
        <ErrorMessage title="That question failed" error={ask.error} />
      ) : ask.data ? (
        <Answer
          key={ask.data.exchangeId ?? asked}
          projectId={projectId}
          question={asked}
          answer={ask.data}
          onAddAsWidget={onAddAsWidget}
        />
      ) : null}
    </aside>
  );
}
