import { useState } from 'react';
import { Badge } from '@/components/badge';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { formatDateTime, formatNumber } from '@/lib/format';
import { isInProgress } from '../dataset-status';
import { useDatasetVersions } from '../hooks/use-datasets';
import type { Dataset, VersionMode } from '../types';
import { UploadPanel } from './upload-panel';

const MODE_LABELS = {
  create: 'First upload',
  replace: 'Replaced',
  append: 'Appended',
  retype: 'Types changed',
} as const;

const MODES: { value: VersionMode; label: string; hint: string }[] = [
  { value: 'replace', label: 'Replace the data', hint: 'The new file becomes the whole dataset.' },
  {
    value: 'append',
    label: 'Append rows',
    hint: 'Adds the new file’s rows; it needs the same columns.',
  },
];

interface VersionsTabProps {
  projectId: string;
  dataset: Dataset;
  canEdit: boolean;
}

export function VersionsTab({ projectId, dataset, canEdit }: VersionsTabProps) {
  const versions = useDatasetVersions(projectId, dataset.id, dataset.version);
  const [mode, setMode] = useState<VersionMode>('replace');
  return (
    <div className="grid gap-8 lg:grid-cols-2">
      <section aria-labelledby="versions-heading">
        <h2 id="versions-heading" className="mb-3 text-base font-semibold">
          History
        </h2>
        {versions.isPending ? (
          <Spinner label="Loading versions…" />
        ) : versions.isError ? (
          <ErrorMessage error={versions.error} onRetry={() => void versions.refetch()} />
        ) : versions.data.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No version has loaded yet.</p>
        ) : (
          <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white dark:divide-slate-800 dark:border-slate-800 dark:bg-slate-900">
            {versions.data.map((v) => (
              <li
                key={v.version}
                className="flex flex-wrap items-center justify-between gap-2 px-4 py-3 text-sm"
              >
                <span className="flex items-center gap-2">
                  <span className="font-medium">Version {v.version}</span>
                  {v.version === dataset.version && <Badge tone="green">Live</Badge>}
                  <span className="text-slate-600 dark:text-slate-400">{MODE_LABELS[v.mode]}</span>
                </span>
                <span className="text-slate-600 dark:text-slate-400">
                  {formatNumber(v.rowCount)} rows · {formatDateTime(v.createdAt)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </section>
      {canEdit && (
        <section aria-labelledby="new-version-heading">
          <h2 id="new-version-heading" className="mb-3 text-base font-semibold">
            Upload a new version
          </h2>
          <fieldset className="mb-4 space-y-2">
            <legend className="mb-1 text-sm font-medium">What to do with the new file</legend>
            {MODES.map((option) => (
              <div key={option.value} className="flex items-start gap-2 text-sm">
                <input
                  id={`version-mode-${option.value}`}
                  type="radio"
                  name="version-mode"
                  value={option.value}
                  checked={mode === option.value}
                  onChange={() => setMode(option.value)}
                  aria-describedby={`version-mode-${option.value}-hint`}
                  className="mt-1 accent-brand-600"
                />
                <span>
                  <label htmlFor={`version-mode-${option.value}`} className="font-medium">
                    {option.label}
                  </label>
                  <span
                    id={`version-mode-${option.value}-hint`}
                    className="block text-slate-600 dark:text-slate-400"
                  >
                    {option.hint}
                  </span>
                </span>
              </div>
            ))}
          </fieldset>
          <UploadPanel
            projectId={projectId}
            version={{ datasetId: dataset.id, mode }}
            disabled={isInProgress(dataset.status)}
          />
          <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
            The current version stays live until the new one has loaded.
          </p>
        </section>
      )}
    </div>
  );
}
