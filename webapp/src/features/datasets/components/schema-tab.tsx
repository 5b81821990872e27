import { useMemo, useState } from 'react';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ProgressBar } from '@/components/progress-bar';
import { SelectField } from '@/components/select-field';
import { ApiError, errorMessage } from '@/lib/api/api-error';
import { COLUMN_TYPE_LABELS, COLUMN_TYPES, isColumnType, isInProgress } from '../dataset-status';
import { useRetypeDataset } from '../hooks/use-datasets';
import type { ColumnType, Dataset } from '../types';
import { describeLoad } from '../upload-progress';
import { LoadError } from './error-details';

const TYPE_OPTIONS = COLUMN_TYPES.map((type) => ({ value: type, label: COLUMN_TYPE_LABELS[type] }));

interface SchemaTabProps {
  projectId: string;
  dataset: Dataset;
  canEdit: boolean;
}

/**
 * The columns as loaded: header label, SQL name, type. Editors correct types and apply them
 * together; the server reloads the stored original with the new types, or answers 422 with
 * the values that do not convert (and the previous version stays live).
 */
export function SchemaTab({ projectId, dataset, canEdit }: SchemaTabProps) {
  const retype = useRetypeDataset(projectId, dataset.id);
  const [draft, setDraft] = useState<Record<string, ColumnType>>({});
  const changes = useMemo(
    () =>
      dataset.columns
        .filter((column) => draft[column.name] !== undefined && draft[column.name] !== column.type)
        .map((column) => ({ name: column.name, type: draft[column.name] as ColumnType })),
    [dataset.columns, draft],
  );
  const loading = retype.isPending || isInProgress(dataset.status);
  const progress = retype.isPending && isInProgress(dataset.status) ? describeLoad(dataset) : null;

  function apply() {
    retype.mutate(changes, { onSuccess: () => setDraft({}) });
  }

  if (dataset.columns.length === 0)
    return (
      <p className="text-sm text-slate-600 dark:text-slate-400">
        No columns yet: the file has not loaded.
      </p>
    );

  return (
    <div className="space-y-4">
      {canEdit && (
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Types were detected from the whole file. Change one where the detection guessed wrong,
          then apply: the file is loaded again with your types.
        </p>
      )}
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Columns of {dataset.name}</caption>
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-3 font-medium">
                Column
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                SQL name
              </th>
              <th scope="col" className="px-4 py-3 font-medium">
                Type
              </th>
              <th scope="col" className="hidden px-4 py-3 font-medium sm:table-cell">
                Empty values
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
            {dataset.columns.map((column) => {
              const value = draft[column.name] ?? column.type;
              const changed = value !== column.type;
              return (
                <tr key={column.name}>
                  <th scope="row" className="px-4 py-2 font-medium">
                    {column.label}
                  </th>
                  <td className="px-4 py-2 font-mono text-xs">{column.name}</td>
                  <td className="px-4 py-2">
                    {canEdit ? (
                      <span className="flex items-center gap-2">
                        <SelectField
                          label={`Type of ${column.label}`}
                          hideLabel
                          options={TYPE_OPTIONS}
                          value={value}
                          disabled={loading}
                          className="w-36"
                          onChange={(event) => {
                            const type = event.target.value;
                            if (isColumnType(type))
                              setDraft((d) => ({ ...d, [column.name]: type }));
                          }}
                        />
                        {changed && (
                          <Badge tone="amber">
                            was {COLUMN_TYPE_LABELS[column.type].toLowerCase()}
                          </Badge>
                        )}
                      </span>
                    ) : (
                      <Badge>{COLUMN_TYPE_LABELS[column.type]}</Badge>
                    )}
                  </td>
                  <td className="hidden px-4 py-2 text-slate-600 sm:table-cell dark:text-slate-400">
                    {column.nullable ? 'Allowed' : 'None'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <Button
            onClick={apply}
            disabled={changes.length === 0 || isInProgress(dataset.status)}
            loading={retype.isPending}
          >
            {changes.length > 1 ? `Apply ${changes.length} type changes` : 'Apply type change'}
          </Button>
          {changes.length > 0 && !retype.isPending && (
            <Button variant="ghost" onClick={() => setDraft({})}>
              Discard changes
            </Button>
          )}
        </div>
      )}
      {retype.isPending && (
        <ProgressBar
          label="Reload progress"
          text={progress?.text ?? 'Reloading with the new types…'}
          percent={progress?.percent ?? null}
          phase="Reloading"
          className="max-w-xl"
        />
      )}
      {retype.isSuccess && (
        <p role="status" className="text-sm text-emerald-700 dark:text-emerald-300">
          Types applied: version {retype.data.version} is live.
        </p>
      )}
      {/* A refused reload is then shown once, by the dataset page, from the dataset's lastLoadError. */}
      {retype.isError &&
        !(
          retype.error instanceof ApiError &&
          dataset.lastLoadError?.mode === 'retype' &&
          dataset.lastLoadError.code === retype.error.code
        ) && (
          <LoadError
            title="The types were not changed"
            message={errorMessage(retype.error)}
            details={retype.error instanceof ApiError ? retype.error.details : {}}
          />
        )}
    </div>
  );
}
