export { ProjectLayout } from './components/project-layout';
export { ProjectOverviewPage } from './components/project-overview-page';
export { ProjectsPage } from './components/projects-page';
