import { api, unwrap } from '@/lib/api/client';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../types';

export async function listApiKeys(): Promise<ApiKey[]> {
  const page = await unwrap(api.GET('/api/v1/api-keys'));
  return page.items;
}

export function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return unwrap(api.POST('/api/v1/api-keys', { body: input }));
}

export async function revokeApiKey(keyId: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/api-keys/{keyId}', { params: { path: { keyId } } }));
}
