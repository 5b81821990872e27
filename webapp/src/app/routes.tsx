import { Navigate, type RouteObject } from 'react-router-dom';
import { LoginPage, RedirectIfSignedIn, RequireAuth } from '@/features/auth';
import { AppShell } from './layout/app-shell';
import { lazyPage } from './lazy-page';
import { Loading } from './loading';
import { NotFoundPage } from './not-found-page';
import { projectSections } from './project-sections';
import { RouteError } from './route-error';

const SignupPage = lazyPage(() => import('@/features/auth/pages'), 'SignupPage');
const ProjectsPage = lazyPage(() => import('@/features/projects/pages'), 'ProjectsPage');
const ProjectLayout = lazyPage(() => import('@/features/projects/pages'), 'ProjectLayout');
const ApiKeysPage = lazyPage(() => import('@/features/api-keys/pages'), 'ApiKeysPage');
const PublicDashboardPage = lazyPage(
  () => import('@/features/dashboards/pages'),
  'PublicDashboardPage',
);

export const routes: RouteObject[] = [
  {
    errorElement: <RouteError />,
    children: [
      {
        path: '/login',
        element: (
          <RedirectIfSignedIn>
            <Loading>
              <LoginPage />
            </Loading>
          </RedirectIfSignedIn>
        ),
      },
      {
        path: '/signup',
        element: (
          <RedirectIfSignedIn>
            <Loading>
              <SignupPage />
            </Loading>
          </RedirectIfSignedIn>
        ),
      },
      {
        // A dashboard's public link: no session, no app navigation, never a sign-in redirect.
        path: '/public/dashboards/:token',
        element: (
          <Loading>
            <PublicDashboardPage />
          </Loading>
        ),
      },
      {
        path: '/',
        element: (
          <RequireAuth>
            <AppShell />
          </RequireAuth>
        ),
        children: [
          { index: true, element: <Navigate to="/projects" replace /> },
          { path: 'projects', element: <ProjectsPage /> },
          { path: 'api-keys', element: <ApiKeysPage /> },
          {
            path: 'projects/:projectId',
            element: <ProjectLayout />,
            children: projectSections.flatMap(({ path, Page, subPages = [] }) => [
              path === '' ? { index: true, element: <Page /> } : { path, element: <Page /> },
              ...subPages.map((sub) => ({ path: `${path}/${sub.path}`, element: <sub.Page /> })),
            ]),
          },
          { path: '*', element: <NotFoundPage /> },
        ],
      },
    ],
  },
];
