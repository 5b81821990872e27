import { Save } from 'lucide-react';
import { useState } from 'react';
import { Button } from '@/components/button';
import type { Visualization } from '@/charts';
import type { ChartQuery } from '@/lib/api/charts';
import { SaveChartDialog } from './save-chart-dialog';

interface SaveAsChartButtonProps {
  projectId: string;
  query: ChartQuery;
  visualization: Visualization;
  defaultName?: string;
}

/** "Save as chart" for any result (an SQL result, an Ask answer, a dataset preview). */
export function SaveAsChartButton({
  projectId,
  query,
  visualization,
  defaultName,
}: SaveAsChartButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        <Save className="h-4 w-4" aria-hidden="true" />
        Save as chart
      </Button>
      {open && (
        <SaveChartDialog
          open
          onClose={() => setOpen(false)}
          projectId={projectId}
          query={query}
          visualization={visualization}
          defaultName={defaultName}
        />
      )}
    </>
  );
}
