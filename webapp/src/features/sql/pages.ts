// Route components, imported only lazily by the router (see src/app/project-sections.ts).
export { SqlPage } from './components/sql-page';
