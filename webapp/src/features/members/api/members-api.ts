import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type { Role } from '@/lib/roles';
import type { AddMemberInput, Member } from '../types';

export function listMembers(projectId: string): Promise<Member[]> {
  return allItems((query) =>
    unwrap(
      api.GET('/api/v1/projects/{projectId}/members', { params: { path: { projectId }, query } }),
    ),
  );
}

export function addMember(projectId: string, input: AddMemberInput): Promise<Member> {
  return unwrap(
    api.POST('/api/v1/projects/{projectId}/members', {
      params: { path: { projectId } },
      body: input,
    }),
  );
}

export function updateMemberRole(projectId: string, userId: string, role: Role): Promise<Member> {
  return unwrap(
    api.PATCH('/api/v1/projects/{projectId}/members/{userId}', {
      params: { path: { projectId, userId } },
      body: { role },
    }),
  );
}

export async function removeMember(projectId: string, userId: string): Promise<void> {
  await unwrap(
    api.DELETE('/api/v1/projects/{projectId}/members/{userId}', {
      params: { path: { projectId, userId } },
    }),
  );
}
