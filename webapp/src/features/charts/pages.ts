// Route components, imported only through React.lazy so each lands in its own chunk.
export { ChartPage } from './components/chart-page';
export { ChartsPage } from './components/charts-page';
