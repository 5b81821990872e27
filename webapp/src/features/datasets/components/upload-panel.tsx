import { CheckCircle2, X } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '@/components/button';
import { ProgressBar } from '@/components/progress-bar';
import { TextField } from '@/components/text-field';
import { formatNumber } from '@/lib/format';
import { STATUS_LABELS } from '../dataset-status';
import { useUpload } from '../hooks/use-upload';
import type { Dataset, VersionMode } from '../types';
import { describeUpload } from '../upload-progress';
import { DropZone } from './drop-zone';
import { LoadError } from './error-details';

interface UploadPanelProps {
  projectId: string;
  /** Upload a new version of this dataset instead of a new dataset. */
  version?: { datasetId: string; mode: VersionMode };
  onReady?: (dataset: Dataset) => void;
  /** Called when a file has been chosen and the upload begins. */
  onStart?: () => void;
  /** Disable the zone from outside (e.g. while another load of the dataset runs). */
  disabled?: boolean;
}

/**
 * Drop zone + progress + the server's verdict, for new datasets and new versions alike.
 * Focus follows the work: to Cancel while bytes go out, back to the zone when cancelled,
 * to the error when the server refuses the file.
 */
export function UploadPanel({ projectId, version, onReady, onStart, disabled }: UploadPanelProps) {
  const { state, start, cancel, reset } = useUpload(projectId, onReady);
  const [name, setName] = useState('');
  const zone = useRef<HTMLButtonElement>(null);
  const cancelButton = useRef<HTMLButtonElement>(null);
  const errorBox = useRef<HTMLDivElement>(null);
  const progress = describeUpload(state);
  const busy =
    state.step === 'uploading' ||
    state.step === 'processing' ||
    (state.step === 'ready' && !version);

  useEffect(() => {
    if (state.step === 'uploading') cancelButton.current?.focus();
    else if (state.step === 'cancelled') zone.current?.focus();
    else if (state.step === 'failed') errorBox.current?.focus();
  }, [state.step]);

  function upload(file: File) {
    onStart?.();
    void start(file, version ? { kind: 'version', ...version } : { kind: 'new', name });
  }

  const phase =
    state.step === 'uploading'
      ? 'Uploading'
      : state.step === 'processing' || state.step === 'ready'
        ? STATUS_LABELS[state.dataset.status]
        : undefined;

  return (
    <div className="space-y-4">
      {!version && !busy && (
        <TextField
          label="Name (optional)"
          hint="Defaults to the file name."
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
          className="max-w-md"
        />
      )}
      {!busy && <DropZone ref={zone} onFile={upload} disabled={disabled} />}
      {progress && (
        <div className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900">
          <p className="mb-2 truncate text-sm text-slate-600 dark:text-slate-400">
            {state.step !== 'idle' ? state.fileName : ''}
          </p>
          <div className="flex items-end gap-3">
            <ProgressBar
              label="Upload progress"
              text={progress.text}
              percent={progress.percent}
              phase={phase}
              tone={state.step === 'ready' ? 'green' : 'brand'}
              className="flex-1"
            />
            {state.step === 'uploading' && (
              <Button ref={cancelButton} variant="secondary" size="sm" onClick={cancel}>
                <X className="h-4 w-4" aria-hidden="true" />
                Cancel upload
              </Button>
            )}
          </div>
          {state.step === 'processing' && (
            <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
              The file is on the server; you can leave this page and the load carries on.
            </p>
          )}
        </div>
      )}
      {state.step === 'ready' && version && (
        <p
          role="status"
          className="flex items-center gap-2 text-sm text-emerald-700 dark:text-emerald-300"
        >
          <CheckCircle2 className="h-4 w-4" aria-hidden="true" />
          Version {state.dataset.version} is live with {formatNumber(state.dataset.rowCount ?? 0)}{' '}
          rows.
        </p>
      )}
      {state.step === 'failed' && (
        <div className="space-y-2">
          <LoadError
            ref={errorBox}
            title={`Could not load ${state.fileName}`}
            message={state.message}
            details={state.details}
          />
          <Button variant="ghost" size="sm" onClick={reset}>
            Dismiss
          </Button>
        </div>
      )}
      {state.step === 'cancelled' && (
        <p role="status" className="text-sm text-slate-600 dark:text-slate-400">
          Upload of {state.fileName} cancelled.
        </p>
      )}
    </div>
  );
}
