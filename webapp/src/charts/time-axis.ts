import type { TimeGrain } from './types';

export function toDate(value: unknown): Date | null {
  if (value instanceof Date) return value;
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/**
 * The coarsest grain every value sits on: all on January 1 → year, on the first of a quarter's
 * month → quarter, on the first of a month → month, all Mondays → week, all at midnight → day.
 * Values are read as stored (UTC wall time), like the tables show them.
 */
export function detectGrain(dates: readonly Date[]): TimeGrain {
  if (dates.length === 0) return 'day';
  const all = (test: (d: Date) => boolean) => dates.every(test);
  const midnight = (d: Date) =>
    d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0;
  if (!all(midnight)) {
    return all((d) => d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0) ? 'hour' : 'minute';
  }
  // One value on the first of a month says little; it is still drawn as its month.
  if (all((d) => d.getUTCDate() === 1)) {
    if (dates.length > 1 && all((d) => d.getUTCMonth() === 0)) return 'year';
    if (dates.length > 1 && all((d) => d.getUTCMonth() % 3 === 0)) return 'quarter';
    return 'month';
  }
  if (dates.length > 1 && all((d) => d.getUTCDay() === 1)) return 'week';
  return 'day';
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dtf(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify(options);
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(undefined, { ...options, timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}

/** `Mon 5`: the weekday first, whatever order the locale gives the two parts. */
function weekdayDay(date: Date): string {
  const parts = dtf({ weekday: 'short', day: 'numeric' }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')}`;
}

/**
 * A time axis label by grain: `2012`, `2012-Q3`, `Aug 2012`, `Mon 5` (days; with the month when the
 * axis spans more than one), `Aug 5` for weeks, `14:00` within a day — never `…T00:00:00Z`.
 */
export function formatTick(date: Date, grain: TimeGrain, spansMonths = false): string {
  switch (grain) {
    case 'year':
      return String(date.getUTCFullYear());
    case 'quarter':
      return `${date.getUTCFullYear()}-Q${Math.floor(date.getUTCMonth() / 3) + 1}`;
    case 'month':
      return dtf({ month: 'short', year: 'numeric' }).format(date);
    case 'week':
      return dtf({ month: 'short', day: 'numeric' }).format(date);
    case 'day':
      return spansMonths ? dtf({ month: 'short', day: 'numeric' }).format(date) : weekdayDay(date);
    default:
      return dtf({ month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(
        date,
      );
  }
}

/** The full label for tooltips and the screen-reader table. */
export function formatFull(date: Date, grain: TimeGrain): string {
  switch (grain) {
    case 'year':
    case 'quarter':
    case 'month':
      return formatTick(date, grain);
    case 'week':
      return `Week of ${dtf({ dateStyle: 'medium' }).format(date)}`;
    case 'day':
      return dtf({ weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }).format(
        date,
      );
    default:
      return dtf({ dateStyle: 'medium', timeStyle: 'short' }).format(date);
  }
}

export function spansMonths(dates: readonly Date[]): boolean {
  const months = new Set(dates.map((d) => d.getUTCFullYear() * 12 + d.getUTCMonth()));
  return months.size > 1;
}

/**
 * Thinned labels: every category keeps its mark, but only every (interval + 1)-th label is drawn
 * so labels of `labelWidth` pixels never overlap on an axis `axisWidth` pixels long.
 */
export function labelInterval(count: number, axisWidth: number, labelWidth: number): number {
  if (count <= 1 || labelWidth <= 0) return 0;
  const fit = Math.max(1, Math.floor(axisWidth / labelWidth));
  return Math.max(0, Math.ceil(count / fit) - 1);
}
