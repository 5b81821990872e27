import { api, unwrap } from '@/lib/api/client';
import type { AskAnswer, AskRequest, Thread, ThreadSummary } from '../types';

export function ask(projectId: string, body: AskRequest): Promise<AskAnswer> {
  return unwrap(api.POST('/api/v1/projects/{projectId}/ask', { params: { path: { projectId } }, body }));
}

export async function listThreads(projectId: string): Promise<ThreadSummary[]> {
  const page = await unwrap(api.GET('/api/v1/projects/{projectId}/threads', { params: { path: { projectId } } }));
  return page.items;
}

export function getThread(projectId: string, threadId: string): Promise<Thread> {
  return unwrap(api.GET('/api/v1/projects/{projectId}/threads/{threadId}', { params: { path: { projectId, threadId } } }));
}
