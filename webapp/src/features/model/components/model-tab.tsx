import { History, Link2, RotateCcw, Save, Trash2, Undo2 } from 'lucide-react';
import { useEffect, useState } from 'react';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { SelectField } from '@/components/select-field';
import { PageSpinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import { UsedByList } from '@/components/used-by-list';
import { isApiError } from '@/lib/api/api-error';
import { inUseList } from '@/lib/api/used-by';
import { formatDateTime } from '@/lib/format';
import {
  useMemberUsedBy,
  useModel,
  useModelVersions,
  useRestoreModel,
  useSaveModel,
} from '../hooks/use-model';
import {
  addMeasure,
  addRelationship,
  definition,
  draftOf,
  formatWith,
  MONTHS,
  parseSynonyms,
  removeMeasure,
  removeRelationship,
  toInput,
  updateDimension,
  updateMeasure,
  type ModelDraft,
} from '../model-draft';
import type { MeasureFormat, SemanticModel } from '../types';
import { AddMeasureForm } from './add-measure-form';

export interface ModelTabProps {
  projectId: string;
  datasetId: string;
  canEdit: boolean;
}

/** The dataset's semantic model: measures, dimensions, time settings, relationships, versions. */
export function ModelTab({ projectId, datasetId, canEdit }: ModelTabProps) {
  const model = useModel(projectId, datasetId);
  if (model.isPending) return <PageSpinner label="Loading the model…" />;
  if (model.isError)
    return (
      <ErrorMessage
        title="Could not load the model"
        error={model.error}
        onRetry={() => void model.refetch()}
      />
    );
  return (
    <ModelEditor
      key={model.data.version}
      projectId={projectId}
      model={model.data}
      canEdit={canEdit}
      onReload={() => void model.refetch()}
    />
  );
}

interface ModelEditorProps {
  projectId: string;
  model: SemanticModel;
  canEdit: boolean;
  onReload: () => void;
}

function ModelEditor({ projectId, model, canEdit, onReload }: ModelEditorProps) {
  const [draft, setDraft] = useState<ModelDraft>(() => draftOf(model));
  const save = useSaveModel(projectId, model.datasetId);
  const dirty = JSON.stringify(draft) !== JSON.stringify(draftOf(model));
  const inUse = inUseList(save.error);
  const stale = isApiError(save.error, 409) && inUse === null;

  return (
    <div className="space-y-8">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Model version {model.version} · reconciled with dataset version {model.datasetVersion}
        </p>
        {canEdit && (
          <div className="flex gap-2">
            <Button
              variant="secondary"
              disabled={!dirty || save.isPending}
              onClick={() => setDraft(draftOf(model))}
            >
              <Undo2 className="h-4 w-4" aria-hidden="true" />
              Discard changes
            </Button>
            <Button
              disabled={!dirty}
              loading={save.isPending}
              onClick={() => save.mutate({ body: toInput(draft, model.version) })}
            >
              <Save className="h-4 w-4" aria-hidden="true" />
              Save model
            </Button>
          </div>
        )}
      </div>
      {inUse !== null && (
        <div
          role="region"
          aria-label="Measures in use"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p className="font-medium">The model was not saved</p>
          <p>{save.error instanceof Error ? save.error.message : ''}</p>
          <UsedByList projectId={projectId} items={inUse} label="Used by" />
          <div className="flex gap-2">
            <Button
              variant="danger"
              loading={save.isPending}
              onClick={() => save.mutate({ body: toInput(draft, model.version), force: true })}
            >
              Save anyway
            </Button>
            <Button variant="secondary" onClick={() => save.reset()}>
              Keep editing
            </Button>
          </div>
          <p className="text-xs">
            Saving anyway leaves those charts broken until they are changed.
          </p>
        </div>
      )}
      {save.isError && inUse === null && (
        <ErrorMessage
          title={stale ? 'Someone saved a newer version of this model' : 'The model was not saved'}
          error={save.error}
          onRetry={stale ? onReload : undefined}
        />
      )}

      <TimeSettings draft={draft} canEdit={canEdit} onChange={setDraft} />
      <Measures
        draft={draft}
        canEdit={canEdit}
        onChange={setDraft}
        projectId={projectId}
        datasetId={model.datasetId}
      />
      {canEdit && (
        <AddMeasureForm
          projectId={projectId}
          model={model}
          draft={draft}
          onAdd={(m) => setDraft((d) => addMeasure(d, m))}
        />
      )}
      <Dimensions draft={draft} canEdit={canEdit} onChange={setDraft} />
      <Relationships draft={draft} canEdit={canEdit} onChange={setDraft} />
      <Versions projectId={projectId} model={model} canEdit={canEdit} />
    </div>
  );
}

interface SectionProps {
  draft: ModelDraft;
  canEdit: boolean;
  onChange: (next: ModelDraft) => void;
}

function Section({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <section aria-label={title} className="space-y-3">
      <h2 className="text-base font-semibold">{title}</h2>
      {children}
    </section>
  );
}

function TimeSettings({ draft, canEdit, onChange }: SectionProps) {
  const month = MONTHS[draft.fiscalYearStartMonth - 1] ?? 'January';
  return (
    <Section title="Time">
      {canEdit ? (
        <SelectField
          className="max-w-xs"
          label="Fiscal year starts in"
          value={String(draft.fiscalYearStartMonth)}
          options={MONTHS.map((m, i) => ({ value: String(i + 1), label: m }))}
          onChange={(e) => onChange({ ...draft, fiscalYearStartMonth: Number(e.target.value) })}
        />
      ) : (
        <p className="text-sm">The fiscal year starts in {month}.</p>
      )}
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Drives year- and quarter-to-date and the fiscal quarter and year grains. Weeks start on
        Monday (ISO).
      </p>
    </Section>
  );
}

const cell = 'px-2 py-2 align-top';

function Measures({
  draft,
  canEdit,
  onChange,
  projectId,
  datasetId,
}: SectionProps & { projectId: string; datasetId: string }) {
  return (
    <Section title="Measures">
      <div className="overflow-x-auto">
        <table aria-label="Measures" className="min-w-full text-sm">
          <thead className="text-left text-slate-500 dark:text-slate-400">
            <tr>
              <th className={cell}>Name</th>
              <th className={cell}>Label</th>
              <th className={cell}>Definition</th>
              <th className={cell}>Format</th>
              <th className={cell}>Synonyms</th>
              {canEdit && (
                <th className={cell}>
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {draft.measures.map((m) => (
              <tr key={m.name}>
                <td className={`${cell} font-mono`}>
                  {m.name}
                  {m.broken && (
                    <div title={m.broken} className="mt-1">
                      <Badge tone="red">Broken</Badge>
                      <p className="mt-1 max-w-xs font-sans text-xs text-red-700 dark:text-red-300">
                        {m.broken}
                      </p>
                    </div>
                  )}
                  <MeasureUsage projectId={projectId} datasetId={datasetId} member={m.name} />
                </td>
                <td className={cell}>
                  {canEdit ? (
                    <TextField
                      hideLabel
                      label={`Label of ${m.name}`}
                      value={m.label ?? ''}
                      onChange={(e) =>
                        onChange(updateMeasure(draft, m.name, { label: e.target.value }))
                      }
                    />
                  ) : (
                    m.label
                  )}
                  {m.description && <p className="mt-1 text-xs text-slate-500">{m.description}</p>}
                </td>
                <td className={`${cell} font-mono text-xs`}>{definition(m)}</td>
                <td className={cell}>
                  <FormatEditor
                    name={m.name}
                    format={m.format}
                    canEdit={canEdit}
                    onChange={(format) => onChange(updateMeasure(draft, m.name, { format }))}
                  />
                </td>
                <td className={cell}>
                  {canEdit ? (
                    <TextField
                      hideLabel
                      label={`Synonyms of ${m.name}`}
                      defaultValue={(m.synonyms ?? []).join(', ')}
                      onBlur={(e) =>
                        onChange(
                          updateMeasure(draft, m.name, { synonyms: parseSynonyms(e.target.value) }),
                        )
                      }
                    />
                  ) : (
                    (m.synonyms ?? []).join(', ')
                  )}
                </td>
                {canEdit && (
                  <td className={cell}>
                    <Button
                      variant="ghost"
                      size="icon"
                      aria-label={`Remove measure ${m.name}`}
                      onClick={() => onChange(removeMeasure(draft, m.name))}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden="true" />
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

/** "Used by" of one measure: opened on demand, so the tab asks only about the rows looked at. */
function MeasureUsage({
  projectId,
  datasetId,
  member,
}: {
  projectId: string;
  datasetId: string;
  member: string;
}) {
  const [open, setOpen] = useState(false);
  const usedBy = useMemberUsedBy(projectId, datasetId, member, open);
  return (
    <div className="mt-1 font-sans">
      <Button
        variant="ghost"
        size="sm"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        aria-label={`Used by: ${member}`}
      >
        Used by
      </Button>
      {open && (
        <div className="mt-1 max-w-xs">
          {usedBy.isPending && <span className="text-xs text-slate-500">Looking…</span>}
          {usedBy.isError && <ErrorMessage error={usedBy.error} />}
          {usedBy.data && (
            <UsedByList
              projectId={projectId}
              items={usedBy.data}
              label={`What uses ${member}`}
              empty="No chart or dashboard uses it."
            />
          )}
        </div>
      )}
    </div>
  );
}

function FormatEditor({
  name,
  format,
  canEdit,
  onChange,
}: {
  name: string;
  format?: MeasureFormat | null;
  canEdit: boolean;
  onChange: (f: MeasureFormat) => void;
}) {
  if (!canEdit) {
    if (!format) return <span className="text-slate-500">—</span>;
    return (
      <span>
        {format.type}
        {format.currency ? ` ${format.currency}` : ''}
        {format.decimals !== undefined ? `, ${format.decimals} decimals` : ''}
      </span>
    );
  }
  return (
    <div className="flex gap-1">
      <SelectField
        hideLabel
        label={`Format of ${name}`}
        value={format?.type ?? 'number'}
        options={[
          { value: 'number', label: 'Number' },
          { value: 'currency', label: 'Currency' },
          { value: 'percent', label: 'Percent' },
        ]}
        onChange={(e) =>
          onChange(formatWith(format, { type: e.target.value as MeasureFormat['type'] }))
        }
      />
      <TextField
        hideLabel
        label={`Decimals of ${name}`}
        type="number"
        min={0}
        max={10}
        className="w-16"
        value={format?.decimals ?? ''}
        onChange={(e) =>
          onChange(
            formatWith(format, {
              decimals: e.target.value === '' ? undefined : Number(e.target.value),
            }),
          )
        }
      />
      {format?.type === 'currency' && (
        <TextField
          hideLabel
          label={`Currency of ${name}`}
          className="w-20"
          maxLength={3}
          value={format.currency ?? ''}
          onChange={(e) => onChange(formatWith(format, { currency: e.target.value.toUpperCase() }))}
        />
      )}
    </div>
  );
}

function Dimensions({ draft, canEdit, onChange }: SectionProps) {
  return (
    <Section title="Dimensions">
      <div className="overflow-x-auto">
        <table aria-label="Dimensions" className="min-w-full text-sm">
          <thead className="text-left text-slate-500 dark:text-slate-400">
            <tr>
              <th className={cell}>Name</th>
              <th className={cell}>Type</th>
              <th className={cell}>Label</th>
              <th className={cell}>Description</th>
              <th className={cell}>Synonyms</th>
              <th className={cell}>Hidden</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
            {draft.dimensions.map((d) => (
              <tr key={d.name}>
                <td className={`${cell} font-mono`}>
                  {d.name}
                  {d.broken && (
                    <div className="mt-1">
                      <Badge tone="red">Broken</Badge>
                    </div>
                  )}
                </td>
                <td className={cell}>
                  {d.type}
                  {d.granularities && (
                    <p className="text-xs text-slate-500">{d.granularities.join(' · ')}</p>
                  )}
                </td>
                <td className={cell}>
                  {canEdit ? (
                    <TextField
                      hideLabel
                      label={`Label of ${d.name}`}
                      value={d.label ?? ''}
                      onChange={(e) =>
                        onChange(updateDimension(draft, d.name, { label: e.target.value }))
                      }
                    />
                  ) : (
                    d.label
                  )}
                </td>
                <td className={cell}>
                  {canEdit ? (
                    <TextField
                      hideLabel
                      label={`Description of ${d.name}`}
                      value={d.description ?? ''}
                      onChange={(e) =>
                        onChange(
                          updateDimension(draft, d.name, { description: e.target.value || null }),
                        )
                      }
                    />
                  ) : (
                    d.description
                  )}
                </td>
                <td className={cell}>
                  {canEdit ? (
                    <TextField
                      hideLabel
                      label={`Synonyms of ${d.name}`}
                      defaultValue={(d.synonyms ?? []).join(', ')}
                      onBlur={(e) =>
                        onChange(
                          updateDimension(draft, d.name, {
                            synonyms: parseSynonyms(e.target.value),
                          }),
                        )
                      }
                    />
                  ) : (
                    (d.synonyms ?? []).join(', ')
                  )}
                </td>
                <td className={cell}>
                  <input
                    type="checkbox"
                    aria-label={`Hide ${d.name}`}
                    checked={d.hidden ?? false}
                    disabled={!canEdit}
                    onChange={(e) =>
                      onChange(updateDimension(draft, d.name, { hidden: e.target.checked }))
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Section>
  );
}

function Relationships({ draft, canEdit, onChange }: SectionProps) {
  const [dataset, setDataset] = useState('');
  const [foreignKey, setForeignKey] = useState('');
  const [primaryKey, setPrimaryKey] = useState('id');
  return (
    <Section title="Relationships">
      {draft.relationships.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          No relationships. Link a key of this dataset to another dataset to group by its fields.
        </p>
      ) : (
        <ul className="space-y-1 text-sm">
          {draft.relationships.map((r) => (
            <li key={r.name ?? r.dataset} className="flex items-center gap-2">
              <Link2 className="h-4 w-4 text-slate-400" aria-hidden="true" />
              <span className="font-mono">
                {r.foreignKey} → {r.dataset}.{r.primaryKey}
              </span>
              <span className="text-slate-500">
                (many to one, fields as {r.name ?? r.dataset}.field)
              </span>
              {canEdit && (
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove relationship ${r.name ?? r.dataset}`}
                  onClick={() => onChange(removeRelationship(draft, r.name ?? r.dataset))}
                >
                  <Trash2 className="h-4 w-4" aria-hidden="true" />
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      {canEdit && (
        <form
          aria-label="Add a relationship"
          className="flex flex-wrap items-end gap-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!dataset || !foreignKey || !primaryKey) return;
            onChange(
              addRelationship(draft, {
                name: dataset,
                dataset,
                foreignKey,
                primaryKey,
                type: 'many_to_one',
              }),
            );
            setDataset('');
            setForeignKey('');
          }}
        >
          <SelectField
            label="Key in this dataset"
            value={foreignKey}
            options={[
              { value: '', label: 'Choose a field' },
              ...draft.dimensions.map((d) => ({ value: d.name, label: d.name })),
            ]}
            onChange={(e) => setForeignKey(e.target.value)}
          />
          <TextField
            label="Other dataset (table name)"
            value={dataset}
            onChange={(e) => setDataset(e.target.value)}
          />
          <TextField
            label="Its key"
            value={primaryKey}
            onChange={(e) => setPrimaryKey(e.target.value)}
          />
          <Button type="submit" variant="secondary">
            Add relationship
          </Button>
        </form>
      )}
    </Section>
  );
}

function Versions({
  projectId,
  model,
  canEdit,
}: {
  projectId: string;
  model: SemanticModel;
  canEdit: boolean;
}) {
  const versions = useModelVersions(projectId, model.datasetId, model.version);
  const restore = useRestoreModel(projectId, model.datasetId);
  const [restoring, setRestoring] = useState<number | null>(null);
  useEffect(() => {
    if (!restore.isPending) setRestoring(null);
  }, [restore.isPending]);
  return (
    <Section title="Model versions">
      {versions.isError && <ErrorMessage error={versions.error} />}
      {restore.isError && <ErrorMessage title="Could not restore" error={restore.error} />}
      <ul className="space-y-1 text-sm">
        {(versions.data ?? []).map((v) => (
          <li key={v.version} className="flex items-center gap-3">
            <History className="h-4 w-4 text-slate-400" aria-hidden="true" />
            <span>Version {v.version}</span>
            <Badge tone={v.version === model.version ? 'brand' : 'neutral'}>
              {v.version === model.version ? 'live' : v.change}
            </Badge>
            <span className="text-slate-500">
              {formatDateTime(v.createdAt)}
              {v.createdByEmail ? ` · ${v.createdByEmail}` : ''}
            </span>
            {canEdit && v.version !== model.version && (
              <Button
                variant="ghost"
                size="sm"
                loading={restoring === v.version}
                onClick={() => {
                  setRestoring(v.version);
                  restore.mutate(v.version);
                }}
              >
                <RotateCcw className="h-4 w-4" aria-hidden="true" />
                Restore version {v.version}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
