import { FolderPlus, Pencil, Plus, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button, focusRing } from '@/components/button';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { PageSpinner } from '@/components/spinner';
import { cn } from '@/lib/cn';
import { formatDate } from '@/lib/format';
import { canEditProject, canManageProject, ROLE_LABELS } from '@/lib/roles';
import { useProjects } from '../hooks/use-projects';
import type { Project } from '../types';
import { CreateProjectDialog } from './create-project-dialog';
import { DeleteProjectDialog } from './delete-project-dialog';
import { RenameProjectDialog } from './rename-project-dialog';
import { useDocumentTitle } from '@/lib/use-document-title';

type Open = { kind: 'create' } | { kind: 'rename' | 'delete'; project: Project } | null;

export function ProjectsPage() {
  const projects = useProjects();
  useDocumentTitle('Projects');
  const [open, setOpen] = useState<Open>(null);
  const close = () => setOpen(null);
  const createButton = (
    <Button onClick={() => setOpen({ kind: 'create' })}>
      <Plus className="h-4 w-4" aria-hidden="true" />
      New project
    </Button>
  );

  let body;
  if (projects.isPending) body = <PageSpinner label="Loading projects…" />;
  else if (projects.isError)
    body = (
      <ErrorMessage
        title="Could not load your projects"
        error={projects.error}
        onRetry={() => void projects.refetch()}
      />
    );
  else if (projects.data.length === 0)
    body = (
      <EmptyState
        icon={FolderPlus}
        title="Create your first project to upload data"
        description="A project holds the files you upload, the questions you ask about them, and the people you work with."
        action={
          <Button onClick={() => setOpen({ kind: 'create' })}>
            <Plus className="h-4 w-4" aria-hidden="true" />
            Create project
          </Button>
        }
      />
    );
  else
    body = (
      <ul className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Projects">
        {projects.data.map((project) => (
          <ProjectCard
            key={project.id}
            project={project}
            onRename={() => setOpen({ kind: 'rename', project })}
            onDelete={() => setOpen({ kind: 'delete', project })}
          />
        ))}
      </ul>
    );

  return (
    <>
      <PageHeader
        title="Projects"
        description="Each project keeps its own data, queries and members."
        actions={projects.data && projects.data.length > 0 ? createButton : undefined}
      />
      {body}
      <CreateProjectDialog open={open?.kind === 'create'} onClose={close} />
      {open?.kind === 'rename' && (
        <RenameProjectDialog project={open.project} open onClose={close} />
      )}
      {open?.kind === 'delete' && (
        <DeleteProjectDialog project={open.project} open onClose={close} />
      )}
    </>
  );
}

interface ProjectCardProps {
  project: Project;
  onRename: () => void;
  onDelete: () => void;
}

function ProjectCard({ project, onRename, onDelete }: ProjectCardProps) {
  return (
    <li className="flex flex-col rounded-lg border border-slate-200 bg-white p-4 shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-start justify-between gap-2">
        <h2 className="min-w-0 break-words text-base font-semibold">
          <Link
            to={`/projects/${project.id}`}
            className={cn(
              'rounded hover:text-brand-600 hover:underline dark:hover:text-brand-100',
              focusRing,
            )}
          >
            {project.name}
          </Link>
        </h2>
        <Badge tone={project.role === 'owner' ? 'brand' : 'neutral'}>
          {ROLE_LABELS[project.role]}
        </Badge>
      </div>
      <p className="mt-2 line-clamp-2 flex-1 text-sm text-slate-600 dark:text-slate-400">
        {project.description || <span className="italic">No description</span>}
      </p>
      <div className="mt-4 flex items-center justify-between gap-2">
        <span className="text-xs text-slate-500 dark:text-slate-400">
          Updated {formatDate(project.updatedAt)}
        </span>
        <div className="flex gap-1">
          {canEditProject(project.role) && (
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Rename ${project.name}`}
              title="Rename"
              onClick={onRename}
            >
              <Pencil className="h-4 w-4" aria-hidden="true" />
            </Button>
          )}
          {canManageProject(project.role) && (
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Delete ${project.name}`}
              title="Delete"
              onClick={onDelete}
            >
              <Trash2 className="h-4 w-4 text-red-600 dark:text-red-400" aria-hidden="true" />
            </Button>
          )}
        </div>
      </div>
    </li>
  );
}
