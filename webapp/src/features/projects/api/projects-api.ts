import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type { CreateProjectInput, Project, UpdateProjectInput } from '../types';

export function listProjects(): Promise<Project[]> {
  return allItems((query) => unwrap(api.GET('/api/v1/projects', { params: { query } })));
}

export function getProject(projectId: string): Promise<Project> {
  return unwrap(api.GET('/api/v1/projects/{projectId}', { params: { path: { projectId } } }));
}

export function createProject(input: CreateProjectInput): Promise<Project> {
  return unwrap(api.POST('/api/v1/projects', { body: input }));
}

export function updateProject(projectId: string, changes: UpdateProjectInput): Promise<Project> {
  return unwrap(
    api.PATCH('/api/v1/projects/{projectId}', { params: { path: { projectId } }, body: changes }),
  );
}

export async function deleteProject(projectId: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/projects/{projectId}', { params: { path: { projectId } } }));
}
