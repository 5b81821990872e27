import type { Schema } from '@/lib/api/types';

export type Project = Schema<'Project'>;

export interface CreateProjectInput {
  name: string;
  description?: string;
}

export interface UpdateProjectInput {
  name?: string;
  description?: string | null;
}
