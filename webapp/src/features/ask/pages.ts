// Route components, imported only lazily by the router (see src/app/project-sections.ts).
export { AskPage } from './components/ask-page';
export { GoldenPage } from './components/golden-page';
