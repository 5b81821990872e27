import type { paths } from '@/lib/api/schema';
import type { Schema } from '@/lib/api/types';

export type Dataset = Schema<'Dataset'>;
export type DatasetStatus = Dataset['status'];
export type DatasetColumn = Schema<'Column'>;
export type ColumnType = Schema<'ColumnType'>;
export type DatasetProfile = Schema<'DatasetProfile'>;
export type ColumnProfile = NonNullable<DatasetProfile['columns']>[number];

type Json<Response> = Response extends { content: { 'application/json': infer Body } }
  ? Body
  : never;

export type DatasetVersion = Json<
  paths['/api/v1/projects/{projectId}/datasets/{datasetId}/versions']['get']['responses']['200']
>['items'][number];
export type RowsPage = Json<
  paths['/api/v1/projects/{projectId}/datasets/{datasetId}/rows']['get']['responses']['200']
>;
export type VersionMode = 'replace' | 'append';

export interface ColumnTypeChange {
  name: string;
  type: ColumnType;
}

/** One value that did not convert to its (overridden) type, as listed in a 422's `details.failures`. */
export interface ConversionFailure {
  line?: number;
  column?: string;
  /** null when the cell was empty. */
  value?: string | null;
  type?: string;
}
