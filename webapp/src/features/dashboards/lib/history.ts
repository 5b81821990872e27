/**
 * Undo/redo of the edited dashboard document: immutable snapshots, at most `limit` steps back.
 * Steps with the same `group` in a row (typing in a text widget, a resize in several moves)
 * merge into one, so one undo takes back the whole edit.
 */
export interface History<T> {
  readonly past: readonly T[];
  readonly present: T;
  readonly future: readonly T[];
  readonly limit: number;
  /** The group of the last step, if it may merge with the next one. */
  readonly group: string | null;
}

export const DEFAULT_HISTORY_LIMIT = 100;

export function createHistory<T>(present: T, limit = DEFAULT_HISTORY_LIMIT): History<T> {
  return { past: [], present, future: [], limit: Math.max(1, limit), group: null };
}

/** A new present after an edit; the redo steps are dropped. The same value is no step. */
export function record<T>(history: History<T>, next: T, group?: string): History<T> {
  if (Object.is(next, history.present)) return history;
  if (group !== undefined && group === history.group && history.past.length > 0)
    return { ...history, present: next, future: [] };
  const past = [...history.past, history.present];
  return {
    ...history,
    past: past.length > history.limit ? past.slice(past.length - history.limit) : past,
    present: next,
    future: [],
    group: group ?? null,
  };
}

export function canUndo(history: History<unknown>): boolean {
  return history.past.length > 0;
}

export function canRedo(history: History<unknown>): boolean {
  return history.future.length > 0;
}

export function undo<T>(history: History<T>): History<T> {
  const previous = history.past[history.past.length - 1];
  if (history.past.length === 0) return history;
  return {
    ...history,
    past: history.past.slice(0, -1),
    present: previous as T,
    future: [history.present, ...history.future],
    group: null,
  };
}

export function redo<T>(history: History<T>): History<T> {
  if (history.future.length === 0) return history;
  const [next, ...future] = history.future;
  return {
    ...history,
    past: [...history.past, history.present],
    present: next as T,
    future,
    group: null,
  };
}

/** Start again from `present` (after a save or a load): nothing to undo. */
export function resetHistory<T>(history: History<T>, present: T): History<T> {
  return createHistory(present, history.limit);
}
