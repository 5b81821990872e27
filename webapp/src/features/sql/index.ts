// Public surface of the SQL feature. Pages are loaded lazily through ./pages.
export { sqlEditorPath } from './links';
