import { Check, Copy, KeyRound } from 'lucide-react';
import { useId, useRef, useState, type FormEvent } from 'react';
import { Button } from '@/components/button';
import { ErrorMessage } from '@/components/error-message';
import { SelectField } from '@/components/select-field';
import { TextField } from '@/components/text-field';
import { useCreateApiKey } from '../hooks/use-api-keys';
import {
  EXPIRY_OPTIONS,
  expiresAtFor,
  isExpiryChoice,
  SCOPE_OPTIONS,
  type ExpiryChoice,
} from '../key-options';
import type { ApiKeyScope, CreatedApiKey } from '../types';

/** Name, scopes and expiry of a new key; the key itself is shown once, with a copy button. */
export function CreateApiKeyForm() {
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<ApiKeyScope[]>(['read']);
  const [expiry, setExpiry] = useState<ExpiryChoice>('30');
  const [nameError, setNameError] = useState<string>();
  const [scopeError, setScopeError] = useState<string>();
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  const nameRef = useRef<HTMLInputElement>(null);
  const scopesId = useId();

  function toggle(scope: ApiKeyScope, on: boolean) {
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    setNameError(trimmed ? undefined : 'Name the key after the program that will use it.');
    setScopeError(scopes.length > 0 ? undefined : 'Choose at least one scope.');
    if (!trimmed) {
      nameRef.current?.focus();
      return;
    }
    if (scopes.length === 0) return;
    setCreated(null);
    create.mutate(
      { name: trimmed, scopes, expiresAt: expiresAtFor(expiry, new Date()) },
      {
        onSuccess: (key) => {
          setCreated(key);
          setName('');
        },
      },
    );
  }

  return (
    <section
      aria-labelledby="create-key-heading"
      className="mb-6 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <h2 id="create-key-heading" className="text-base font-semibold">
        Create an API key
      </h2>
      <p className="mb-4 text-sm text-slate-600 dark:text-slate-400">
        Programs send it as <code>X-API-Key</code> or <code>Authorization: Bearer</code>. Give each
        program only the scopes it needs.
      </p>
      <form noValidate onSubmit={submit} className="space-y-4">
        <div className="flex flex-wrap items-start gap-3">
          <TextField
            ref={nameRef}
            label="Name"
            autoComplete="off"
            maxLength={100}
            className="min-w-[14rem] flex-1"
            value={name}
            onChange={(event) => setName(event.target.value)}
            error={nameError}
          />
          <SelectField
            label="Expires after"
            options={EXPIRY_OPTIONS}
            value={expiry}
            onChange={(event) =>
              isExpiryChoice(event.target.value) && setExpiry(event.target.value)
            }
            className="w-40"
          />
        </div>
        <fieldset aria-describedby={scopeError ? `${scopesId}-error` : undefined}>
          <legend className="mb-1 text-sm font-medium">Scopes</legend>
          <div className="flex flex-wrap gap-4">
            {SCOPE_OPTIONS.map((option) => (
              <div key={option.value} className="flex max-w-xs items-start gap-2 text-sm">
                <input
                  id={`${scopesId}-${option.value}`}
                  type="checkbox"
                  className="mt-1"
                  aria-describedby={`${scopesId}-${option.value}-help`}
                  checked={scopes.includes(option.value)}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <div>
                  <label htmlFor={`${scopesId}-${option.value}`} className="font-medium">
                    {option.label}
                  </label>
                  <p
                    id={`${scopesId}-${option.value}-help`}
                    className="text-slate-600 dark:text-slate-400"
                  >
                    {option.description}
                  </p>
                </div>
              </div>
            ))}
          </div>
          {scopeError && (
            <p id={`${scopesId}-error`} className="mt-1 text-sm text-red-700 dark:text-red-300">
              {scopeError}
            </p>
          )}
        </fieldset>
        <Button type="submit" loading={create.isPending}>
          <KeyRound className="h-4 w-4" aria-hidden="true" />
          Create key
        </Button>
      </form>
      {create.isError && <ErrorMessage error={create.error} className="mt-3" />}
      {created && <NewKey created={created} />}
    </section>
  );
}

function NewKey({ created }: { created: CreatedApiKey }) {
  const [copied, setCopied] = useState(false);
  async function copy() {
    try {
      await navigator.clipboard.writeText(created.key);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }
  return (
    <div
      role="status"
      className="mt-4 rounded-md border border-emerald-300 bg-emerald-50 p-3 text-sm dark:border-emerald-800 dark:bg-emerald-950/40"
    >
      <p className="font-medium">
        Key “{created.name}” created. Copy it now: it will not be shown again.
      </p>
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <code
          aria-label="New API key"
          className="break-all rounded bg-white px-2 py-1 dark:bg-slate-900"
        >
          {created.key}
        </code>
        <Button variant="secondary" size="sm" onClick={() => void copy()}>
          {copied ? (
            <Check className="h-4 w-4" aria-hidden="true" />
          ) : (
            <Copy className="h-4 w-4" aria-hidden="true" />
          )}
          {copied ? 'Copied' : 'Copy'}
        </Button>
      </div>
    </div>
  );
}
