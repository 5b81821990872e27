import { LayoutGrid, Plus } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { Spinner } from '@/components/spinner';
import { TextField } from '@/components/text-field';
import { useProject } from '@/features/projects';
import { formatDateTime } from '@/lib/format';
import { canEditProject } from '@/lib/roles';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useCreateDashboard, useDashboards } from '../hooks/use-dashboards';

/** The project's dashboards with search; editors create one, which opens in edit mode. */
export function DashboardsPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  useDocumentTitle('Dashboards', project?.name);
  const [search, setSearch] = useState('');
  const [creating, setCreating] = useState(false);
  const dashboards = useDashboards(projectId, search);
  const items = dashboards.data?.items ?? [];
  const editor = canEditProject(project?.role);

  return (
    <>
      <PageHeader
        title="Dashboards"
        description="Saved charts and notes on a grid, with filters that reach every widget."
        actions={
          editor ? (
            <Button onClick={() => setCreating(true)}>
              <Plus className="h-4 w-4" aria-hidden="true" />
              New dashboard
            </Button>
          ) : undefined
        }
      />
      <label className="mb-4 block max-w-sm">
        <span className="sr-only">Search dashboards</span>
        <input
          type="search"
          placeholder="Search dashboards"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm dark:border-slate-600 dark:bg-slate-900"
        />
      </label>
      {dashboards.isPending && <Spinner label="Loading dashboards…" />}
      {dashboards.error && (
        <ErrorMessage title="The dashboards could not be loaded" error={dashboards.error} />
      )}
      {dashboards.data && items.length === 0 && (
        <EmptyState
          icon={LayoutGrid}
          title={search ? `No dashboard matches “${search}”` : 'No dashboards yet'}
          description="A dashboard puts saved charts, key figures and notes side by side, with filters."
        />
      )}
      {items.length > 0 && (
        <ul aria-label="Dashboards" className="grid gap-3 sm:grid-cols-2 xl:grid-cols-3">
          {items.map((dashboard) => (
            <li key={dashboard.id}>
              <Link
                to={`/projects/${projectId}/dashboards/${dashboard.id}`}
                className="block rounded-lg border border-slate-200 p-4 hover:border-brand-500 dark:border-slate-700"
              >
                <span className="block font-medium">{dashboard.name}</span>
                {dashboard.description && (
                  <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                    {dashboard.description}
                  </span>
                )}
                <span className="mt-2 block text-xs text-slate-500">
                  {dashboard.widgets.length} widget{dashboard.widgets.length === 1 ? '' : 's'} ·
                  version {dashboard.version} · {formatDateTime(dashboard.updatedAt)}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
      {dashboards.data && dashboards.data.total > items.length && (
        <p className="mt-3 text-sm text-slate-500">
          Showing {items.length} of {dashboards.data.total}; search to narrow.
        </p>
      )}
      {creating && (
        <CreateDashboardDialog projectId={projectId} onClose={() => setCreating(false)} />
      )}
    </>
  );
}

function CreateDashboardDialog({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const navigate = useNavigate();
  const create = useCreateDashboard(projectId);
  const [name, setName] = useState('');
  const [key] = useState(() => crypto.randomUUID());

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    create.mutate(
      {
        idempotencyKey: key,
        body: { name: name.trim(), columns: 12, widgets: [], filters: [], note: 'Created' },
      },
      {
        onSuccess: (dashboard) =>
          navigate(`/projects/${projectId}/dashboards/${dashboard.id}?edit=1`),
      },
    );
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="New dashboard"
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button
            type="submit"
            form="new-dashboard"
            loading={create.isPending}
            disabled={!name.trim()}
          >
            Create
          </Button>
        </>
      }
    >
      <form id="new-dashboard" onSubmit={submit} className="space-y-3">
        <TextField
          label="Dashboard name"
          required
          value={name}
          maxLength={200}
          onChange={(event) => setName(event.target.value)}
        />
        {create.error && (
          <ErrorMessage title="The dashboard was not created" error={create.error} />
        )}
      </form>
    </Dialog>
  );
}
