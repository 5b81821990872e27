import { useNavigate } from 'react-router-dom';
import { useCreateProject } from '../hooks/use-projects';
import { ProjectFormDialog } from './project-form-dialog';

interface CreateProjectDialogProps {
  open: boolean;
  onClose: () => void;
}

export function CreateProjectDialog({ open, onClose }: CreateProjectDialogProps) {
  const create = useCreateProject();
  const navigate = useNavigate();
  function close() {
    create.reset();
    onClose();
  }
  return (
    <ProjectFormDialog
      open={open}
      title="New project"
      submitLabel="Create project"
      pending={create.isPending}
      error={create.error}
      onClose={close}
      onSubmit={({ name, description }) =>
        create.mutate(
          { name, ...(description ? { description } : {}) },
          {
            onSuccess: (project) => {
              close();
              navigate(`/projects/${project.id}`);
            },
          },
        )
      }
    />
  );
}
