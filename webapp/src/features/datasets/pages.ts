// Route components, imported only lazily by the router (see src/app/project-sections.ts).
export { DatasetPage } from './components/dataset-page';
export { DatasetsPage } from './components/datasets-page';
