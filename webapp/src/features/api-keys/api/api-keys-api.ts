import { api, unwrap } from '@/lib/api/client';
import { allItems } from '@/lib/api/paging';
import type { ApiKey, CreateApiKeyInput, CreatedApiKey } from '../types';

export function listApiKeys(): Promise<ApiKey[]> {
  return allItems((query) => unwrap(api.GET('/api/v1/api-keys', { params: { query } })));
}

export function createApiKey(input: CreateApiKeyInput): Promise<CreatedApiKey> {
  return unwrap(api.POST('/api/v1/api-keys', { body: input }));
}

export async function revokeApiKey(keyId: string): Promise<void> {
  await unwrap(api.DELETE('/api/v1/api-keys/{keyId}', { params: { path: { keyId } } }));
}
