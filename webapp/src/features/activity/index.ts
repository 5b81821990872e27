// Public surface of the activity feature. Pages are loaded lazily through ./pages.
export { auditKeys } from './hooks/use-audit';
