import { useEffect, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { TextField } from '@/components/text-field';
import { useRenameDataset } from '../hooks/use-datasets';
import type { Dataset } from '../types';

interface RenameDatasetDialogProps {
  projectId: string;
  dataset: Dataset;
  open: boolean;
  onClose: () => void;
}

/** Renames the dataset; its SQL table name stays, so saved queries keep working. */
export function RenameDatasetDialog({
  projectId,
  dataset,
  open,
  onClose,
}: RenameDatasetDialogProps) {
  const rename = useRenameDataset(projectId, dataset.id);
  const [name, setName] = useState(dataset.name);
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (open) {
      setName(dataset.name);
      setError(undefined);
    }
  }, [open, dataset.name]);

  function close() {
    rename.reset();
    onClose();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) {
      setError('Give the dataset a name.');
      return;
    }
    if (trimmed === dataset.name) {
      close();
      return;
    }
    rename.mutate(trimmed, { onSuccess: close });
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title={`Rename “${dataset.name}”`}
      description={`The table name ${dataset.tableName} does not change.`}
    >
      <form noValidate onSubmit={submit} className="space-y-4">
        {rename.error ? <ErrorMessage error={rename.error} /> : null}
        <TextField
          label="Dataset name"
          required
          maxLength={200}
          value={name}
          error={error}
          onChange={(event) => setName(event.target.value)}
        />
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={close}>
            Cancel
          </Button>
          <Button type="submit" loading={rename.isPending}>
            Save
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
