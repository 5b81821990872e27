import { create } from 'zustand';
import type { Dashboard } from '@/lib/api/dashboards';
import { canRedo, canUndo, createHistory, record, redo, undo, type History } from './lib/history';

/** The part of a dashboard that edit mode changes (and a save sends). */
export type DashboardDraft = Pick<
  Dashboard,
  'name' | 'description' | 'columns' | 'refreshSeconds' | 'widgets' | 'filters'
>;

export function draftOf(dashboard: DashboardDraft): DashboardDraft {
  const { name, description, columns, refreshSeconds, widgets, filters } = dashboard;
  return { name, description, columns, refreshSeconds, widgets, filters };
}

interface EditState {
  /** The dashboard being edited, with the version the edit started from. */
  dashboardId: string | null;
  baseVersion: number;
  history: History<DashboardDraft> | null;
  begin: (dashboard: Dashboard) => void;
  /** Record an edit; edits of the same `group` in a row undo together (typing). */
  change: (update: (draft: DashboardDraft) => DashboardDraft, group?: string) => void;
  undo: () => void;
  redo: () => void;
  /** After a save: continue from the saved version with nothing to undo. */
  rebase: (dashboard: Dashboard) => void;
  end: () => void;
}

/** Edit mode's UI state: the draft and its undo/redo history (server data stays in React Query). */
export const useEditStore = create<EditState>((set) => ({
  dashboardId: null,
  baseVersion: 0,
  history: null,
  begin: (dashboard) =>
    set({
      dashboardId: dashboard.id,
      baseVersion: dashboard.version,
      history: createHistory(draftOf(dashboard)),
    }),
  change: (update, group) =>
    set((state) =>
      state.history ? { history: record(state.history, update(state.history.present), group) } : {},
    ),
  undo: () => set((state) => (state.history ? { history: undo(state.history) } : {})),
  redo: () => set((state) => (state.history ? { history: redo(state.history) } : {})),
  rebase: (dashboard) =>
    set({
      dashboardId: dashboard.id,
      baseVersion: dashboard.version,
      history: createHistory(draftOf(dashboard)),
    }),
  end: () => set({ dashboardId: null, baseVersion: 0, history: null }),
}));

export const selectCanUndo = (state: EditState) => (state.history ? canUndo(state.history) : false);
export const selectCanRedo = (state: EditState) => (state.history ? canRedo(state.history) : false);
/** Whether the draft differs from the version it started from. */
export const selectDirty = (state: EditState) => (state.history?.past.length ?? 0) > 0;
