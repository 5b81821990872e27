import { BarChart3 } from 'lucide-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { ChartView, chartOptions, type Visualization } from '@/charts';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { SaveChartDialog, useChart } from '@/features/charts';
import { useDatasets } from '@/features/datasets';
import { useModel } from '@/features/model';
import { useProject } from '@/features/projects';
import type { SavedChart } from '@/lib/api/charts';
import { canEditProject } from '@/lib/roles';
import { sqlEditorPath } from '@/features/sql';
import { useDocumentTitle } from '@/lib/use-document-title';
import {
  DATE_PRESETS,
  PRESET_LABELS,
  addField,
  impliedVisualization,
  emptyState,
  fieldsOf,
  fromSemanticQuery,
  isRunnable,
  removeField,
  toSemanticQuery,
  zonesFor,
  type BuilderState,
  type Compare,
  type DatePreset,
  type Field,
  type Granularity,
  type Zone,
} from '../builder-state';
import type { SemanticQuery } from '@/features/model';
import { usePreview } from '../hooks/use-preview';
import { Chip, DropZone, type DroppedField } from './drop-zone';
import { FieldList } from './field-list';
import { FilterEditor } from './filter-editor';

const GRAINS: { value: Granularity; label: string }[] = [
  { value: 'day', label: 'Day' },
  { value: 'week', label: 'Week' },
  { value: 'month', label: 'Month' },
  { value: 'quarter', label: 'Quarter' },
  { value: 'year', label: 'Year' },
];

const COMPARES: { value: Compare; label: string }[] = [
  { value: 'none', label: 'No comparison' },
  { value: 'previous_period', label: 'Previous period' },
  { value: 'last_year', label: 'Same period last year' },
];

const ZONES: { zone: Zone; label: string; hint: string }[] = [
  { zone: 'groupBy', label: 'Group by', hint: 'Drop dimensions or a time field here' },
  { zone: 'measures', label: 'Measures', hint: 'Drop measures here' },
  { zone: 'splitBy', label: 'Split by', hint: 'Drop a dimension to draw one series per value' },
  { zone: 'filters', label: 'Filters', hint: 'Drop fields to filter by' },
];

const inputClass =
  'w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-600 dark:bg-slate-900';

interface BuilderProps {
  projectId: string;
  datasetId: string;
  state: BuilderState;
  onChange: (state: BuilderState) => void;
  /** The chart's settings; the type the picker chose is kept here. */
  visualization: Visualization | null;
  onVisualizationChange: (visualization: Visualization) => void;
  /** The saved chart being edited ("Save" makes a new version of it), if any. */
  chart?: SavedChart | null;
  canSave: boolean;
}

