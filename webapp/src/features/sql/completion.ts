import type { Dataset } from '@/features/datasets';

/** What the SQL completion offers: every loaded dataset's table name with its column names. */
export function completionSchema(
  datasets: readonly Dataset[] | undefined,
): Record<string, string[]> {
  const schema: Record<string, string[]> = {};
  for (const dataset of datasets ?? []) {
    if (dataset.columns.length === 0) continue;
    schema[dataset.tableName] = dataset.columns.map((column) => column.name);
  }
  return schema;
}

/** A first query for an empty editor, from the first dataset. */
export function starterSql(datasets: readonly Dataset[] | undefined): string {
  const first = datasets?.find((dataset) => dataset.columns.length > 0);
  return first ? `SELECT *\nFROM ${first.tableName}\nLIMIT 100` : '';
}
