const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTime.format(date);
}

export function formatDate(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateOnly.format(date);
}

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** 1250000 → "1,250,000" (in the reader's locale). */
export function formatNumber(value: number): string {
  return integer.format(value);
}

const UNITS = ['bytes', 'KB', 'MB', 'GB'] as const;

/**
 * Sizes as people read them: "42 MB", "3.4 MB", "812 KB". Decimal units (1 MB = 1,000,000 bytes),
 * like the operating systems that show file sizes in their file pickers.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  if (unit === 0) return `${bytes} ${bytes === 1 ? 'byte' : 'bytes'}`;
  const digits = value < 10 ? 1 : 0;
  return `${value.toFixed(digits).replace(/\.0$/, '')} ${UNITS[unit]}`;
}

/**
 * Any result value as text: strings as they are, numbers and booleans as JavaScript prints them,
 * objects and arrays (json columns) as JSON, and NULL as `nullText`.
 */
export function cellText(value: unknown, nullText = 'NULL'): string {
  if (value === null || value === undefined) return nullText;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
    case 'boolean':
    case 'bigint':
      return value.toString();
    case 'object':
      return JSON.stringify(value);
    default:
      return '';
  }
}
