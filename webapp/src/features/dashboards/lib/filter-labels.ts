import { cellText } from '@/lib/format';
import { isList, type DateRangePreset, type FilterValue } from './filter-state';

export const PRESET_LABELS: Record<DateRangePreset, string> = {
  last_7_days: 'Last 7 days',
  last_30_days: 'Last 30 days',
  last_90_days: 'Last 90 days',
  this_month: 'This month',
  last_month: 'Last month',
  this_quarter: 'This quarter',
  last_quarter: 'Last quarter',
  this_year: 'This year',
  last_year: 'Last year',
  ytd: 'Year to date (YTD)',
  qtd: 'Quarter to date (QTD)',
  mtd: 'Month to date (MTD)',
};

/** A filter's value in words, for the filter bar and the drill-down's "filtered by" line. */
export function describeValue(value: FilterValue): string {
  if (value === null) return 'Any';
  if (typeof value === 'string') return PRESET_LABELS[value];
  if (isList(value)) {
    if (value.length === 0) return 'Any';
    return value.length <= 2
      ? value.join(', ')
      : `${value.slice(0, 2).join(', ')} +${value.length - 2}`;
  }
  if ('from' in value) {
    if (value.from && value.to) return `${value.from} – ${value.to}`;
    if (value.from) return `From ${value.from}`;
    return value.to ? `Until ${value.to}` : 'Any';
  }
  if (value.min !== null && value.max !== null) return `${value.min} – ${value.max}`;
  if (value.min !== null) return `≥ ${value.min}`;
  return value.max !== null ? `≤ ${value.max}` : 'Any';
}

const GRAINS = /^(year|quarter|month|week|day|hour|minute)$/;

/** A member's name in words when it has no label: `order_date.month` → "Order date (month)". */
export function memberLabel(member: string): string {
  const parts = member.split('.');
  const last = parts.at(-1) ?? member;
  const grain = parts.length > 1 && GRAINS.test(last) ? last : null;
  const name = (grain ? parts.at(-2) : last) ?? member;
  const words = name.replace(/_/g, ' ');
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return grain ? `${text} (${grain})` : text;
}

/** A dashboard filter's name: its label, else its member in words. */
export function filterLabel(filter: { label?: string | null; member: string }): string {
  return filter.label ?? memberLabel(filter.member);
}

/** A clicked mark in words: "Region East, Order date (month) 2024-03-01". */
export function describeMark(mark: Readonly<Record<string, unknown>>): string {
  return Object.entries(mark)
    .map(([column, value]) => `${memberLabel(column)} ${cellText(value, '(empty)')}`)
    .join(', ');
}

interface ChangeLike {
  widgets: { added: string[]; removed: string[]; moved: string[]; edited: string[] };
  filters: { added: string[]; removed: string[]; edited: string[] };
  fields: string[];
}

const FIELD_NAMES: Record<string, string> = {
  name: 'name',
  description: 'description',
  columns: 'columns',
  refreshSeconds: 'auto-refresh',
};

/** A version's changes in words: "added Revenue; moved Notes; edited filter Region". */
export function describeChange(
  change: ChangeLike,
  widgetName: (id: string) => string,
  filterName: (id: string) => string,
): string {
  const parts: string[] = [];
  const list = (verb: string, ids: string[], name: (id: string) => string) => {
    if (ids.length > 0) parts.push(`${verb} ${ids.map(name).join(', ')}`);
  };
  list('added', change.widgets.added, widgetName);
  list('removed', change.widgets.removed, widgetName);
  list('moved', change.widgets.moved, widgetName);
  list('edited', change.widgets.edited, widgetName);
  list('added filter', change.filters.added, filterName);
  list('removed filter', change.filters.removed, filterName);
  list('edited filter', change.filters.edited, filterName);
  if (change.fields.length > 0)
    parts.push(`changed ${change.fields.map((f) => FIELD_NAMES[f] ?? f).join(', ')}`);
  return parts.length > 0 ? parts.join('; ') : 'no change';
}
