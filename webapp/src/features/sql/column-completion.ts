import type { Completion, CompletionContext, CompletionResult } from '@codemirror/autocomplete';

/**
 * Completion of the project's column and table names anywhere in a statement — after SELECT,
 * in WHERE, GROUP BY, ORDER BY — not only after `table.` (which the SQL language's own schema
 * completion handles, with the table names). A column found in several tables is offered once,
 * naming them all.
 */
export function columnOptions(schema: Record<string, readonly string[]>): Completion[] {
  const tablesOf = new Map<string, string[]>();
  for (const [table, columns] of Object.entries(schema)) {
    for (const column of columns) {
      const tables = tablesOf.get(column) ?? [];
      tables.push(table);
      tablesOf.set(column, tables);
    }
  }
  return [...tablesOf].map(([column, tables]) => ({
    label: column,
    type: 'property',
    detail: tables.join(', '),
    boost: 1,
  }));
}

export function columnCompletion(schema: Record<string, readonly string[]>) {
  const options = columnOptions(schema);
  return (context: CompletionContext): CompletionResult | null => {
    const word = context.matchBefore(/[A-Za-z_][\w$]*/);
    if (!word && !context.explicit) return null;
    const from = word ? word.from : context.pos;
    // `alias.col` is the language's own completion; a quoted or commented word is not a name.
    if (from > 0 && context.state.sliceDoc(from - 1, from) === '.') return null;
    return { from, options, validFor: /^[\w$]*$/ };
  };
}
