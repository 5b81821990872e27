import { useUpdateProject } from '../hooks/use-projects';
import type { Project, UpdateProjectInput } from '../types';
import { ProjectFormDialog } from './project-form-dialog';

interface RenameProjectDialogProps {
  project: Project;
  open: boolean;
  onClose: () => void;
}

export function RenameProjectDialog({ project, open, onClose }: RenameProjectDialogProps) {
  const update = useUpdateProject(project.id);
  function close() {
    update.reset();
    onClose();
  }
  return (
    <ProjectFormDialog
      open={open}
      title={`Rename “${project.name}”`}
      submitLabel="Save"
      initial={{ name: project.name, description: project.description ?? '' }}
      pending={update.isPending}
      error={update.error}
      onClose={close}
      onSubmit={({ name, description }) => {
        const changes: UpdateProjectInput = {};
        if (name !== project.name) changes.name = name;
        if (description !== (project.description ?? '')) changes.description = description || null;
        if (Object.keys(changes).length === 0) {
          close();
          return;
        }
        update.mutate(changes, { onSuccess: close });
      }}
    />
  );
}
