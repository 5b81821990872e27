import type { ApiKey, ApiKeyScope } from './types';

/** The scopes in the order the form shows them, with what each allows (as the contract says). */
export const SCOPE_OPTIONS: readonly { value: ApiKeyScope; label: string; description: string }[] =
  [
    {
      value: 'read',
      label: 'Read',
      description: 'Read data and run queries, exports and questions.',
    },
    { value: 'upload', label: 'Upload', description: 'Upload datasets and new versions.' },
    {
      value: 'admin',
      label: 'Admin',
      description: 'Everything you can do, including projects, members and keys.',
    },
  ];

export const EXPIRY_OPTIONS = [
  { value: '30', label: '30 days' },
  { value: '7', label: '7 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never' },
] as const;

export type ExpiryChoice = (typeof EXPIRY_OPTIONS)[number]['value'];

export function isExpiryChoice(value: string): value is ExpiryChoice {
  return EXPIRY_OPTIONS.some((option) => option.value === value);
}

/** The `expiresAt` to send for a choice made at `now`: that many days later, or null for never. */
export function expiresAtFor(choice: ExpiryChoice, now: Date): string | null {
  if (choice === 'never') return null;
  return new Date(now.getTime() + Number(choice) * 24 * 60 * 60 * 1000).toISOString();
}

/** Scopes in a stable order, whatever order the server or the form had them in. */
export function orderedScopes(scopes: readonly ApiKeyScope[]): ApiKeyScope[] {
  return SCOPE_OPTIONS.map((option) => option.value).filter((scope) => scopes.includes(scope));
}

export type KeyState = 'active' | 'expiring' | 'expired';

/** Expired (the server says so, or its time has passed), expiring within a week, or active. */
export function keyState(key: Pick<ApiKey, 'expired' | 'expiresAt'>, now: Date): KeyState {
  if (key.expired) return 'expired';
  if (!key.expiresAt) return 'active';
  const left = new Date(key.expiresAt).getTime() - now.getTime();
  if (left <= 0) return 'expired';
  return left <= 7 * 24 * 60 * 60 * 1000 ? 'expiring' : 'active';
}
