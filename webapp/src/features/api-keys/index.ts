// Public surface of the API-keys feature. Pages are loaded lazily through ./pages.
export { apiKeyKeys, useApiKeys } from './hooks/use-api-keys';
export type { ApiKey, ApiKeyScope } from './types';
