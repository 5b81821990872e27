/** Quotes a name that PostgreSQL would otherwise fold or refuse (`"Order Date"`). */
export function sqlName(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}
