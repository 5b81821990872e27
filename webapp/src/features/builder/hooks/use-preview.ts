import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { semanticQuery, type SemanticQuery, type SemanticResult } from '@/features/model';

/** How long the builder waits after the last change before it asks for a preview. */
export const PREVIEW_DEBOUNCE_MS = 300;

/** The value, once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The builder's live preview: the semantic query run through the guarded path, debounced, with
 * the previous answer kept on screen while the next one runs. A request whose query is no longer
 * the current one is aborted (React Query cancels a query whose signal was used once nobody
 * watches it).
 */
export function usePreview(projectId: string, query: SemanticQuery | null) {
  const settled = useDebounced(query, PREVIEW_DEBOUNCE_MS);
  return useQuery<SemanticResult>({
    queryKey: ['projects', projectId, 'builder-preview', settled ? JSON.stringify(settled) : null],
    queryFn: ({ signal }) =>
      settled ? semanticQuery(projectId, settled, signal) : Promise.reject(new Error('no query')),
    enabled: settled !== null,
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    retry: false,
  });
}

/** Distinct values of a dimension that contain `search`, for a text filter's picker. */
export function useDimensionValues(
  projectId: string,
  dataset: string,
  member: string,
  search: string,
) {
  const settled = useDebounced(search.trim(), PREVIEW_DEBOUNCE_MS);
  return useQuery({
    queryKey: ['projects', projectId, 'builder-values', dataset, member, settled],
    queryFn: ({ signal }) =>
      semanticQuery(
        projectId,
        {
          dataset,
          dimensions: [member],
          ...(settled
            ? { filters: [{ member, operator: 'contains' as const, values: [settled] }] }
            : {}),
          order: [{ member, direction: 'asc' }],
          limit: 50,
        },
        signal,
      ),
    select: (result) => result.rows.map((row) => row[0]),
    staleTime: 60_000,
    retry: false,
  });
}
