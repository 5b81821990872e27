import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { DashboardFilter } from '@/lib/api/dashboards';
import {
  readFilterState,
  writeFilterState,
  type DashboardFilterState,
  type FilterDefinition,
} from '../lib/filter-state';

/** The dashboard's filter state, kept in the URL so a link shows what its sender saw. */
export function useFilterState(filters: readonly DashboardFilter[]) {
  const [params, setParams] = useSearchParams();
  const definitions = filters as readonly FilterDefinition[];
  const state = useMemo(() => readFilterState(params, definitions), [params, definitions]);
  const setState = useCallback(
    (update: (state: DashboardFilterState) => DashboardFilterState) =>
      setParams((current) =>
        writeFilterState(current, definitions, update(readFilterState(current, definitions))),
      ),
    [setParams, definitions],
  );
  return [state, setState] as const;
}
