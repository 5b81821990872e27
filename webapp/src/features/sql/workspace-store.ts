import { create } from 'zustand';
import { createJSONStorage, persist } from 'zustand/middleware';
import type { SqlOutcome } from './hooks/use-run-sql';

/** How many queries the history keeps per project. */
export const HISTORY_SIZE = 50;
/** How many rows of a tab's last result are kept across reloads (the rest is run again). */
export const SAVED_ROWS = 500;
/** The SQL text kept per tab and per history entry; longer text is kept whole only in memory. */
const MAX_SQL_CHARS = 100_000;

export interface SqlTab {
  id: string;
  title: string;
  sql: string;
  limit: string;
  /** The last result, cut to SAVED_ROWS rows (`savedRows` says how many were kept). */
  result: (SqlOutcome & { savedRows: number }) | null;
}

export interface HistoryEntry {
  sql: string;
  /** RFC 3339 time of the run. */
  at: string;
}

interface ProjectWorkspace {
  tabs: SqlTab[];
  activeId: string;
  history: HistoryEntry[];
}

interface WorkspaceState {
  projects: Record<string, ProjectWorkspace>;
  /** Creates the project's workspace (one empty tab) if it has none yet. */
  ensure: (projectId: string) => void;
  openTab: (projectId: string, sql?: string) => string;
  closeTab: (projectId: string, tabId: string) => void;
  selectTab: (projectId: string, tabId: string) => void;
  updateTab: (projectId: string, tabId: string, patch: Partial<Omit<SqlTab, 'id'>>) => void;
  saveResult: (projectId: string, tabId: string, outcome: SqlOutcome) => void;
  recordRun: (projectId: string, sql: string, at?: Date) => void;
  clearHistory: (projectId: string) => void;
}

let counter = 0;
const newId = () => `t${Date.now().toString(36)}${(counter++).toString(36)}`;

/** A tab's title: the first table after FROM, else "Query N". */
export function tabTitle(sql: string, fallback: string): string {
  const match = /\bfrom\s+("?)([A-Za-z_][\w$]*)\1/i.exec(sql);
  return match?.[2] ?? fallback;
}

function blankTab(index: number, sql = ''): SqlTab {
  const fallback = `Query ${index}`;
  return { id: newId(), title: tabTitle(sql, fallback), sql, limit: '1000', result: null };
}

/** The workspace of a project, created with one empty tab on first use. */
export function workspaceOf(
  projects: Record<string, ProjectWorkspace>,
  projectId: string,
): ProjectWorkspace {
  const existing = projects[projectId];
  if (existing && existing.tabs.length > 0) return existing;
  const tab = blankTab(1);
  return { tabs: [tab], activeId: tab.id, history: existing?.history ?? [] };
}

/** The history after one more run: newest first, a repeated query moves to the top, at most 50. */
export function withRun(history: readonly HistoryEntry[], sql: string, at: Date): HistoryEntry[] {
  const text = sql.trim();
  if (!text) return [...history];
  const rest = history.filter((entry) => entry.sql !== text);
  return [{ sql: text.slice(0, MAX_SQL_CHARS), at: at.toISOString() }, ...rest].slice(
    0,
    HISTORY_SIZE,
  );
}

/** What a tab keeps of a result: its first SAVED_ROWS rows, and how many those are. */
export function savedResult(outcome: SqlOutcome): SqlTab['result'] {
  const rows = outcome.rows.slice(0, SAVED_ROWS);
  return { ...outcome, rows, savedRows: rows.length };
}

/** localStorage that drops a write it cannot make instead of throwing into the page. */
const quietStorage: Storage = {
  get length() {
    return localStorage.length;
  },
  clear: () => localStorage.clear(),
  key: (index) => localStorage.key(index),
  getItem: (key) => localStorage.getItem(key),
  removeItem: (key) => localStorage.removeItem(key),
  setItem: (key, value) => {
    try {
      localStorage.setItem(key, value);
    } catch {
      // Over quota: the workspace stays in memory; the next smaller write is kept again.
    }
  },
};

/**
 * The SQL page's work per project — tabs with their text, row limit and last result, and the
 * history of runs — kept in localStorage (`as.sql`) so it survives navigation and reloads.
 * A browser that refuses to store (quota, private mode) keeps it in memory for the session.
 */
export const useSqlWorkspace = create<WorkspaceState>()(
  persist(
    (set, get) => {
      const change = (projectId: string, update: (ws: ProjectWorkspace) => ProjectWorkspace) =>
        set((state) => ({
          projects: {
            ...state.projects,
            [projectId]: update(workspaceOf(state.projects, projectId)),
          },
        }));
      return {
        projects: {},
        ensure: (projectId) => {
          if (!get().projects[projectId]?.tabs.length) change(projectId, (ws) => ws);
        },
        openTab: (projectId, sql = '') => {
          const ws = workspaceOf(get().projects, projectId);
          const tab = blankTab(ws.tabs.length + 1, sql.slice(0, MAX_SQL_CHARS));
          change(projectId, (current) => ({
            ...current,
            tabs: [...current.tabs, tab],
            activeId: tab.id,
          }));
          return tab.id;
        },
        closeTab: (projectId, tabId) =>
          change(projectId, (ws) => {
            const index = ws.tabs.findIndex((tab) => tab.id === tabId);
            if (index < 0) return ws;
            const tabs = ws.tabs.filter((tab) => tab.id !== tabId);
            if (tabs.length === 0) {
              const tab = blankTab(1);
              return { ...ws, tabs: [tab], activeId: tab.id };
            }
            const activeId =
              ws.activeId === tabId
                ? (tabs[Math.min(index, tabs.length - 1)]?.id ?? ws.activeId)
                : ws.activeId;
            return { ...ws, tabs, activeId };
          }),
        selectTab: (projectId, tabId) =>
          change(projectId, (ws) =>
            ws.tabs.some((tab) => tab.id === tabId) ? { ...ws, activeId: tabId } : ws,
          ),
        updateTab: (projectId, tabId, patch) =>
          change(projectId, (ws) => ({
            ...ws,
            tabs: ws.tabs.map((tab, index) => {
              if (tab.id !== tabId) return tab;
              const next = { ...tab, ...patch };
              if (patch.sql !== undefined) next.title = tabTitle(patch.sql, `Query ${index + 1}`);
              return next;
            }),
          })),
        saveResult: (projectId, tabId, outcome) =>
          change(projectId, (ws) => ({
            ...ws,
            tabs: ws.tabs.map((tab) =>
              tab.id === tabId ? { ...tab, result: savedResult(outcome) } : tab,
            ),
          })),
        recordRun: (projectId, sql, at = new Date()) =>
          change(projectId, (ws) => ({ ...ws, history: withRun(ws.history, sql, at) })),
        clearHistory: (projectId) => change(projectId, (ws) => ({ ...ws, history: [] })),
      };
    },
    {
      name: 'as.sql',
      version: 1,
      storage: createJSONStorage(() => quietStorage),
    },
  ),
);
