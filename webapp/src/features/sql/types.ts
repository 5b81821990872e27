import type { paths } from '@/lib/api/schema';
import type { Schema } from '@/lib/api/types';

export type QueryRequest = Schema<'QueryRequest'>;
export type QueryResult = Schema<'QueryResult'>;
export type QueryColumn = Schema<'QueryColumn'>;
export type QueryJob = Schema<'QueryJob'>;
export type QueryJobStatus = Schema<'QueryJobStatus'>;

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type QueryJobAccepted = Json<
  paths['/api/v1/projects/{projectId}/query/jobs']['post']['responses']['202']
>;
export type QueryJobResult = Json<
  paths['/api/v1/projects/{projectId}/query/jobs/{jobId}/result']['get']['responses']['200']
>;
export type ExportFormat = 'csv' | 'xlsx';
