import type { SemanticModel } from './types';

export interface FormulaOption {
  label: string;
  type: 'variable' | 'function' | 'constant';
  detail: string;
  apply?: string;
}

/** What the formula editor completes: fields, measures and functions of the model. */
export function formulaOptions(
  model: Pick<SemanticModel, 'dimensions' | 'measures' | 'functions'>,
): FormulaOption[] {
  const fields: FormulaOption[] = model.dimensions
    .filter((d) => !d.broken)
    .map((d) => ({
      label: d.name,
      type: 'variable',
      detail: d.type ? `field · ${d.type}` : 'field',
    }));
  const measures: FormulaOption[] = model.measures
    .filter((m) => !m.broken)
    .map((m) => ({ label: m.name, type: 'constant', detail: `measure · ${m.label ?? m.name}` }));
  const functions: FormulaOption[] = model.functions.map((f) => ({
    label: f,
    type: 'function',
    detail: 'function',
    apply: `${f}(`,
  }));
  return [...fields, ...measures, ...functions];
}

/** The word being typed that ends at `pos` in `text` (letters, digits, _), with where it starts. */
export function wordBefore(text: string, pos: number): { from: number; word: string } {
  let from = pos;
  while (from > 0 && /[A-Za-z0-9_]/.test(text.charAt(from - 1))) from--;
  return { from, word: text.slice(from, pos) };
}

/** Options that start with the word typed, case-insensitively, fields and measures first. */
export function complete(options: FormulaOption[], word: string): FormulaOption[] {
  const w = word.toLowerCase();
  return options.filter((o) => o.label.toLowerCase().startsWith(w));
}

/** The 0-based [from, to) range a validation problem points at, clamped to the text. */
export function problemRange(
  text: string,
  position: number | undefined,
  length: number | undefined,
): { from: number; to: number } | null {
  if (position === undefined || position < 1) return null;
  const from = Math.min(position - 1, text.length);
  const to = Math.min(text.length, from + Math.max(1, length ?? 1));
  return to > from ? { from, to } : { from: Math.max(0, text.length - 1), to: text.length };
}