export function Builder({
  projectId,
  datasetId,
  state,
  onChange,
  visualization,
  onVisualizationChange,
  chart,
  canSave,
}: BuilderProps) {
  const [saving, setSaving] = useState<'save' | 'saveAs' | null>(null);
  const model = useModel(projectId, datasetId);
  const fields = useMemo(() => (model.data ? fieldsOf(model.data) : []), [model.data]);
  const byName = useMemo(() => new Map(fields.map((field) => [field.name, field])), [fields]);
  const label = (name: string) => byName.get(name)?.label ?? name;
  const query = useMemo(() => (isRunnable(state) ? toSemanticQuery(state) : null), [state]);
  const preview = usePreview(projectId, query);

  if (model.isPending) return <Spinner label="Loading the model…" />;
  if (model.error)
    return <ErrorMessage title="The model could not be loaded" error={model.error} />;

  const add = (field: Field, zone?: Zone) => {
    const target = zone ?? (field.kind === 'measure' ? 'measures' : 'groupBy');
    onChange(addField(state, field, target));
  };
  const drop = (zone: Zone) => (dropped: DroppedField) => {
    const field = byName.get(dropped.name);
    if (field) add(field, zone);
  };
  const accepts = (zone: Zone) => (kind: DroppedField['kind']) =>
    zonesFor({ kind, name: '', label: '', type: '' }).includes(zone);

  const zoneContent = (zone: Zone) => {
    switch (zone) {
      case 'groupBy': {
        const chips = [
          ...(state.time
            ? [
                <Chip
                  key={state.time.dimension}
                  label={`${label(state.time.dimension)} by ${state.time.granularity}`}
                  onRemove={() =>
                    onChange(removeField(state, 'groupBy', state.time?.dimension ?? ''))
                  }
                />,
              ]
            : []),
          ...state.groupBy.map((name) => (
            <Chip
              key={name}
              label={label(name)}
              onRemove={() => onChange(removeField(state, 'groupBy', name))}
            />
          )),
        ];
        return chips.length ? <div>{chips}</div> : undefined;
      }
      case 'measures':
        return state.measures.length ? (
          <div>
            {state.measures.map((name) => (
              <Chip
                key={name}
                label={label(name)}
                onRemove={() => onChange(removeField(state, 'measures', name))}
              />
            ))}
          </div>
        ) : undefined;
      case 'splitBy':
        return state.splitBy ? (
          <Chip
            label={label(state.splitBy)}
            onRemove={() => onChange(removeField(state, 'splitBy', ''))}
          />
        ) : undefined;
      case 'filters':
        return state.filters.length ? (
          <div className="space-y-2">
            {state.filters.map((filter, index) => {
              const field = byName.get(filter.member);
              if (!field) return null;
              return (
                <div key={`${filter.member}-${index}`} className="relative">
                  <FilterEditor
                    projectId={projectId}
                    dataset={datasetId}
                    field={field}
                    filter={filter}
                    onChange={(next) =>
                      onChange({
                        ...state,
                        filters: state.filters.map((existing, at) =>
                          at === index ? next : existing,
                        ),
                      })
                    }
                  />
                  <button
                    type="button"
                    className="absolute right-2 top-0 text-xs text-slate-500 hover:text-red-600"
                    onClick={() => onChange(removeField(state, 'filters', filter.member, index))}
                  >
                    Remove filter on {field.label}
                  </button>
                </div>
              );
            })}
          </div>
        ) : undefined;
    }
  };

  const sortable = [
    ...state.measures,
    ...state.groupBy,
    ...(state.time ? [`${state.time.dimension}.${state.time.granularity}`] : []),
  ];

  return (
    <div className="grid gap-4 xl:grid-cols-[15rem_20rem_minmax(0,1fr)]">
      <FieldList fields={fields} onAdd={(field) => add(field)} />
      <div className="space-y-3">
        {ZONES.map(({ zone, label: title, hint }) => (
          <DropZone
            key={zone}
            label={title}
            hint={hint}
            accepts={accepts(zone)}
            onDrop={drop(zone)}
          >
            {zoneContent(zone)}
          </DropZone>
        ))}
        {state.time && (
          <section
            aria-label="Time"
            className="space-y-2 rounded-md border border-slate-200 p-2 dark:border-slate-700"
          >
            <SelectField
              label="Time grain"
              value={state.time.granularity}
              options={GRAINS}
              onChange={(event) =>
                state.time &&
                onChange({
                  ...state,
                  time: { ...state.time, granularity: event.target.value as Granularity },
                })
              }
            />
            <SelectField
              label="Period"
              value={state.time.preset}
              options={DATE_PRESETS.map((preset) => ({
                value: preset,
                label: PRESET_LABELS[preset],
              }))}
              onChange={(event) =>
                state.time &&
                onChange({
                  ...state,
                  time: { ...state.time, preset: event.target.value as DatePreset },
                })
              }
            />
            {state.time.preset === 'custom' && (
              <div className="flex gap-2">
                {(['from', 'to'] as const).map((end) => (
                  <input
                    key={end}
                    type="date"
                    aria-label={`Period ${end}`}
                    value={state.time?.[end] ?? ''}
                    onChange={(event) =>
                      state.time &&
                      onChange({ ...state, time: { ...state.time, [end]: event.target.value } })
                    }
                    className={inputClass}
                  />
                ))}
              </div>
            )}
            <SelectField
              label="Compare to"
              value={state.compare}
              options={COMPARES}
              onChange={(event) => onChange({ ...state, compare: event.target.value as Compare })}
            />
          </section>
        )}
        <section aria-label="Sort and limit" className="grid grid-cols-[1fr_6rem] gap-2">
          <SelectField
            label="Sort by"
            value={state.order ? `${state.order.member}:${state.order.direction}` : ''}
            options={[
              { value: '', label: 'Default order' },
              ...sortable.flatMap((member) => [
                { value: `${member}:desc`, label: `${label(member)} ↓` },
                { value: `${member}:asc`, label: `${label(member)} ↑` },
              ]),
            ]}
            onChange={(event) => {
              const [member = '', direction] = event.target.value.split(/:(?=asc$|desc$)/);
              onChange({
                ...state,
                order: member ? { member, direction: direction === 'asc' ? 'asc' : 'desc' } : null,
              });
            }}
          />
          <label className="text-sm font-medium">
            Limit
            <input
              type="number"
              min={1}
              max={10000}
              value={state.limit}
              onChange={(event) =>
                onChange({
                  ...state,
                  limit: Math.max(1, Math.min(10000, Number(event.target.value) || 1)),
                })
              }
              className={`${inputClass} mt-1`}
            />
          </label>
        </section>
      </div>
      <section aria-label="Preview" className="min-w-0 space-y-2">
        {!query && (
          <EmptyState
            icon={BarChart3}
            title="Nothing to show yet"
            description="Add a measure, or a dimension to group by, to see a preview."
          />
        )}
        {query && preview.isFetching && <Spinner label="Updating the preview…" />}
        {query && preview.error && (
          <ErrorMessage title="The preview failed" error={preview.error} />
        )}
        {query && preview.data && (
          <>
            <ChartView
              result={preview.data}
              model={model.data}
              visualization={impliedVisualization(state, visualization)}
              label="Preview"
              picker
              onVisualizationChange={onVisualizationChange}
            />
            <DataTable
              label="Preview rows"
              columns={preview.data.columns}
              rows={preview.data.rows}
            />
            {canSave && (
              <div className="flex gap-2">
                <Button onClick={() => setSaving('save')}>{chart ? 'Save' : 'Save chart'}</Button>
                {chart && (
                  <Button variant="secondary" onClick={() => setSaving('saveAs')}>
                    Save as…
                  </Button>
                )}
              </div>
            )}
            {saving && (
              <SaveChartDialog
                open
                onClose={() => setSaving(null)}
                projectId={projectId}
                query={{ semantic: query }}
                visualization={
                  impliedVisualization(
                    state,
                    visualization ?? {
                      type: chartOptions(preview.data.columns, preview.data.rows.length)
                        .recommended,
                    },
                  ) ?? { type: 'table' }
                }
                existing={saving === 'save' ? chart : null}
                defaultName={chart ? `${chart.name} (copy)` : ''}
              />
            )}
            <details className="text-sm">
              <summary className="cursor-pointer">Compiled SQL</summary>
              <pre className="mt-1 overflow-auto rounded bg-slate-100 p-2 text-xs dark:bg-slate-800">
                {preview.data.sql}
              </pre>
              <Link
                className="text-brand-600 underline"
                to={sqlEditorPath(projectId, preview.data.sql)}
              >
                Open in SQL editor
              </Link>
            </details>
          </>
        )}
      </section>
    </div>
  );
}

