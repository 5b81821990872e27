import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createGoldenQuestion,
  deleteGoldenQuestion,
  listGoldenQuestions,
  runGoldenQuestions,
} from '../api/ask-api';
import type { NewGoldenQuestion } from '../types';

/** Golden questions live under the project: ['projects', id, 'golden-questions']. */
export const goldenKeys = {
  all: (projectId: string) => ['projects', projectId, 'golden-questions'] as const,
};

export function useGoldenQuestions(projectId: string) {
  return useQuery({
    queryKey: goldenKeys.all(projectId),
    queryFn: () => listGoldenQuestions(projectId),
  });
}

export function useCreateGoldenQuestion(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewGoldenQuestion) => createGoldenQuestion(projectId, body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldenKeys.all(projectId) }),
  });
}

export function useDeleteGoldenQuestion(projectId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (goldenId: number) => deleteGoldenQuestion(projectId, goldenId),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: goldenKeys.all(projectId) }),
  });
}

/** A run is an action, not cached data: its verdicts are shown until the next run. */
export function useRunGoldenQuestions(projectId: string) {
  return useMutation({ mutationFn: () => runGoldenQuestions(projectId) });
}
