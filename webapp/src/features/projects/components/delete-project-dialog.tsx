import { ConfirmDialog } from '@/components/confirm-dialog';
import { useDeleteProject } from '../hooks/use-projects';
import type { Project } from '../types';

interface DeleteProjectDialogProps {
  project: Project;
  open: boolean;
  onClose: () => void;
  onDeleted?: () => void;
}

export function DeleteProjectDialog({
  project,
  open,
  onClose,
  onDeleted,
}: DeleteProjectDialogProps) {
  const remove = useDeleteProject();
  function close() {
    remove.reset();
    onClose();
  }
  return (
    <ConfirmDialog
      open={open}
      title={`Delete “${project.name}”?`}
      description={
        <>
          This permanently deletes{' '}
          <strong className="font-semibold text-slate-900 dark:text-slate-100">
            {project.name}
          </strong>{' '}
          and all its data for every member. It cannot be undone.
        </>
      }
      confirmLabel="Delete project"
      pending={remove.isPending}
      error={remove.error}
      onCancel={close}
      onConfirm={() =>
        remove.mutate(project, {
          onSuccess: () => {
            close();
            onDeleted?.();
          },
        })
      }
    />
  );
}
