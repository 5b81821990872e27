import { Plus } from 'lucide-react';
import { useId, useMemo, useState } from 'react';
import { Button } from '@/components/button';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { formulaOptions } from '../formula-completion';
import { useFormulaCheck, useFormulaPreview } from '../hooks/use-model';
import {
  AGGREGATIONS,
  NUMERIC_TYPES,
  nameProblem,
  type ModelDraft,
  type NewMeasure,
} from '../model-draft';
import type { SemanticModel } from '../types';
import { FormulaEditor } from './formula-editor';
import { formatValue } from '../model-draft';

interface AddMeasureFormProps {
  projectId: string;
  model: SemanticModel;
  draft: ModelDraft;
  onAdd: (measure: NewMeasure) => void;
}

const NUMERIC_ONLY = new Set(['sum', 'avg', 'median', 'percentile']);
const EMPTY: NewMeasure = {
  name: '',
  label: '',
  kind: 'aggregation',
  aggregation: 'sum',
  column: '',
  p: 0.9,
  formula: '',
};

/** A new measure: an aggregation picked from a list, or a formula with completion, errors and a live preview. */
export function AddMeasureForm({ projectId, model, draft, onAdd }: AddMeasureFormProps) {
  const [m, setM] = useState<NewMeasure>(EMPTY);
  const [touched, setTouched] = useState(false);
  const errorId = useId();
  const columns = draft.dimensions.filter(
    (d) => !d.broken && (!NUMERIC_ONLY.has(m.aggregation) || NUMERIC_TYPES.includes(d.type ?? '')),
  );
  const options = useMemo(
    () => formulaOptions({ ...model, dimensions: draft.dimensions, measures: draft.measures }),
    [model, draft],
  );
  const check = useFormulaCheck(
    projectId,
    model.datasetId,
    model.version,
    m.kind === 'formula' ? m.formula : '',
  );
  const problem =
    m.kind === 'formula' && m.formula.trim() ? (check.data?.problems[0] ?? null) : null;
  const valid = m.kind === 'formula' && check.data?.valid === true && !check.isPlaceholderData;
  const preview = useFormulaPreview(projectId, model.tableName, model.version, m.formula, valid);
  const nameError = touched ? nameProblem(draft, m.name) : null;
  const complete =
    !nameProblem(draft, m.name) &&
    (m.kind === 'formula' ? valid : m.aggregation === 'count' || Boolean(m.column));

  function submit() {
    setTouched(true);
    if (!complete) return;
    onAdd(m);
    setM(EMPTY);
    setTouched(false);
  }

  return (
    <form
      aria-label="Add a measure"
      className="space-y-3 rounded-lg border border-slate-200 p-4 dark:border-slate-800"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <h3 className="text-sm font-semibold">Add a measure</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <TextField
          label="Measure name"
          value={m.name}
          error={nameError ?? undefined}
          onChange={(e) => setM({ ...m, name: e.target.value })}
        />
        <TextField
          label="Measure label"
          value={m.label}
          onChange={(e) => setM({ ...m, label: e.target.value })}
        />
        <SelectField
          label="Kind"
          value={m.kind}
          options={[
            { value: 'aggregation', label: 'Aggregation of a column' },
            { value: 'formula', label: 'Formula' },
          ]}
          onChange={(e) => setM({ ...m, kind: e.target.value as NewMeasure['kind'] })}
        />
      </div>
      {m.kind === 'aggregation' ? (
        <div className="grid gap-3 sm:grid-cols-3">
          <SelectField
            label="Aggregation"
            value={m.aggregation}
            options={AGGREGATIONS.map((a) => ({ value: a, label: a.replace('_', ' ') }))}
            onChange={(e) =>
              setM({ ...m, aggregation: e.target.value as NewMeasure['aggregation'], column: '' })
            }
          />
          <SelectField
            label="Column"
            value={m.column}
            options={[
              { value: '', label: m.aggregation === 'count' ? 'All rows' : 'Choose a column' },
              ...columns.map((d) => ({ value: d.name, label: d.label ?? d.name })),
            ]}
            onChange={(e) => setM({ ...m, column: e.target.value })}
          />
          {m.aggregation === 'percentile' && (
            <TextField
              label="Percentile (0–1)"
              type="number"
              min={0}
              max={1}
              step={0.01}
              value={m.p}
              onChange={(e) => setM({ ...m, p: Number(e.target.value) })}
            />
          )}
        </div>
      ) : (
        <div className="space-y-2">
          <span className="block text-sm font-medium" id={`${errorId}-label`}>
            Formula
          </span>
          <FormulaEditor
            label="Formula"
            value={m.formula}
            onChange={(formula) => setM((current) => ({ ...current, formula }))}
            options={options}
            error={problem}
            describedBy={problem ? errorId : undefined}
          />
          {problem ? (
            <p id={errorId} role="alert" className="text-sm text-red-700 dark:text-red-300">
              {problem.message}
            </p>
          ) : valid ? (
            <p className="text-sm text-slate-600 dark:text-slate-400" aria-live="polite">
              {preview.isPending ? (
                'Computing the value…'
              ) : preview.isError ? (
                `Preview failed: ${preview.error.message}`
              ) : (
                <>
                  Value over all rows:{' '}
                  <output aria-label="Preview value" className="font-mono">
                    {formatValue(preview.data.rows[0]?.[0], null)}
                  </output>
                </>
              )}
            </p>
          ) : null}
        </div>
      )}
      <Button type="submit" variant="secondary" disabled={touched && !complete}>
        <Plus className="h-4 w-4" aria-hidden="true" />
        Add measure
      </Button>
    </form>
  );
}
