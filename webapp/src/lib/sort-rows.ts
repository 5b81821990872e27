export type SortDirection = 'ascending' | 'descending';

export interface RowSort {
  column: number;
  direction: SortDirection;
}

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
const numeric = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * Compares two result values: numbers (and exact numbers sent as strings) by value, booleans
 * false before true, text by the reader's collation with digits read as numbers. NULL sorts last
 * whichever the direction, as a person scanning for values expects.
 */
export function compareValues(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = typeof a === 'string' ? a : JSON.stringify(a);
  const right = typeof b === 'string' ? b : JSON.stringify(b);
  if (numeric.test(left) && numeric.test(right)) return Number(left) - Number(right);
  return collator.compare(left, right);
}

/** The rows in the asked order (a stable sort; the input is not changed). */
export function sortRows<Row extends readonly unknown[]>(
  rows: readonly Row[],
  sort: RowSort | null,
): readonly Row[] {
  if (!sort) return rows;
  const sign = sort.direction === 'ascending' ? 1 : -1;
  const isNull = (value: unknown) => value === null || value === undefined;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((x, y) => {
      const a = x.row[sort.column];
      const b = y.row[sort.column];
      if (isNull(a) || isNull(b)) {
        if (isNull(a) && isNull(b)) return x.index - y.index;
        return isNull(a) ? 1 : -1;
      }
      return sign * compareValues(a, b) || x.index - y.index;
    })
    .map(({ row }) => row);
}

/** The next sort after a click on a column's header: ascending, descending, then as it came. */
export function nextSort(current: RowSort | null, column: number): RowSort | null {
  if (current?.column !== column) return { column, direction: 'ascending' };
  return current.direction === 'ascending' ? { column, direction: 'descending' } : null;
}
