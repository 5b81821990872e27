import { ChevronRight, Code2, Cpu, Layers, Sparkles } from 'lucide-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { DataTable } from '@/components/data-table';
import { ChartView } from '@/charts';
import { SaveAsChartButton } from '@/features/charts';
import { sqlEditorPath } from '@/features/sql';
import { formatNumber } from '@/lib/format';
import { exchangeError, toChart, toVisualization } from '../exchange';
import type { AskAlternative, AskExchange, AskPlan } from '../types';
import { InterpretationChips } from './interpretation-chips';
import { SuggestionChips } from './suggestion-chips';

interface ExchangeViewProps {
  projectId: string;
  exchange: AskExchange;
  onAsk: (question: string) => void;
  /** Runs an edited or alternative plan for this exchange's question. */
  onRun?: (question: string, plan: AskPlan) => void;
  busy: boolean;
}

function Alternatives({
  label,
  alternatives,
  onPick,
  disabled,
}: {
  label: string;
  alternatives: readonly AskAlternative[];
  onPick: (plan: AskPlan) => void;
  disabled?: boolean;
}) {
  if (alternatives.length === 0) return null;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm">
      <span>{label}</span>
      <ul aria-label={label} className="flex flex-wrap gap-2">
        {alternatives.map((a) => (
          <li key={a.label}>
            <button
              type="button"
              disabled={disabled}
              onClick={() => onPick(a.plan)}
              className="rounded-full border border-slate-300 px-3 py-0.5 hover:bg-slate-100 disabled:opacity-60 dark:border-slate-600 dark:hover:bg-slate-800"
            >
              {a.label}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

function Disclosure({
  summary,
  children,
  open,
}: {
  summary: ReactNode;
  children: ReactNode;
  open?: boolean;
}) {
  return (
    <details className="group rounded-md border border-slate-200 dark:border-slate-700" open={open}>
      <summary className="flex cursor-pointer list-none items-center gap-1 px-3 py-2 text-sm font-medium">
        <ChevronRight
          className="h-4 w-4 transition-transform group-open:rotate-90"
          aria-hidden="true"
        />
        {summary}
      </summary>
      <div className="border-t border-slate-200 p-3 dark:border-slate-700">{children}</div>
    </details>
  );
}

export function SourceBadge({
  source,
  fallbackReason,
}: {
  source: string | null | undefined;
  fallbackReason?: string | null;
}) {
  if (!source) return null;
  const planner = source === 'planner';
  const semantic = source === 'semantic';
  return (
    <span title={fallbackReason ?? undefined} className="inline-flex items-center gap-1">
      <Badge tone={planner || semantic ? 'neutral' : 'brand'}>
        {semantic ? (
          <Layers className="mr-1 h-3 w-3" aria-hidden="true" />
        ) : planner ? (
          <Cpu className="mr-1 h-3 w-3" aria-hidden="true" />
        ) : (
          <Sparkles className="mr-1 h-3 w-3" aria-hidden="true" />
        )}
        {semantic ? 'Semantic model' : planner ? 'Built-in planner' : 'Model'}
      </Badge>
      {fallbackReason && (
        <span className="sr-only">{`(the model was not used: ${fallbackReason})`}</span>
      )}
    </span>
  );
}

/** One question and what came back: the sentence, a chart, the rows and the SQL — or why not. */
export function ExchangeView({ projectId, exchange, onAsk, onRun, busy }: ExchangeViewProps) {
  const error = exchangeError(exchange);
  const columns = (exchange.columns ?? []).map((c) => ({
    name: typeof c.name === 'string' ? c.name : '',
    type: typeof c.type === 'string' ? c.type : undefined,
  }));
  const rows = exchange.rows ?? [];
  const visualization = toVisualization(toChart(exchange.chart));
  const charted = visualization !== null && visualization.type !== 'table' && rows.length > 0;
  const run = (plan: AskPlan) => onRun?.(exchange.question ?? '', plan);

  return (
    <article aria-label={exchange.question} className="space-y-3">
      <p className="ml-auto w-fit max-w-[80%] rounded-lg bg-brand-600 px-3 py-2 text-sm text-white">
        {exchange.question}
      </p>
      {error ? (
        <div
          role="alert"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p className="font-medium">
            {error.code === 'not_understood' ? 'I could not answer that.' : 'That question failed.'}
          </p>
          <p>{error.message}</p>
          {onRun && (
            <Alternatives
              label="Did you mean:"
              alternatives={error.alternatives}
              onPick={run}
              disabled={busy}
            />
          )}
          {error.examples.length > 0 && (
            <>
              <p>Questions that would work:</p>
              <SuggestionChips
                label="Suggested questions"
                questions={error.examples}
                onPick={onAsk}
                disabled={busy}
              />
            </>
          )}
        </div>
      ) : (
        <div className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900">
          <div className="flex flex-wrap items-start justify-between gap-2">
            <p className="text-base">{exchange.answer}</p>
            <SourceBadge source={exchange.source} fallbackReason={exchange.fallbackReason} />
          </div>
          {exchange.interpretation && exchange.plan && onRun && (
            <InterpretationChips
              interpretation={exchange.interpretation}
              plan={exchange.plan}
              onRun={run}
              disabled={busy}
            />
          )}
          {onRun && (
            <Alternatives
              label="Or read it as:"
              alternatives={exchange.alternatives ?? []}
              onPick={run}
              disabled={busy}
            />
          )}
          {charted && (
            <ChartView
              result={{ columns, rows }}
              visualization={visualization}
              label={exchange.question ?? 'Answer'}
              tableLabel="Answer chart rows"
              picker
            />
          )}
          {exchange.sql && (
            <SaveAsChartButton
              projectId={projectId}
              query={{ sql: exchange.sql }}
              visualization={visualization ?? { type: charted ? 'column' : 'table' }}
              defaultName={exchange.question ?? undefined}
            />
          )}
          {!charted ? (
            <DataTable label="Answer rows" columns={columns} rows={rows} />
          ) : (
            <Disclosure summary={`Rows (${formatNumber(exchange.rowCount ?? rows.length)})`}>
              <DataTable label="Answer rows" columns={columns} rows={rows} />
            </Disclosure>
          )}
          {exchange.sql && (
            <Disclosure
              summary={
                <>
                  <Code2 className="h-4 w-4" aria-hidden="true" />
                  SQL
                </>
              }
            >
              {exchange.explanation && (
                <p className="mb-2 text-sm text-slate-600 dark:text-slate-400">
                  {exchange.explanation}
                </p>
              )}
              <pre className="overflow-x-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                {exchange.sql}
              </pre>
              <Link
                to={sqlEditorPath(projectId, exchange.sql)}
                className="mt-2 inline-block text-sm font-medium text-brand-600 hover:underline dark:text-brand-100"
              >
                Open in SQL editor
              </Link>
            </Disclosure>
          )}
        </div>
      )}
    </article>
  );
}
