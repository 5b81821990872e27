import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ask, getThread, listThreads } from '../api/ask-api';
import { answerExchange, refusedExchange } from '../exchange';
import type { AskExchange, AskRequest, Thread } from '../types';

/** Conversations live under the project: ['projects', id, 'threads'(, threadId)]. */
export const askKeys = {
  threads: (projectId: string) => ['projects', projectId, 'threads'] as const,
  thread: (projectId: string, threadId: string) =>
    ['projects', projectId, 'threads', threadId] as const,
};

export function useThreads(projectId: string) {
  return useQuery({ queryKey: askKeys.threads(projectId), queryFn: () => listThreads(projectId) });
}

export function useThread(projectId: string, threadId: string | null) {
  return useQuery({
    queryKey: askKeys.thread(projectId, threadId ?? ''),
    queryFn: () => getThread(projectId, threadId ?? ''),
    enabled: threadId !== null,
  });
}

/**
 * Asks a question. The exchange (answered, or refused with a 422 the server logged in the
 * thread) is appended to the thread's cached copy, so the conversation shows it at once and a
 * later refetch replaces it with the server's own record.
 */
export function useAsk(projectId: string) {
  const queryClient = useQueryClient();
  const append = (exchange: AskExchange) => {
    if (!exchange.threadId) return;
    queryClient.setQueryData<Thread>(askKeys.thread(projectId, exchange.threadId), (thread) => ({
      ...thread,
      id: exchange.threadId ?? undefined,
      exchanges: [...(thread?.exchanges ?? []), exchange],
    }));
    void queryClient.invalidateQueries({ queryKey: askKeys.threads(projectId), exact: true });
  };
  return useMutation({
    mutationFn: (body: AskRequest) => ask(projectId, body),
    onSuccess: (answer, body) => append(answerExchange(body.question, answer)),
    onError: (error, body) => {
      const refused = refusedExchange(body.question, error);
      if (refused) append(refused);
    },
  });
}
