import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { projectKeys } from '@/features/projects';
import { isApiError } from '@/lib/api/api-error';
import type { Role } from '@/lib/roles';
import { addMember, listMembers, removeMember, updateMemberRole } from '../api/members-api';
import type { AddMemberInput } from '../types';

export const memberKeys = {
  list: (projectId: string) => ['projects', projectId, 'members'] as const,
};

export function useMembers(projectId: string) {
  return useQuery({ queryKey: memberKeys.list(projectId), queryFn: () => listMembers(projectId) });
}

/** After any change (or a 403 that says our role changed) re-read members, the project and its activity. */
function useRefreshProject(projectId: string) {
  const queryClient = useQueryClient();
  return {
    onSuccess: () => queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) }),
    onError: (error: unknown) => {
      if (isApiError(error, 403) || isApiError(error, 404))
        void queryClient.invalidateQueries({ queryKey: projectKeys.detail(projectId) });
    },
  };
}

export function useAddMember(projectId: string) {
  return useMutation({
    mutationFn: (input: AddMemberInput) => addMember(projectId, input),
    ...useRefreshProject(projectId),
  });
}

export function useUpdateMemberRole(projectId: string) {
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      updateMemberRole(projectId, userId, role),
    ...useRefreshProject(projectId),
  });
}

export function useRemoveMember(projectId: string) {
  return useMutation({
    mutationFn: (userId: string) => removeMember(projectId, userId),
    ...useRefreshProject(projectId),
  });
}
