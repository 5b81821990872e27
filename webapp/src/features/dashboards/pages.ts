// Route components, imported only through React.lazy so each lands in its own chunk.
export { DashboardPage } from './components/dashboard-page';
export { DashboardsPage } from './components/dashboards-page';
export { PublicDashboardPage } from './components/public-dashboard-page';
