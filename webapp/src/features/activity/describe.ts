import type { AuditEntry } from './types';

const ACTIONS: Record<string, string> = {
  'project.create': 'created the project',
  'project.update': 'changed the project',
  'project.delete': 'deleted the project',
  'member.add': 'added a member',
  'member.update': 'changed a member’s role',
  'member.remove': 'removed a member',
};

/** A sentence fragment for known actions; unknown ones fall back to the raw code. */
export function describeAction(action: string): string {
  return ACTIONS[action] ?? action;
}

export interface Change {
  field: string;
  before: string;
  after: string;
}

function show(value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The fields whose value differs between `before` and `after`. */
export function changesOf(entry: AuditEntry): Change[] {
  const before = entry.before ?? {};
  const after = entry.after ?? {};
  const fields = Array.from(new Set([...Object.keys(before), ...Object.keys(after)]));
  return fields
    .filter((field) => JSON.stringify(before[field]) !== JSON.stringify(after[field]))
    .filter((field) => !['updatedAt', 'createdAt', 'id'].includes(field))
    .map((field) => ({ field, before: show(before[field]), after: show(after[field]) }));
}
