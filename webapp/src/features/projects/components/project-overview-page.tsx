import { Activity, Database, Pencil, Trash2, Users } from 'lucide-react';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button, focusRing } from '@/components/button';
import { PageHeader } from '@/components/page-header';
import { PageSpinner } from '@/components/spinner';
import { cn } from '@/lib/cn';
import { formatDateTime } from '@/lib/format';
import { canEditProject, canManageProject, ROLE_DESCRIPTIONS, ROLE_LABELS } from '@/lib/roles';
import { useProject } from '../hooks/use-projects';
import { DeleteProjectDialog } from './delete-project-dialog';
import { RenameProjectDialog } from './rename-project-dialog';
import { useDocumentTitle } from '@/lib/use-document-title';

export function ProjectOverviewPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  const navigate = useNavigate();
  const [open, setOpen] = useState<'rename' | 'delete' | null>(null);
  useDocumentTitle(project?.name);
  if (!project) return <PageSpinner />;

  const next = [
    {
      to: 'datasets',
      icon: Database,
      title: 'Datasets',
      text: 'Upload CSV and Excel files; each becomes a table you can explore.',
    },
    {
      to: 'members',
      icon: Users,
      title: 'Members',
      text: 'See who has access, and invite people by email.',
    },
    {
      to: 'activity',
      icon: Activity,
      title: 'Activity',
      text: 'Every change made in this project, newest first.',
    },
  ];

  return (
    <>
      <PageHeader
        title={project.name}
        description={project.description || undefined}
        actions={
          <>
            {canEditProject(project.role) && (
              <Button variant="secondary" onClick={() => setOpen('rename')}>
                <Pencil className="h-4 w-4" aria-hidden="true" />
                Rename
              </Button>
            )}
            {canManageProject(project.role) && (
              <Button variant="secondary" onClick={() => setOpen('delete')}>
                <Trash2 className="h-4 w-4 text-red-600 dark:text-red-400" aria-hidden="true" />
                Delete
              </Button>
            )}
          </>
        }
      />
      <dl className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 text-sm sm:grid-cols-3 dark:border-slate-800 dark:bg-slate-900">
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Your role</dt>
          <dd className="mt-1 flex flex-col items-start gap-1">
            <Badge tone={project.role === 'owner' ? 'brand' : 'neutral'}>
              {ROLE_LABELS[project.role]}
            </Badge>
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {ROLE_DESCRIPTIONS[project.role]}
            </span>
          </dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Created</dt>
          <dd className="mt-1">{formatDateTime(project.createdAt)}</dd>
        </div>
        <div>
          <dt className="text-slate-500 dark:text-slate-400">Last updated</dt>
          <dd className="mt-1">{formatDateTime(project.updatedAt)}</dd>
        </div>
      </dl>
      <h2 className="mb-3 mt-8 text-base font-semibold">In this project</h2>
      <ul className="grid gap-4 sm:grid-cols-2">
        {next.map(({ to, icon: Icon, title, text }) => (
          <li key={to}>
            <Link
              to={to}
              className={cn(
                'flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 hover:border-brand-500 dark:border-slate-800 dark:bg-slate-900',
                focusRing,
              )}
            >
              <Icon className="mt-0.5 h-5 w-5 text-brand-500" aria-hidden="true" />
              <span>
                <span className="block font-medium">{title}</span>
                <span className="block text-sm text-slate-600 dark:text-slate-400">{text}</span>
              </span>
            </Link>
          </li>
        ))}
      </ul>
      <RenameProjectDialog
        project={project}
        open={open === 'rename'}
        onClose={() => setOpen(null)}
      />
      <DeleteProjectDialog
        project={project}
        open={open === 'delete'}
        onClose={() => setOpen(null)}
        onDeleted={() => navigate('/projects', { replace: true })}
      />
    </>
  );
}
