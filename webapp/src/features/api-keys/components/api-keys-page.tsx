import { Trash2 } from 'lucide-react';
import { useState } from 'react';
import { Badge } from '@/components/badge';
import { Button } from '@/components/button';
import { ConfirmDialog } from '@/components/confirm-dialog';
import { ErrorMessage } from '@/components/error-message';
import { PageHeader } from '@/components/page-header';
import { PageSpinner } from '@/components/spinner';
import { formatDate } from '@/lib/format';
import { useDocumentTitle } from '@/lib/use-document-title';
import { useApiKeys, useRevokeApiKey } from '../hooks/use-api-keys';
import { keyState, orderedScopes, SCOPE_OPTIONS } from '../key-options';
import type { ApiKey } from '../types';
import { CreateApiKeyForm } from './create-api-key-form';

const SCOPE_LABELS = Object.fromEntries(
  SCOPE_OPTIONS.map((option) => [option.value, option.label]),
);

function Expiry({ apiKey, now }: { apiKey: ApiKey; now: Date }) {
  const state = keyState(apiKey, now);
  if (state === 'expired') return <Badge tone="red">Expired</Badge>;
  if (!apiKey.expiresAt) return <span>Never</span>;
  return state === 'expiring' ? (
    <Badge tone="amber">{formatDate(apiKey.expiresAt)}</Badge>
  ) : (
    <span>{formatDate(apiKey.expiresAt)}</span>
  );
}

export function ApiKeysPage() {
  const keys = useApiKeys();
  const revoke = useRevokeApiKey();
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  useDocumentTitle('API keys');
  const now = new Date();

  function confirmRevoke() {
    if (!revoking) return;
    revoke.mutate(revoking.id, { onSuccess: () => setRevoking(null) });
  }

  return (
    <>
      <PageHeader
        title="API keys"
        description="Keys let programs use the API as you, limited to the scopes you give them."
      />
      <CreateApiKeyForm />
      {keys.isPending ? (
        <PageSpinner label="Loading API keys…" />
      ) : keys.isError ? (
        <ErrorMessage
          title="Could not load API keys"
          error={keys.error}
          onRetry={() => void keys.refetch()}
        />
      ) : keys.data.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">You have no API keys yet.</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Your API keys</caption>
            <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="px-4 py-3 font-medium">
                  Name
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Key
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Scopes
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Created
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Last used
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  Expires
                </th>
                <th scope="col" className="px-4 py-3 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {keys.data.map((key) => (
                <tr key={key.id}>
                  <td className="px-4 py-3 font-medium">{key.name}</td>
                  <td className="px-4 py-3 font-mono text-slate-600 dark:text-slate-400">
                    {key.prefix}…
                  </td>
                  <td className="px-4 py-3">
                    <span className="flex flex-wrap gap-1">
                      {orderedScopes(key.scopes).map((scope) => (
                        <Badge key={scope} tone={scope === 'admin' ? 'brand' : 'neutral'}>
                          {SCOPE_LABELS[scope]}
                        </Badge>
                      ))}
                    </span>
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">
                    {formatDate(key.createdAt)}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">
                    {key.lastUsedAt ? formatDate(key.lastUsedAt) : 'Never'}
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-slate-600 dark:text-slate-400">
                    <Expiry apiKey={key} now={now} />
                  </td>
                  <td className="whitespace-nowrap px-4 py-3 text-right">
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={`Revoke ${key.name}`}
                      onClick={() => setRevoking(key)}
                    >
                      <Trash2 className="h-4 w-4" aria-hidden="true" />
                      <span className="hidden sm:inline">Revoke</span>
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ConfirmDialog
        open={revoking !== null}
        title={`Revoke “${revoking?.name ?? ''}”?`}
        description="Programs using this key stop working at once. This cannot be undone."
        confirmLabel="Revoke key"
        pending={revoke.isPending}
        error={revoke.error}
        onConfirm={confirmRevoke}
        onCancel={() => {
          revoke.reset();
          setRevoking(null);
        }}
      />
    </>
  );
}
