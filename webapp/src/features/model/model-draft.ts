import type {
  Aggregation,
  Dimension,
  Measure,
  MeasureFormat,
  Relationship,
  SemanticModel,
  SemanticModelInput,
} from './types';
import { cellText } from '@/lib/format';

/** The editable part of a model, as the Model tab holds it until it is saved. */
export interface ModelDraft {
  fiscalYearStartMonth: number;
  dimensions: Dimension[];
  measures: Measure[];
  relationships: Relationship[];
}

export const AGGREGATIONS: readonly Aggregation[] = [
  'sum',
  'avg',
  'count',
  'count_distinct',
  'min',
  'max',
  'median',
  'percentile',
];
export const NUMERIC_TYPES = ['integer', 'decimal'];
const NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function draftOf(model: SemanticModel): ModelDraft {
  return {
    fiscalYearStartMonth: model.fiscalYearStartMonth,
    dimensions: model.dimensions,
    measures: model.measures,
    relationships: model.relationships,
  };
}

/** The document PUT sends: the draft with the version it was edited from. */
export function toInput(draft: ModelDraft, version: number): SemanticModelInput {
  return { version, ...draft };
}

export function updateMeasure(
  draft: ModelDraft,
  name: string,
  change: Partial<Measure>,
): ModelDraft {
  return {
    ...draft,
    measures: draft.measures.map((m) => (m.name === name ? { ...m, ...change } : m)),
  };
}

export function updateDimension(
  draft: ModelDraft,
  name: string,
  change: Partial<Dimension>,
): ModelDraft {
  return {
    ...draft,
    dimensions: draft.dimensions.map((d) => (d.name === name ? { ...d, ...change } : d)),
  };
}

export function removeMeasure(draft: ModelDraft, name: string): ModelDraft {
  return { ...draft, measures: draft.measures.filter((m) => m.name !== name) };
}

export function addRelationship(draft: ModelDraft, relationship: Relationship): ModelDraft {
  return { ...draft, relationships: [...draft.relationships, relationship] };
}

export function removeRelationship(draft: ModelDraft, name: string): ModelDraft {
  return {
    ...draft,
    relationships: draft.relationships.filter((r) => (r.name ?? r.dataset) !== name),
  };
}

/** Why `name` cannot name a new measure, or null. */
export function nameProblem(draft: ModelDraft, name: string): string | null {
  if (!name) return 'Give the measure a name.';
  if (!NAME.test(name)) return 'Use lower-case letters, digits and _, starting with a letter.';
  if (
    draft.measures.some((m) => m.name === name) ||
    draft.dimensions.some((d) => d.name === name)
  ) {
    return `“${name}” is already a field or measure.`;
  }
  return null;
}

export interface NewMeasure {
  name: string;
  label: string;
  kind: 'aggregation' | 'formula';
  aggregation: Aggregation;
  column: string;
  p: number;
  formula: string;
}

export function addMeasure(draft: ModelDraft, m: NewMeasure): ModelDraft {
  const base: Measure = { name: m.name, label: m.label || m.name, synonyms: [], hidden: false };
  const measure: Measure =
    m.kind === 'formula'
      ? { ...base, formula: m.formula }
      : {
          ...base,
          aggregation: m.aggregation,
          column: m.aggregation === 'count' && !m.column ? null : m.column,
          ...(m.aggregation === 'percentile' ? { p: m.p } : {}),
        };
  return { ...draft, measures: [...draft.measures, measure] };
}

/** A measure's definition in words: `sum(amount)`, or its formula. */
export function definition(m: Measure): string {
  if (m.formula) return m.formula;
  const arg = m.column ?? '*';
  const core =
    m.aggregation === 'percentile'
      ? `percentile(${arg}, ${m.p ?? 0.5})`
      : `${m.aggregation ?? '?'}(${arg})`;
  return m.filter ? `${core} where ${m.filter}` : core;
}

export function parseSynonyms(text: string): string[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function formatWith(
  format: MeasureFormat | null | undefined,
  change: Partial<MeasureFormat>,
): MeasureFormat {
  const next: MeasureFormat = { type: 'number', ...(format ?? {}), ...change };
  if (next.type !== 'currency') delete next.currency;
  else if (!next.currency) next.currency = 'EUR';
  return next;
}

/** Formats a value as a measure's format says (number, currency, percent). */
export function formatValue(value: unknown, format: MeasureFormat | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return cellText(value);
  const decimals = format?.decimals;
  const digits =
    decimals === undefined
      ? {}
      : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  if (format?.type === 'percent')
    return new Intl.NumberFormat('en-US', { style: 'percent', ...digits }).format(n);
  if (format?.type === 'currency') {
    return new Intl.NumberFormat('en-US', {
      style: 'currency',
      currency: format.currency ?? 'EUR',
      ...digits,
    }).format(n);
  }
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: 6, ...digits }).format(n);
}

export const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
