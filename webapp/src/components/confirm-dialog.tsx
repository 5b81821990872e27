import type { ReactNode } from 'react';
import { inUseList } from '@/lib/api/used-by';
import { Button } from './button';
import { Dialog } from './dialog';
import { ErrorMessage } from './error-message';
import { UsedByList } from './used-by-list';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  description: ReactNode;
  confirmLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  pending?: boolean;
  error?: unknown;
  /**
   * For deletions the server refuses while something uses the thing (409 `in_use`): the dialog
   * then lists what uses it and offers `forceLabel` ("Delete anyway"), which calls `onForce`.
   */
  inUse?: { projectId: string; onForce: () => void; forceLabel?: string };
}

/** Asks before a destructive action. Cancel gets initial focus so Enter never destroys by accident. */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  onConfirm,
  onCancel,
  pending,
  error,
  inUse,
}: ConfirmDialogProps) {
  const users = inUse ? inUseList(error) : null;
  return (
    <Dialog
      open={open}
      onClose={onCancel}
      title={title}
      description={description}
      alert
      footer={
        <>
          <Button variant="secondary" onClick={onCancel} data-autofocus>
            Cancel
          </Button>
          {users && inUse ? (
            <Button variant="danger" onClick={inUse.onForce} loading={pending}>
              {inUse.forceLabel ?? 'Delete anyway'}
            </Button>
          ) : (
            <Button variant="danger" onClick={onConfirm} loading={pending}>
              {confirmLabel}
            </Button>
          )}
        </>
      }
    >
      {users && inUse ? (
        <div
          role="region"
          aria-label="In use"
          className="space-y-2 rounded-md border border-amber-200 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950/40 dark:text-amber-100"
        >
          <p>{error instanceof Error ? error.message : 'It is in use.'}</p>
          <UsedByList projectId={inUse.projectId} items={users} label="Used by" />
          <p>Deleting anyway leaves those broken until they are changed.</p>
        </div>
      ) : error ? (
        <ErrorMessage error={error} />
      ) : null}
    </Dialog>
  );
}
