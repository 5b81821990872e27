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

/** How every table, tooltip and label shows a NULL (charts name the category "(empty)"). */
export const NULL_TEXT = 'NULL';

/** A number format from the semantic model (`MeasureFormat`). */
export interface ValueFormat {
  type: 'number' | 'currency' | 'percent';
  decimals?: number;
  currency?: string;
}

/** What a formatter needs to know about a column: its type and, from a model, its format. */
export interface FormatColumn {
  /** Whole numbers in columns named like ids and years (`id`, `user_id`, `year`) get no separators. */
  name?: string;
  type?: string;
  format?: ValueFormat | null;
}

const INTEGER_TYPES = /^(integer|bigint|int\d?|smallint)$/i;
const PLAIN_INTEGER_NAMES = /(^|_)(id|year|yr|zip|zipcode|code)$/i;
const NUMERIC_TYPES =
  /^(integer|decimal|bigint|int\d?|numeric|double precision|real|smallint|float\d?|number)$/i;
const DATE_TYPES = /^date$/i;
const TIMESTAMP_TYPES = /^(timestamp|timestamptz|timestamp with(out)? time zone)$/i;

export const isNumericType = (type?: string) => NUMERIC_TYPES.test(type ?? '');
export const isTemporalType = (type?: string) =>
  DATE_TYPES.test(type ?? '') || TIMESTAMP_TYPES.test(type ?? '');

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(undefined, options);
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * Sensible decimals when nothing says otherwise: none for integers, two for most values and three
 * significant digits for small fractions — an average never shows PostgreSQL's 15 decimals.
 */
function defaultOptions(value: number, integer: boolean): [string, Intl.NumberFormatOptions] {
  if (integer || Number.isInteger(value)) return ['int', { maximumFractionDigits: 0 }];
  if (Math.abs(value) >= 1) return ['2dp', { maximumFractionDigits: 2 }];
  return ['3sig', { maximumSignificantDigits: 3 }];
}

/** A number with separators, decimals from the model format or the column type. */
export function formatValueNumber(value: number, column: FormatColumn = {}): string {
  const format = column.format;
  if (!format && Number.isInteger(value) && PLAIN_INTEGER_NAMES.test(column.name ?? ''))
    return String(value);
  if (format) {
    const digits = format.decimals;
    const fixed =
      digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    if (format.type === 'percent') {
      return numberFormat(`pct${digits ?? ''}`, {
        style: 'percent',
        maximumFractionDigits: 1,
        ...fixed,
      }).format(value);
    }
    if (format.type === 'currency' && format.currency) {
      return numberFormat(`cur${format.currency}${digits ?? ''}`, {
        style: 'currency',
        currency: format.currency,
        ...fixed,
      }).format(value);
    }
    if (digits !== undefined) return numberFormat(`fix${digits}`, fixed).format(value);
  }
  const [key, options] = defaultOptions(value, INTEGER_TYPES.test(column.type ?? ''));
  return numberFormat(key, options).format(value);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: 'UTC',
});

/**
 * A date or timestamp in the reader's locale, never with a `Z`. Values are shown as stored (the
 * wall time PostgreSQL holds), so a date never moves to the day before in a western time zone;
 * a timestamp at midnight reads as its date.
 */
export function formatTemporal(value: string | number | Date, type?: string): string {
  const date = value instanceof Date ? value : new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const midnight =
    date.getUTCHours() === 0 && date.getUTCMinutes() === 0 && date.getUTCSeconds() === 0;
  return DATE_TYPES.test(type ?? '') || midnight
    ? dateFormat.format(date)
    : dateTimeFormat.format(date);
}

/** Any result value for reading: numbers and dates formatted, NULL as {@link NULL_TEXT}. */
export function formatCell(value: unknown, column: FormatColumn = {}): string {
  if (value === null || value === undefined) return NULL_TEXT;
  if (isNumericType(column.type) || column.format) {
    const n = typeof value === 'number' ? value : Number(value);
    if (typeof value !== 'boolean' && value !== '' && Number.isFinite(n))
      return formatValueNumber(n, column);
  }
  if (isTemporalType(column.type) && (typeof value === 'string' || typeof value === 'number'))
    return formatTemporal(value, column.type);
  if (typeof value === 'number') return formatValueNumber(value, column);
  return cellText(value);
}

/** NULLs last whichever way; numbers and dates by value, text by the reader's collation. */
export function compareCells(a: unknown, b: unknown, type?: string): number {
  const aNull = a === null || a === undefined;
  const bNull = b === null || b === undefined;
  if (aNull || bNull) return aNull === bNull ? 0 : aNull ? 1 : -1;
  if (isNumericType(type)) return Number(a) - Number(b);
  if (isTemporalType(type))
    return new Date(cellText(a)).getTime() - new Date(cellText(b)).getTime();
  return cellText(a).localeCompare(cellText(b));
}
