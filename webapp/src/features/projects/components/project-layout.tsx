import { FolderX } from 'lucide-react';
import { Link, Outlet, useParams } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';
import { ErrorMessage } from '@/components/error-message';
import { PageSpinner } from '@/components/spinner';
import { isApiError } from '@/lib/api/api-error';
import { useProject } from '../hooks/use-projects';

/** Wraps every /projects/:projectId/* page: loads the project once, handles "not found". */
export function ProjectLayout() {
  const { projectId = '' } = useParams();
  const project = useProject(projectId);
  if (project.isPending) return <PageSpinner label="Loading project…" />;
  if (project.isError) {
    if (isApiError(project.error, 404))
      return (
        <EmptyState
          icon={FolderX}
          title="Project not found"
          description="It may have been deleted, or you are not a member of it."
          action={
            <Link
              to="/projects"
              className="font-medium text-brand-600 hover:underline dark:text-brand-100"
            >
              Back to your projects
            </Link>
          }
        />
      );
    return (
      <ErrorMessage
        title="Could not load the project"
        error={project.error}
        onRetry={() => void project.refetch()}
      />
    );
  }
  return <Outlet />;
}
