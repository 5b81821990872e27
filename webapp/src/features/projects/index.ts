// Public surface of the projects feature. Pages are loaded lazily through ./pages.
export { projectKeys, useProject, useProjects } from './hooks/use-projects';
export type { Project } from './types';
