import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { TextField } from '@/components/text-field';
import type { Visualization } from '@/charts';
import type { ChartQuery, SavedChart } from '@/lib/api/charts';
import { useSaveChart } from '../hooks/use-charts';

export interface SaveChartDialogProps {
  open: boolean;
  onClose: () => void;
  projectId: string;
  query: ChartQuery;
  visualization: Visualization;
  /** Saving over an existing chart (a new version); absent for "Save as" and a new chart. */
  existing?: Pick<SavedChart, 'id' | 'version' | 'name' | 'description'> | null;
  defaultName?: string;
  /** After saving; by default the saved chart's page opens. */
  onSaved?: (chart: SavedChart) => void;
}

/**
 * Names and saves a chart: a semantic query (Ask, the builder) keeps its semantic query, an SQL
 * result keeps its SQL. A retried save sends the same Idempotency-Key, so it never makes two.
 */
export function SaveChartDialog({
  open,
  onClose,
  projectId,
  query,
  visualization,
  existing,
  defaultName = '',
  onSaved,
}: SaveChartDialogProps) {
  const navigate = useNavigate();
  const save = useSaveChart(projectId);
  const [name, setName] = useState(existing?.name ?? defaultName);
  const [description, setDescription] = useState(existing?.description ?? '');
  const [key] = useState(() => crypto.randomUUID());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    save.mutate(
      {
        chartId: existing?.id,
        version: existing?.version,
        idempotencyKey: existing ? undefined : key,
        body: {
          name: name.trim(),
          description: description.trim() || null,
          query,
          // The renderer's settings are the chart's open `visualization` document.
          visualization: { ...visualization },
        },
      },
      {
        onSuccess: (chart) => {
          onClose();
          if (onSaved) onSaved(chart);
          else navigate(`/projects/${projectId}/charts/${chart.id}`);
        },
      },
    );
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={existing ? `Save “${existing.name}”` : 'Save as a chart'}
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="save-chart" loading={save.isPending} disabled={!name.trim()}>
            Save
          </Button>
        </>
      }
    >
      <form id="save-chart" onSubmit={submit} className="space-y-3">
        <TextField
          label="Chart name"
          required
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        <TextField
          label="Description"
          value={description}
          maxLength={2000}
          onChange={(event) => setDescription(event.target.value)}
        />
        {save.error && <ErrorMessage title="The chart was not saved" error={save.error} />}
      </form>
    </Dialog>
  );
}
