import { ApiError } from '@/lib/api/api-error';

/** A heading a person understands for each way a query can be refused or fail. */
const TITLES: Record<string, string> = {
  syntax_error: 'Syntax error',
  unsupported_syntax: 'This SQL is not supported here',
  only_select: 'Only SELECT queries can run here',
  multiple_statements: 'Run one statement at a time',
  empty_query: 'Nothing to run',
  function_not_allowed: 'A function in this query is not allowed',
  type_not_allowed: 'A type in this query is not allowed',
  table_not_allowed: 'This query reads a table outside the project',
  unknown_table: 'No such table in this project',
  permission_denied: 'This query reads something the project cannot',
  query_too_complex: 'The query is too complex',
  query_too_long: 'The query is too long',
  query_timeout: 'The query took too long',
  query_failed: 'The database could not run the query',
  datasets_changing: 'A dataset is being loaded; try again in a moment',
  rate_limited: 'Too many queries; wait a moment',
  project_busy: 'The project is running many queries; wait a moment',
  overloaded: 'The server is busy; try again in a moment',
  validation_failed: 'The request was not valid',
};

/** The heading above a failed query's message; the server's own words follow it. */
export function queryErrorTitle(error: unknown): string {
  if (error instanceof ApiError) return TITLES[error.code] ?? 'The query failed';
  return 'The query failed';
}
