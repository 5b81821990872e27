import { MessageSquarePlus, Send } from 'lucide-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import { useDatasets } from '@/features/datasets';
import { useProject } from '@/features/projects';
import { isApiError } from '@/lib/api/api-error';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { refusedExchange, starterQuestions } from '../exchange';
import { useAsk, useThread, useThreads } from '../hooks/use-ask';
import type { AskPlan } from '../types';
import { ExchangeView } from './exchange-view';
import { SuggestionChips } from './suggestion-chips';

export function AskPage() {
  const { projectId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const threadId = searchParams.get('thread');
  const { data: project } = useProject(projectId);
  const datasets = useDatasets(projectId);
  const threads = useThreads(projectId);
  const thread = useThread(projectId, threadId);
  const asking = useAsk(projectId);
  const [question, setQuestion] = useState('');
  const bottom = useRef<HTMLDivElement>(null);
  useDocumentTitle('Ask', project?.name);

  const exchanges = threadId ? (thread.data?.exchanges ?? []) : [];
  useEffect(() => {
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- jsdom has no scrollIntoView
    bottom.current?.scrollIntoView?.({ block: 'end' });
  }, [exchanges.length, asking.isPending]);

  const send = (text: string, plan?: AskPlan) => {
    const q = text.trim();
    if (!q || asking.isPending) return;
    asking.mutate(
      { question: q, ...(threadId ? { threadId } : {}), ...(plan ? { plan } : {}) },
      {
        onSuccess: (answer) => {
          setQuestion('');
          if (answer.threadId !== threadId) setSearchParams({ thread: answer.threadId });
        },
        onError: (error) => {
          const refused = refusedExchange(q, error);
          if (refused?.threadId && refused.threadId !== threadId)
            setSearchParams({ thread: refused.threadId });
        },
      },
    );
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    send(question);
  };
  // Refused questions are shown in the conversation; anything else (rate limit, network) here.
  const otherError = asking.error && !refusedExchange('', asking.error) ? asking.error : null;
  const starters = starterQuestions(
    (datasets.data ?? []).filter((d) => d.status === 'ready').map((d) => d.name),
  );

  return (
    <>
      <PageHeader
        title="Ask"
        description="Questions in plain language about this project's datasets; each answer shows its SQL."
        actions={
          threadId && (
            <Button variant="secondary" onClick={() => setSearchParams({})}>
              <MessageSquarePlus className="h-4 w-4" aria-hidden="true" />
              New conversation
            </Button>
          )
        }
      />
      <div className="grid gap-6 lg:grid-cols-[14rem_1fr]">
        <nav aria-label="Conversations" className="space-y-1">
          <h2 className="mb-2 text-sm font-semibold text-slate-600 dark:text-slate-400">
            Conversations
          </h2>
          {threads.isPending && <Spinner />}
          {threads.data?.length === 0 && <p className="text-sm text-slate-500">None yet.</p>}
          <ul className="space-y-1">
            {threads.data?.map((t) => (
              <li key={t.id}>
                <Link
                  to={`?thread=${t.id ?? ''}`}
                  aria-current={t.id === threadId ? 'page' : undefined}
                  className={cn(
                    'block rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800',
                    t.id === threadId && 'bg-slate-100 font-medium dark:bg-slate-800',
                  )}
                >
                  <span className="line-clamp-2">{t.title || 'Untitled'}</span>
                  {t.updatedAt && (
                    <span className="block text-xs text-slate-500">
                      {formatDateTime(t.updatedAt)}
                    </span>
                  )}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <section aria-label="Conversation" className="min-w-0 space-y-6">
          {threadId && thread.isPending && <Spinner label="Loading the conversation…" />}
          {threadId && thread.error && (
            <ErrorMessage error={thread.error} onRetry={() => void thread.refetch()} />
          )}
          {exchanges.map((exchange, i) => (
            <ExchangeView
              key={exchange.id ?? `local-${i}`}
              projectId={projectId}
              exchange={exchange}
              onAsk={send}
              onRun={(q, plan) => send(q, plan)}
              busy={asking.isPending}
            />
          ))}
          {!threadId && !asking.isPending && (
            <div className="space-y-2">
              <p className="text-sm text-slate-600 dark:text-slate-400">
                {starters.length > 0
                  ? 'Try one of these, or ask your own:'
                  : 'Upload a dataset first, then ask about it.'}
              </p>
              <SuggestionChips label="Suggested questions" questions={starters} onPick={send} />
            </div>
          )}
          {asking.isPending && (
            <div className="space-y-2">
              <p className="ml-auto w-fit max-w-[80%] rounded-lg bg-brand-600 px-3 py-2 text-sm text-white">
                {asking.variables.question}
              </p>
              <Spinner label="Thinking…" />
            </div>
          )}
          {otherError && (
            <ErrorMessage
              error={otherError}
              title={isApiError(otherError, 429) ? 'Too many questions' : undefined}
            />
          )}
          <div ref={bottom} />
          <form onSubmit={submit} className="flex items-end gap-2">
            <TextField
              label="Your question"
              hideLabel
              className="flex-1"
              placeholder="e.g. How many rainy days were there?"
              value={question}
              maxLength={1000}
              onChange={(event) => setQuestion(event.target.value)}
            />
            <Button type="submit" loading={asking.isPending} disabled={!question.trim()}>
              {!asking.isPending && <Send className="h-4 w-4" aria-hidden="true" />}
              Ask
            </Button>
          </form>
        </section>
      </div>
    </>
  );
}
