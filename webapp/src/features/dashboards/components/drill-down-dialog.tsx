import { Download } from 'lucide-react';
import { useState } from 'react';
import { toCsv } from '@/charts';
import { Button } from '@/components/button';
import { DataTable } from '@/components/data-table';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { useWidgetRows } from '../hooks/use-dashboards';
import { describeMark } from '../lib/filter-labels';
import type { DashboardFilterState } from '../lib/filter-state';

export interface DrillDownDialogProps {
  projectId: string;
  dashboardId: string;
  widgetId: string;
  widgetTitle: string;
  state: DashboardFilterState;
  /** The clicked mark: result column → value. */
  mark: Readonly<Record<string, unknown>>;
  onClose: () => void;
}

/** The rows behind a mark, a page at a time, through the widget's filters and the mark's values. */
export function DrillDownDialog({
  projectId,
  dashboardId,
  widgetId,
  widgetTitle,
  state,
  mark,
  onClose,
}: DrillDownDialogProps) {
  const rows = useWidgetRows(projectId, dashboardId, widgetId, state, mark);
  const [page, setPage] = useState(0);
  const pages = rows.data?.pages ?? [];
  const current = pages[page];
  const hasNext = page < pages.length - 1 || rows.hasNextPage;
  const next = () => {
    if (page < pages.length - 1) setPage(page + 1);
    else
      void rows.fetchNextPage().then((result) => {
        if (!result.isError) setPage((p) => p + 1);
      });
  };
  const download = () => {
    if (!current) return;
    const blob = new Blob([toCsv({ columns: current.columns, rows: current.rows })], {
      type: 'text/csv;charset=utf-8',
    });
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.download = `${widgetTitle} rows.csv`;
    link.click();
    URL.revokeObjectURL(url);
  };
  const title = `Rows behind ${describeMark(mark)}`;

  return (
    <Dialog
      open
      onClose={onClose}
      title={title}
      description={`${widgetTitle}, with the dashboard's filters.`}
      className="max-w-5xl"
      footer={
        <>
          <Button variant="secondary" onClick={download} disabled={!current}>
            <Download className="h-4 w-4" aria-hidden="true" />
            Download this page (CSV)
          </Button>
          <Button variant="secondary" disabled={page === 0} onClick={() => setPage(page - 1)}>
            Previous page
          </Button>
          <Button
            variant="secondary"
            disabled={!hasNext}
            loading={rows.isFetchingNextPage}
            onClick={next}
          >
            Next page
          </Button>
        </>
      }
    >
      {rows.isPending && <Spinner label="Loading the rows…" />}
      {rows.error && <ErrorMessage title="The rows could not be loaded" error={rows.error} />}
      {current && (
        <>
          <p className="mb-2 text-sm text-slate-500" aria-live="polite">
            Page {page + 1} · {current.rows.length} row{current.rows.length === 1 ? '' : 's'}
            {current.source === 'dataset' ? ' of the dataset' : ' of the chart’s result'}
          </p>
          <DataTable label={title} columns={current.columns} rows={current.rows} />
        </>
      )}
    </Dialog>
  );
}
