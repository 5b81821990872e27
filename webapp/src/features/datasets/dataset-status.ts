import type { ColumnType, Dataset, DatasetStatus } from './types';

const LOADING: readonly DatasetStatus[] = ['receiving', 'parsing', 'loading'];

/** True while the server is still receiving, parsing or loading the file. */
export function isInProgress(status: DatasetStatus | undefined): boolean {
  return status !== undefined && LOADING.includes(status);
}

/** Rows, schema and profile can be read once a version is live, even if a later load failed. */
export function hasData(dataset: Pick<Dataset, 'version'>): boolean {
  return dataset.version > 0;
}

export const STATUS_LABELS: Record<DatasetStatus, string> = {
  receiving: 'Receiving',
  parsing: 'Parsing',
  loading: 'Loading',
  ready: 'Ready',
  failed: 'Failed',
};

export const COLUMN_TYPES: readonly ColumnType[] = [
  'integer',
  'decimal',
  'boolean',
  'date',
  'timestamp',
  'text',
];

export const COLUMN_TYPE_LABELS: Record<ColumnType, string> = {
  integer: 'Integer',
  decimal: 'Decimal',
  boolean: 'Boolean',
  date: 'Date',
  timestamp: 'Timestamp',
  text: 'Text',
};

export function isColumnType(value: string): value is ColumnType {
  return (COLUMN_TYPES as readonly string[]).includes(value);
}

export const ACCEPTED_FILES = '.csv,.tsv,.txt,.xlsx,.xls';

/** The server's default MAX_UPLOAD_MB. The server decides; this only spares a doomed upload. */
export const MAX_UPLOAD_MB = 100;
export const MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024;
