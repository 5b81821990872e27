import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDebounced } from '@/lib/use-debounced';
import { semanticQuery, type SemanticQuery, type SemanticResult } from '@/features/model';

/**
 * How long the builder waits after the last of a burst of changes before it asks for a preview;
 * the first change after a quiet spell (a click) is previewed at once.
 */
export const PREVIEW_DEBOUNCE_MS = 300;

/**
 * The builder's live preview: the semantic query run through the guarded path, debounced, with
 * the previous answer kept on screen while the next one runs. A request whose query is no longer
 * the current one is aborted (React Query cancels a query whose signal was used once nobody
 * watches it).
 */
export function usePreview(projectId: string, query: SemanticQuery | null) {
  const settled = useDebounced(query, PREVIEW_DEBOUNCE_MS, { leading: true });
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
