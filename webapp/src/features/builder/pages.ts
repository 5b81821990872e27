export { BuilderPage } from './components/builder-page';
