import type { Schema } from '@/lib/api/types';

export type ApiKey = Schema<'ApiKey'>;
export type ApiKeyScope = Schema<'ApiKeyScope'>;

/** The create response: the key itself is in it, once. */
export type CreatedApiKey = ApiKey & { key: string };

export interface CreateApiKeyInput {
  name: string;
  scopes: ApiKeyScope[];
  expiresAt: string | null;
}
