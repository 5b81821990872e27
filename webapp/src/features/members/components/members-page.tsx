import { useQueryClient } from '@tanstack/react-query';
import { LogOut, UserMinus } from 'lucide-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { PageSpinner, Spinner } from '@/components/spinner';
import { SelectField } from '@/components/select-field';
import { useMe } from '@/features/auth';
import { projectKeys, useProject } from '@/features/projects';
import { formatDate } from '@/lib/format';
import { canManageProject, isRole, ROLE_LABELS, ROLE_OPTIONS } from '@/lib/roles';
import { useMembers, useRemoveMember, useUpdateMemberRole } from '../hooks/use-members';
import type { Member } from '../types';
import { AddMemberForm } from './add-member-form';
import { useDocumentTitle } from '@/lib/use-document-title';

export function MembersPage() {
  const { projectId = '' } = useParams();
  const { data: project } = useProject(projectId);
  const members = useMembers(projectId);
  const { data: me } = useMe();
  const updateRole = useUpdateMemberRole(projectId);
  const remove = useRemoveMember(projectId);
  const [removing, setRemoving] = useState<Member | null>(null);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  useDocumentTitle('Members', project?.name);

  if (!project) return <PageSpinner />;
  const isOwner = canManageProject(project.role);
  const writeError = updateRole.error ?? null;

  function confirmRemove() {
    if (!removing) return;
    const leaving = removing.userId === me?.id;
    remove.mutate(removing.userId, {
      onSuccess: () => {
        setRemoving(null);
        if (leaving) {
          navigate('/projects', { replace: true });
          void queryClient.invalidateQueries({ queryKey: projectKeys.all });
        }
      },
    });
  }

  function cancelRemove() {
    remove.reset();
    setRemoving(null);
  }

  return (
    <>
      <PageHeader
        title="Members"
        description={`People who can open ${project.name}, and what they can do.`}
      />
      {isOwner ? (
        <AddMemberForm projectId={projectId} />
      ) : (
        <p className="mb-6 rounded-md bg-slate-100 p-3 text-sm text-slate-700 dark:bg-slate-800 dark:text-slate-300">
          You are {project.role === 'editor' ? 'an editor' : 'a viewer'} here. Only owners can add
          or remove members and change roles.
        </p>
      )}
      {writeError ? <ErrorMessage error={writeError} className="mb-4" /> : null}
      {members.isPending ? (
        <PageSpinner label="Loading members…" />
      ) : members.isError ? (
        <ErrorMessage
          title="Could not load members"
          error={members.error}
          onRetry={() => void members.refetch()}
        />
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Members of {project.name}</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Email
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Role
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Added
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {members.data.map((member) => {
                const isMe = member.userId === me?.id;
                const changing =
                  updateRole.isPending && updateRole.variables.userId === member.userId;
                return (
                  <tr key={member.userId}>
                    <td className="px-4 py-3 font-medium">
                      {member.name}
                      {isMe && (
                        <span className="ml-1 font-normal text-slate-500 dark:text-slate-400">
                          (you)
                        </span>
                      )}
                    </td>
                    <td className="px-4 py-3 text-slate-600 dark:text-slate-400">{member.email}</td>
                    <td className="px-4 py-3">
                      {isOwner ? (
                        <span className="flex items-center gap-2">
                          <SelectField
                            label={`Role for ${member.name}`}
                            hideLabel
                            options={ROLE_OPTIONS}
                            value={member.role}
                            disabled={changing}
                            className="w-32"
                            onChange={(event) => {
                              const role = event.target.value;
                              if (isRole(role)) updateRole.mutate({ userId: member.userId, role });
                            }}
                          />
                          {changing && <Spinner label="Saving…" />}
                        </span>
                      ) : (
                        <Badge tone={member.role === 'owner' ? 'brand' : 'neutral'}>
                          {ROLE_LABELS[member.role]}
                        </Badge>
                      )}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">
                      {formatDate(member.addedAt)}
                    </td>
                    <td className="whitespace-nowrap px-4 py-3 text-right">
                      {isOwner && !isMe && (
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Remove ${member.name}`}
                          onClick={() => setRemoving(member)}
                        >
                          <UserMinus className="h-4 w-4" aria-hidden="true" />
                          <span className="hidden sm:inline">Remove</span>
                        </Button>
                      )}
                      {isMe && (
                        <Button variant="ghost" size="sm" onClick={() => setRemoving(member)}>
                          <LogOut className="h-4 w-4" aria-hidden="true" />
                          Leave project
                        </Button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={removing !== null}
        title={
          removing?.userId === me?.id
            ? `Leave “${project.name}”?`
            : `Remove ${removing?.name ?? ''}?`
        }
        description={
          removing?.userId === me?.id
            ? 'You will lose access to this project until an owner adds you again.'
            : `${removing?.name ?? ''} (${removing?.email ?? ''}) will lose access to ${project.name}.`
        }
        confirmLabel={removing?.userId === me?.id ? 'Leave project' : 'Remove member'}
        pending={remove.isPending}
        error={remove.error}
        onCancel={cancelRemove}
        onConfirm={confirmRemove}
      />
    </>
  );
}