/** The builder's own page: pick a dataset, build, preview. */
export function BuilderPage() {
  const { projectId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const { data: project } = useProject(projectId);
  useDocumentTitle('Build a chart', project?.name);
  const datasets = useDatasets(projectId);
  const ready = (datasets.data ?? []).filter((dataset) => dataset.status === 'ready');
  const chartId = searchParams.get('chart');
  const chart = useChart(projectId, chartId);
  const saved = chart.data && 'semantic' in chart.data.query ? chart.data : null;
  const savedQuery =
    chart.data && 'semantic' in chart.data.query
      ? (chart.data.query.semantic as SemanticQuery)
      : null;
  const savedDataset = savedQuery
    ? ready.find(
        (dataset) => dataset.id === savedQuery.dataset || dataset.tableName === savedQuery.dataset,
      )?.id
    : undefined;
  const datasetId = savedDataset ?? searchParams.get('dataset') ?? ready[0]?.id ?? '';
  const [state, setState] = useState<BuilderState | null>(null);
  const [visualization, setVisualization] = useState<Visualization | null>(null);
  // "Edit" of a saved chart: its query and settings become the builder's state, once.
  const [loadedVersion, setLoadedVersion] = useState<string | null>(null);
  useEffect(() => {
    if (!saved || !savedQuery || !savedDataset) return;
    const key = `${saved.id}:${saved.version}`;
    if (loadedVersion === key) return;
    setLoadedVersion(key);
    const { state: restored } = fromSemanticQuery({ ...savedQuery, dataset: savedDataset });
    setState(restored);
    setVisualization(saved.visualization);
  }, [saved, savedQuery, savedDataset, loadedVersion]);
  const current = state?.dataset === datasetId ? state : emptyState(datasetId);

  return (
    <>
      <PageHeader
        title={saved ? `Edit “${saved.name}”` : 'Build a chart'}
        description="Drag fields (or click them) into Group by, Measures, Split by and Filters; the preview follows."
      />
      {datasets.isPending && <Spinner label="Loading datasets…" />}
      {datasets.data && ready.length === 0 && (
        <EmptyState
          icon={BarChart3}
          title="No datasets yet"
          description="Upload a dataset first."
        />
      )}
      {ready.length > 0 && (
        <div className="space-y-4">
          <SelectField
            label="Dataset"
            className="max-w-xs"
            value={datasetId}
            options={ready.map((dataset) => ({ value: dataset.id, label: dataset.name }))}
            onChange={(event) => {
              setState(null);
              setSearchParams({ dataset: event.target.value }, { replace: true });
            }}
          />
          {datasetId && (
            <Builder
              key={datasetId}
              projectId={projectId}
              datasetId={datasetId}
              state={current}
              onChange={setState}
              visualization={visualization}
              onVisualizationChange={setVisualization}
              chart={saved}
              canSave={canEditProject(project?.role)}
            />
          )}
        </div>
      )}
    </>
  );
}
