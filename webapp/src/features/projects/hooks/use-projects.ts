import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '../api/projects-api';
import type { Project, UpdateProjectInput } from '../types';

export const projectKeys = {
  all: ['projects'] as const,
  detail: (projectId: string) => ['projects', projectId] as const,
};

export function useProjects() {
  return useQuery({ queryKey: projectKeys.all, queryFn: listProjects });
}

export function useProject(projectId: string) {
  const queryClient = useQueryClient();
  return useQuery({
    queryKey: projectKeys.detail(projectId),
    queryFn: () => getProject(projectId),
    // Show what the list already knows while the project itself loads.
    placeholderData: () =>
      queryClient
        .getQueryData<Project[]>(projectKeys.all)
        ?.find((project) => project.id === projectId),
  });
}

function useReplaceInCache() {
  const queryClient = useQueryClient();
  return (project: Project) => {
    queryClient.setQueryData(projectKeys.detail(project.id), project);
    queryClient.setQueryData<Project[]>(projectKeys.all, (list) =>
      list
        ? list.some((p) => p.id === project.id)
          ? list.map((p) => (p.id === project.id ? project : p))
          : [project, ...list]
        : list,
    );
  };
}

export function useCreateProject() {
  const queryClient = useQueryClient();
  const replace = useReplaceInCache();
  return useMutation({
    mutationFn: createProject,
    onSuccess: (project) => {
      replace(project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
    },
  });
}

export function useUpdateProject(projectId: string) {
  const queryClient = useQueryClient();
  const replace = useReplaceInCache();
  return useMutation({
    mutationFn: (changes: UpdateProjectInput) => updateProject(projectId, changes),
    onSuccess: (project) => {
      replace(project);
      void queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
      void queryClient.invalidateQueries({ queryKey: [...projectKeys.detail(projectId), 'audit'] });
    },
  });
}

export function useDeleteProject() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (project: Project) => deleteProject(project.id),
    onSuccess: (_data, project) => {
      queryClient.setQueryData<Project[]>(projectKeys.all, (list) =>
        list?.filter((p) => p.id !== project.id),
      );
      void queryClient.invalidateQueries({ queryKey: projectKeys.all, exact: true });
    },
  });
}
