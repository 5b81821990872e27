import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type {
  AskAnswer,
  AskRequest,
  GoldenQuestion,
  GoldenRun,
  NewGoldenQuestion,
  Thread,
  ThreadSummary,
} from '../types';

export function ask(projectId: string, body: AskRequest): Promise<AskAnswer> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/ask', { params: { path: { projectId } }, body }),
  );
}

export function listThreads(projectId: string): Promise<ThreadSummary[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/threads', { params: { path: { projectId }, query } }),
    ),
  );
}

export function getThread(projectId: string, threadId: string): Promise<Thread> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/threads/{threadId}', {
      params: { path: { projectId, threadId } },
    }),
  );
}

export function listGoldenQuestions(projectId: string): Promise<GoldenQuestion[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/golden-questions', {
        params: { path: { projectId }, query },
      }),
    ),
  );
}

export function createGoldenQuestion(
  projectId: string,
  body: NewGoldenQuestion,
): Promise<GoldenQuestion> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/golden-questions', {
      params: { path: { projectId } },
      body,
    }),
  );
}

export async function deleteGoldenQuestion(projectId: string, goldenId: number): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/golden-questions/{goldenId}', {
      params: { path: { projectId, goldenId } },
    }),
  );
}

export function runGoldenQuestions(projectId: string): Promise<GoldenRun> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/golden-questions/run', {
      params: { path: { projectId } },
    }),
  );
}
