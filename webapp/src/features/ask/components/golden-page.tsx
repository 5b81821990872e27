import { Play, Trash2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { TextAreaField } from '@/components/text-area-field';
import { TextField } from '@/components/text-field';
import { useProject } from '@/features/projects';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  useCreateGoldenQuestion,
  useDeleteGoldenQuestion,
  useGoldenQuestions,
  useRunGoldenQuestions,
} from '../hooks/use-golden';
import type { GoldenVerdict } from '../types';

const TONES = { pass: 'green', fail: 'red', refused: 'amber', error: 'red' } as const;

function Verdict({ who, verdict }: { who: string; verdict: GoldenVerdict | null | undefined }) {
  if (!verdict) return null;
  return (
    <span className="inline-flex items-center gap-1" title={verdict.detail ?? undefined}>
      <span className="text-xs text-slate-500">{who}</span>
      <Badge tone={TONES[verdict.status]}>{verdict.status}</Badge>
    </span>
  );
}

/** Golden questions: the project's saved questions with expected answers, and whether Ask still gets them right. */
export function GoldenPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  useDocumentTitle('Golden questions', project?.name);
  const list = useGoldenQuestions(projectId);
  const create = useCreateGoldenQuestion(projectId);
  const remove = useDeleteGoldenQuestion(projectId);
  const run = useRunGoldenQuestions(projectId);
  const [question, setQuestion] = useState('');
  const [expectedSql, setExpectedSql] = useState('');
  const [ordered, setOrdered] = useState(false);
  const owner = project?.role === 'owner';
  const verdicts = new Map((run.data?.items ?? []).map((item) => [item.id, item]));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!question.trim() || !expectedSql.trim()) return;
    create.mutate(
      { question: question.trim(), expectedSql: expectedSql.trim(), ordered },
      {
        onSuccess: () => {
          setQuestion('');
          setExpectedSql('');
          setOrdered(false);
        },
      },
    );
  };

  return (
    <>
      <PageHeader
        title="Golden questions"
        description="Questions with their expected answer: run them to see whether Ask still answers each one right on this project's data."
        actions={
          <Button
            onClick={() => run.mutate()}
            loading={run.isPending}
            disabled={(list.data ?? []).length === 0}
          >
            {!run.isPending && <Play className="h-4 w-4" aria-hidden="true" />}
            Run all
          </Button>
        }
      />
      {run.data && (
        <p role="status" className="mb-4 text-sm">
          {`Planner: ${run.data.plannerPassed} of ${run.data.total} right`}
          {run.data.modelPassed != null &&
            `; model: ${run.data.modelPassed} of ${run.data.total} right`}
        </p>
      )}
      {run.error && <ErrorMessage error={run.error} />}
      {list.isPending && <Spinner />}
      {list.error && <ErrorMessage error={list.error} onRetry={() => void list.refetch()} />}
      {list.data?.length === 0 && (
        <p className="text-sm text-slate-500">No golden questions yet.</p>
      )}
      <ul aria-label="Golden questions" className="mb-8 space-y-2">
        {list.data?.map((g) => {
          const v = verdicts.get(g.id);
          return (
            <li key={g.id} className="rounded-md border border-slate-200 p-3 dark:border-slate-700">
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-medium">{g.question}</span>
                <span className="flex items-center gap-3">
                  <Verdict who="planner" verdict={v?.planner} />
                  <Verdict who="model" verdict={v?.model} />
                  {owner && (
                    <Button
                      variant="secondary"
                      size="sm"
                      aria-label={`Delete ${g.question}`}
                      onClick={() => remove.mutate(g.id)}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden="true" />
                    </Button>
                  )}
                </span>
              </div>
              <pre className="mt-1 overflow-x-auto text-xs text-slate-600 dark:text-slate-400">
                {g.expectedSql}
              </pre>
              {v?.planner?.detail && v.planner.status !== 'pass' && (
                <p className="mt-1 text-xs text-slate-600">{v.planner.detail}</p>
              )}
            </li>
          );
        })}
      </ul>
      {owner && (
        <form onSubmit={submit} aria-label="Add a golden question" className="max-w-2xl space-y-3">
          <h2 className="text-base font-semibold">Add a golden question</h2>
          <TextField
            label="Question"
            value={question}
            maxLength={1000}
            onChange={(e) => setQuestion(e.target.value)}
          />
          <TextAreaField
            label="Expected answer (SQL)"
            rows={3}
            value={expectedSql}
            onChange={(e) => setExpectedSql(e.target.value)}
          />
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={ordered}
              onChange={(e) => setOrdered(e.target.checked)}
            />
            The order of the rows is part of the answer
          </label>
          {create.error && <ErrorMessage error={create.error} />}
          <Button
            type="submit"
            loading={create.isPending}
            disabled={!question.trim() || !expectedSql.trim()}
          >
            Save
          </Button>
        </form>
      )}
    </>
  );
}
