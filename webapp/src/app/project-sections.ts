import {
  Activity,
  BadgeCheck,
  BarChart3,
  ChartColumn,
  Database,
  LayoutDashboard,
  LayoutGrid,
  MessageCircleQuestion,
  TerminalSquare,
  Users,
  type LucideIcon,
} from 'lucide-react';
import type { ComponentType } from 'react';
import { lazyPage } from './lazy-page';

export interface ProjectSection {
  /** Relative to /projects/:projectId ('' is the overview). */
  path: string;
  label: string;
  icon: LucideIcon;
  Page: ComponentType;
  /** Pages below the section (e.g. 'datasets/:datasetId'), paths relative to the section. */
  subPages?: readonly { path: string; Page: ComponentType }[];
}

/**
 * The pages inside a project, in sidebar order. The router and the sidebar both read this list,
 * so a new feature (Datasets, SQL, Ask) is one line here, e.g.
 *   { path: 'datasets', label: 'Datasets', icon: Database, Page: lazyPage(() => import('@/features/datasets/pages'), 'DatasetsPage') },
 */
export const projectSections: readonly ProjectSection[] = [
  {
    path: '',
    label: 'Overview',
    icon: LayoutDashboard,
    Page: lazyPage(() => import('@/features/projects/pages'), 'ProjectOverviewPage'),
  },
  {
    path: 'datasets',
    label: 'Datasets',
    icon: Database,
    Page: lazyPage(() => import('@/features/datasets/pages'), 'DatasetsPage'),
    subPages: [
      {
        path: ':datasetId',
        Page: lazyPage(() => import('@/features/datasets/pages'), 'DatasetPage'),
      },
    ],
  },
  {
    path: 'sql',
    label: 'SQL',
    icon: TerminalSquare,
    Page: lazyPage(() => import('@/features/sql/pages'), 'SqlPage'),
  },
  {
    path: 'charts',
    label: 'Charts',
    icon: ChartColumn,
    Page: lazyPage(() => import('@/features/charts/pages'), 'ChartsPage'),
    subPages: [
      { path: ':chartId', Page: lazyPage(() => import('@/features/charts/pages'), 'ChartPage') },
    ],
  },
  {
    path: 'dashboards',
    label: 'Dashboards',
    icon: LayoutGrid,
    Page: lazyPage(() => import('@/features/dashboards/pages'), 'DashboardsPage'),
    subPages: [
      {
        path: ':dashboardId',
        Page: lazyPage(() => import('@/features/dashboards/pages'), 'DashboardPage'),
      },
    ],
  },
  {
    path: 'builder',
    label: 'Build a chart',
    icon: BarChart3,
    Page: lazyPage(() => import('@/features/builder/pages'), 'BuilderPage'),
  },
  {
    path: 'ask',
    label: 'Ask',
    icon: MessageCircleQuestion,
    Page: lazyPage(() => import('@/features/ask/pages'), 'AskPage'),
  },
  {
    path: 'golden',
    label: 'Golden questions',
    icon: BadgeCheck,
    Page: lazyPage(() => import('@/features/ask/pages'), 'GoldenPage'),
  },
  {
    path: 'members',
    label: 'Members',
    icon: Users,
    Page: lazyPage(() => import('@/features/members/pages'), 'MembersPage'),
  },
  {
    path: 'activity',
    label: 'Activity',
    icon: Activity,
    Page: lazyPage(() => import('@/features/activity/pages'), 'ActivityPage'),
  },
];
