/** The SQL section with `sql` prefilled (how other features open a query in the editor). */
export function sqlEditorPath(projectId: string, sql: string): string {
  return `/projects/${projectId}/sql?${new URLSearchParams({ sql }).toString()}`;
}
