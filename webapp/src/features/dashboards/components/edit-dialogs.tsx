import { useState, type FormEvent } from 'react';
import { CHART_NAMES } from '@/charts';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { SelectField } from '@/components/select-field';
import { Spinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import type { SavedChart } from '@/lib/api/charts';
import type { DashboardFilter, DashboardWidget } from '@/lib/api/dashboards';
import { filterLabel, PRESET_LABELS } from '../lib/filter-labels';
import { DATE_RANGE_PRESETS, FILTER_TYPES, type FilterType } from '../lib/filter-state';

export interface AddWidgetDialogProps {
  charts: readonly SavedChart[];
  loading: boolean;
  error: unknown;
  onAdd: (chart: SavedChart, type: 'chart' | 'kpi') => void;
  onClose: () => void;
}

/** Pick saved charts to add; each is placed in the first free slot of the grid. */
export function AddWidgetDialog({ charts, loading, error, onAdd, onClose }: AddWidgetDialogProps) {
  const [search, setSearch] = useState('');
  const words = search.trim().toLowerCase();
  const shown = charts.filter((c) => !words || c.name.toLowerCase().includes(words));
  return (
    <Dialog
      open
      onClose={onClose}
      title="Add a saved chart"
      description="Each chart is added where there is room; drag it where you want it."
      className="max-w-2xl"
      footer={
        <Button variant="secondary" onClick={onClose}>
          Done
        </Button>
      }
    >
      <TextField
        label="Search saved charts"
        type="search"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      {loading && <Spinner label="Loading charts…" />}
      {error !== null && error !== undefined && (
        <ErrorMessage title="The charts could not be loaded" error={error} />
      )}
      {!loading && shown.length === 0 && (
        <p className="mt-3 text-sm text-slate-500">
          {charts.length === 0 ? 'This project has no saved chart yet.' : 'No chart matches.'}
        </p>
      )}
      <ul aria-label="Saved charts" className="mt-3 max-h-80 space-y-1 overflow-auto">
        {shown.map((chart) => (
          <li
            key={chart.id}
            className="flex items-center gap-2 rounded border border-slate-200 px-3 py-2 dark:border-slate-700"
          >
            <span className="min-w-0 flex-1">
              <span className="block truncate text-sm font-medium">{chart.name}</span>
              <span className="text-xs text-slate-500">
                {CHART_NAMES[chart.visualization.type]}
              </span>
            </span>
            <Button
              size="sm"
              aria-label={`Add ${chart.name}`}
              onClick={() => onAdd(chart, 'chart')}
            >
              Add
            </Button>
            <Button
              size="sm"
              variant="secondary"
              aria-label={`Add ${chart.name} as a key figure`}
              onClick={() => onAdd(chart, 'kpi')}
            >
              As key figure
            </Button>
          </li>
        ))}
      </ul>
    </Dialog>
  );
}

const TYPE_LABELS: Record<FilterType, string> = {
  date_range: 'Date range',
  values: 'Values (multi-select)',
  number_range: 'Number range',
};

export interface FilterEditorDialogProps {
  /** Members seen in the widgets' data, offered as suggestions. */
  members: readonly string[];
  nextId: string;
  onAdd: (filter: DashboardFilter) => void;
  onClose: () => void;
}

/** Adds a dashboard filter on a member; it reaches every widget whose model has the member. */
export function FilterEditorDialog({ members, nextId, onAdd, onClose }: FilterEditorDialogProps) {
  const [type, setType] = useState<FilterType>('values');
  const [member, setMember] = useState(members[0] ?? '');
  const [label, setLabel] = useState('');
  const [preset, setPreset] = useState('');
  const listId = `members-${nextId}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!member.trim()) return;
    onAdd({
      id: nextId,
      type,
      member: member.trim(),
      label: label.trim() || null,
      default: type === 'values' ? [] : type === 'date_range' && preset ? preset : null,
    } as DashboardFilter);
  };
  return (
    <Dialog
      open
      onClose={onClose}
      title="Add a filter"
      description="A filter reaches every widget whose data has the member, directly or through a relationship."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="add-filter" disabled={!member.trim()}>
            Add filter
          </Button>
        </>
      }
    >
      <form id="add-filter" onSubmit={submit} className="space-y-3">
        <SelectField
          label="Filter type"
          value={type}
          onChange={(event) => setType(event.target.value as FilterType)}
          options={FILTER_TYPES.map((t) => ({ value: t, label: TYPE_LABELS[t] }))}
        />
        <TextField
          label="Member"
          required
          list={listId}
          value={member}
          hint="A dimension of the model, e.g. region or order_date."
          onChange={(event) => setMember(event.target.value)}
        />
        <datalist id={listId}>
          {members.map((m) => (
            <option key={m} value={m} />
          ))}
        </datalist>
        <TextField
          label="Label"
          value={label}
          maxLength={200}
          onChange={(event) => setLabel(event.target.value)}
        />
        {type === 'date_range' && (
          <SelectField
            label="Default period"
            value={preset}
            onChange={(event) => setPreset(event.target.value)}
            options={[
              { value: '', label: 'Any time' },
              ...DATE_RANGE_PRESETS.map((p) => ({ value: p, label: PRESET_LABELS[p] })),
            ]}
          />
        )}
      </form>
    </Dialog>
  );
}

export interface SaveDialogProps {
  saving: boolean;
  error: unknown;
  onSave: (note: string) => void;
  onClose: () => void;
}

/** Saves the draft as a new version, with a note for the change log. */
export function SaveDialog({ saving, error, onSave, onClose }: SaveDialogProps) {
  const [note, setNote] = useState('');
  return (
    <Dialog
      open
      onClose={onClose}
      title="Save the dashboard"
      description="Every save is a version; the note says what changed."
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="save-dashboard" loading={saving}>
            Save version
          </Button>
        </>
      }
    >
      <form
        id="save-dashboard"
        onSubmit={(event) => {
          event.preventDefault();
          onSave(note.trim());
        }}
        className="space-y-3"
      >
        <TextField
          label="Note"
          value={note}
          maxLength={1000}
          placeholder="What changed"
          onChange={(event) => setNote(event.target.value)}
        />
        {error !== null && error !== undefined && (
          <ErrorMessage title="The dashboard was not saved" error={error} />
        )}
      </form>
    </Dialog>
  );
}

export interface WidgetSettingsDialogProps {
  widget: DashboardWidget;
  /** The title shown when the widget has none of its own (the chart's name). */
  defaultTitle: string;
  filters: readonly DashboardFilter[];
  onApply: (patch: Pick<DashboardWidget, 'title' | 'optOut' | 'ignoreCrossFilters'>) => void;
  onClose: () => void;
}

/** A widget's title and which of the dashboard's filters and cross-filters reach it. */
export function WidgetSettingsDialog({
  widget,
  defaultTitle,
  filters,
  onApply,
  onClose,
}: WidgetSettingsDialogProps) {
  const [title, setTitle] = useState(widget.title ?? '');
  const [optOut, setOptOut] = useState<readonly string[]>(widget.optOut ?? []);
  const [ignoreCross, setIgnoreCross] = useState(widget.ignoreCrossFilters);
  return (
    <Dialog
      open
      onClose={onClose}
      title={`Settings of “${widget.title ?? defaultTitle}”`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="widget-settings">
            Apply
          </Button>
        </>
      }
    >
      <form
        id="widget-settings"
        className="space-y-3"
        onSubmit={(event) => {
          event.preventDefault();
          onApply({
            title: title.trim() || null,
            optOut: [...optOut],
            ignoreCrossFilters: ignoreCross,
          });
        }}
      >
        <TextField
          label="Title"
          value={title}
          maxLength={200}
          placeholder={defaultTitle}
          onChange={(event) => setTitle(event.target.value)}
        />
        {filters.length > 0 && (
          <fieldset>
            <legend className="mb-1 text-sm font-medium">Filters that reach this widget</legend>
            {filters.map((filter) => (
              <label key={filter.id} className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  checked={!optOut.includes(filter.id)}
                  onChange={(event) =>
                    setOptOut((list) =>
                      event.target.checked
                        ? list.filter((id) => id !== filter.id)
                        : [...list, filter.id],
                    )
                  }
                />
                {filterLabel(filter)}
              </label>
            ))}
          </fieldset>
        )}
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={ignoreCross}
            onChange={(event) => setIgnoreCross(event.target.checked)}
          />
          Ignore clicks in other widgets (cross-filters)
        </label>
      </form>
    </Dialog>
  );
}
