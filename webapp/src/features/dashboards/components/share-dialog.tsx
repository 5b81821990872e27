import { Check, Copy, Link2 } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { Dialog } from '@/components/dialog';
import { ErrorMessage } from '@/components/error-message';
import { Spinner } from '@/components/spinner';
import { TextAreaField } from '@/components/text-area-field';
import { TextField } from '@/components/text-field';
import type { DashboardLink, DashboardLinkCreated } from '@/lib/api/dashboards';
import { formatDateTime } from '@/lib/format';
import {
  useCreateDashboardLink,
  useDashboardLinks,
  useRevokeDashboardLink,
} from '../hooks/use-dashboards';
import { embedSnippet, expiryOf, linkHint, publicLinkUrl } from '../lib/share-links';

export interface ShareDialogProps {
  projectId: string;
  dashboardId: string;
  dashboardName: string;
  onClose: () => void;
}

/**
 * Public links of a dashboard (editors): the links in force with when they were made and expire,
 * "Create link" with an optional expiry day — its address and embed snippet are shown this once
 * (the server keeps only a digest) — and "Revoke", asked first.
 */
export function ShareDialog({ projectId, dashboardId, dashboardName, onClose }: ShareDialogProps) {
  const links = useDashboardLinks(projectId, dashboardId);
  const create = useCreateDashboardLink(projectId, dashboardId);
  const [day, setDay] = useState('');
  const [dayError, setDayError] = useState<string | undefined>();
  const [created, setCreated] = useState<DashboardLinkCreated | null>(null);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const expiresAt = expiryOf(day);
    if (expiresAt === undefined) {
      setDayError('Choose a day, or leave it empty for a link that does not expire.');
      return;
    }
    setDayError(undefined);
    create.mutate(expiresAt, { onSuccess: (link) => setCreated(link) });
  };

  return (
    <Dialog
      open
      onClose={onClose}
      title="Share the dashboard"
      description="Anyone with a public link sees this dashboard read-only, without signing in, and can filter it. A link runs with your access; it stops working when revoked, when it expires, or if you stop being an editor."
      className="max-w-2xl"
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <form onSubmit={submit} className="mb-4 flex flex-wrap items-end gap-2" noValidate>
        <TextField
          label="Expires on (optional)"
          type="date"
          className="w-48"
          value={day}
          error={dayError}
          onChange={(event) => setDay(event.target.value)}
        />
        <Button type="submit" loading={create.isPending}>
          <Link2 className="h-4 w-4" aria-hidden="true" />
          Create link
        </Button>
      </form>
      {create.error && (
        <ErrorMessage title="The link was not created" error={create.error} className="mb-3" />
      )}
      {created && <CreatedLink link={created} dashboardName={dashboardName} />}
      <section aria-label="Public links">
        <h3 className="mb-2 text-sm font-semibold">Links in force</h3>
        {links.isPending && <Spinner label="Loading the links…" />}
        {links.error && <ErrorMessage title="The links could not be loaded" error={links.error} />}
        {links.data && links.data.items.length === 0 && (
          <p className="text-sm text-slate-500">No public link yet.</p>
        )}
        {links.data && links.data.items.length > 0 && (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {links.data.items.map((link) => (
              <LinkRow
                key={link.id}
                projectId={projectId}
                dashboardId={dashboardId}
                link={link}
                onRevoked={() => {
                  if (created?.id === link.id) setCreated(null);
                }}
              />
            ))}
          </ul>
        )}
      </section>
    </Dialog>
  );
}

/** The link just made: its address and embed snippet, each with a copy button. */
function CreatedLink({
  link,
  dashboardName,
}: {
  link: DashboardLinkCreated;
  dashboardName: string;
}) {
  const url = publicLinkUrl(link.url, window.location.origin);
  const snippet = embedSnippet(url, dashboardName);
  return (
    <section
      aria-label="New link"
      className="mb-4 space-y-3 rounded-md border border-brand-200 bg-brand-50/50 p-3 dark:border-brand-800 dark:bg-brand-900/20"
    >
      <p className="text-sm font-medium">
        Copy the link now: it is shown only this once.
        {link.expiresAt ? ` It works until ${formatDateTime(link.expiresAt)}.` : ''}
      </p>
      <div className="flex items-end gap-2">
        <TextField
          label="Public link"
          readOnly
          value={url}
          className="flex-1"
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={url} label="Copy link" />
      </div>
      <div className="flex items-end gap-2">
        <TextAreaField
          label="Embed"
          readOnly
          rows={3}
          value={snippet}
          className="flex-1 font-mono text-xs"
          onFocus={(event) => event.target.select()}
        />
        <CopyButton text={snippet} label="Copy embed code" />
      </div>
    </section>
  );
}

function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  const [failed, setFailed] = useState(false);
  const copy = () => {
    const clipboard = typeof navigator !== 'undefined' ? navigator.clipboard : undefined;
    if (!clipboard) {
      setFailed(true);
      return;
    }
    clipboard.writeText(text).then(
      () => {
        setCopied(true);
        setFailed(false);
      },
      () => setFailed(true),
    );
  };
  return (
    <Button
      variant="secondary"
      onClick={copy}
      title={failed ? 'Copying is blocked here: select the text and copy it' : undefined}
    >
      {copied ? (
        <Check className="h-4 w-4" aria-hidden="true" />
      ) : (
        <Copy className="h-4 w-4" aria-hidden="true" />
      )}
      {copied ? 'Copied' : failed ? 'Select and copy' : label}
    </Button>
  );
}

/** One listed link; "Revoke" asks before it revokes. */
function LinkRow({
  projectId,
  dashboardId,
  link,
  onRevoked,
}: {
  projectId: string;
  dashboardId: string;
  link: DashboardLink;
  onRevoked: () => void;
}) {
  const revoke = useRevokeDashboardLink(projectId, dashboardId);
  const [asking, setAsking] = useState(false);
  const hint = linkHint(link.tokenHint);
  return (
    <li aria-label={`Link ${hint}`} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
      <code className="text-xs">{hint}</code>
      <span className="text-slate-500">
        created {formatDateTime(link.createdAt)}
        {link.createdByEmail ? ` by ${link.createdByEmail}` : ''}
      </span>
      <span className={link.expired ? 'text-red-700 dark:text-red-400' : 'text-slate-500'}>
        {link.expired
          ? `expired ${link.expiresAt ? formatDateTime(link.expiresAt) : ''}`
          : link.expiresAt
            ? `expires ${formatDateTime(link.expiresAt)}`
            : 'never expires'}
      </span>
      <span className="ml-auto flex items-center gap-2">
        {asking ? (
          <>
            <span className="text-sm">Revoke this link? Whoever has it loses access.</span>
            <Button
              size="sm"
              variant="danger"
              loading={revoke.isPending}
              onClick={() => revoke.mutate(link.id, { onSuccess: onRevoked })}
            >
              Revoke link
            </Button>
            <Button size="sm" variant="secondary" onClick={() => setAsking(false)}>
              Keep
            </Button>
          </>
        ) : (
          <Button size="sm" variant="secondary" onClick={() => setAsking(true)}>
            Revoke
          </Button>
        )}
      </span>
      {revoke.error && (
        <ErrorMessage title="The link was not revoked" error={revoke.error} className="w-full" />
      )}
    </li>
  );
}
