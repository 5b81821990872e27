import type { Schema } from './api/types';

export type Role = Schema<'Role'>;

export const ROLES: readonly Role[] = ['owner', 'editor', 'viewer'];

export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  editor: 'Editor',
  viewer: 'Viewer',
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  owner: 'Can change everything, including members and deleting the project.',
  editor: 'Can change the project and its data.',
  viewer: 'Can look, not change.',
};

export const ROLE_OPTIONS = ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** Rename, describe, and (later) upload data: owners and editors. */
export function canEditProject(role: Role | undefined): boolean {
  return role === 'owner' || role === 'editor';
}

/** Delete the project and manage members: owners only. */
export function canManageProject(role: Role | undefined): boolean {
  return role === 'owner';
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
