import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { TextAreaField } from '@/components/text-area-field';
import { TextField } from '@/components/text-field';

export interface ProjectFormValues {
  name: string;
  description: string;
}

interface ProjectFormDialogProps {
  open: boolean;
  title: string;
  submitLabel: string;
  initial?: ProjectFormValues;
  pending: boolean;
  error: unknown;
  onSubmit: (values: ProjectFormValues) => void;
  onClose: () => void;
}

const EMPTY: ProjectFormValues = { name: '', description: '' };

/** The name/description form behind both "New project" and "Rename". */
export function ProjectFormDialog({
  open,
  title,
  submitLabel,
  initial = EMPTY,
  pending,
  error,
  onSubmit,
  onClose,
}: ProjectFormDialogProps) {
  const [values, setValues] = useState(initial);
  const [nameError, setNameError] = useState<string>();
  const nameRef = useRef<HTMLInputElement>(null);

  // Start from the current values each time the dialog opens.
  const { name, description } = initial;
  useEffect(() => {
    if (open) {
      setValues({ name, description });
      setNameError(undefined);
    }
  }, [open, name, description]);

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = values.name.trim();
    if (!trimmed) {
      setNameError('Give the project a name.');
      nameRef.current?.focus();
      return;
    }
    setNameError(undefined);
    onSubmit({ name: trimmed, description: values.description.trim() });
  }

  return (
    <Dialog open={open} onClose={onClose} title={title}>
      <form noValidate onSubmit={submit} className="space-y-4">
        {error ? <ErrorMessage error={error} /> : null}
        <TextField
          ref={nameRef}
          label="Project name"
          required
          maxLength={200}
          value={values.name}
          onChange={(event) => setValues((v) => ({ ...v, name: event.target.value }))}
          error={nameError}
        />
        <TextAreaField
          label="Description (optional)"
          maxLength={2000}
          value={values.description}
          onChange={(event) => setValues((v) => ({ ...v, description: event.target.value }))}
          hint="What is this project about? Shown to everyone in it."
        />
        <div className="flex justify-end gap-2 pt-2">
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={pending}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
