// Public surface of the members feature. Pages are loaded lazily through ./pages.
export { memberKeys, useMembers } from './hooks/use-members';
export type { Member } from './types';
