import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import {
  createMemoryRouter,
  RouterProvider,
  useLocation,
  type RouteObject,
} from 'react-router-dom';
import { routerFuture } from '@/app/router-future';
import { tokenStore } from '@/lib/auth/token-store';

export function createTestQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: { queries: { retry: false, staleTime: Infinity }, mutations: { retry: false } },
  });
}

/** Pretend a session exists (as after a login). */
export function signIn(accessToken = 'access-1', refreshToken = 'refresh-1'): void {
  tokenStore.setTokens({ accessToken, refreshToken });
}

/** Shows the current location so tests can assert where navigation went. */
export function LocationProbe() {
  const location = useLocation();
  return <output aria-label="Current location">{`${location.pathname}${location.search}`}</output>;
}

interface RenderRoutesOptions {
  at: string;
  queryClient?: QueryClient;
}

/** Render a route table in a memory router with a fresh query cache. */
export function renderRoutes(
  routes: RouteObject[],
  { at, queryClient = createTestQueryClient() }: RenderRoutesOptions,
) {
  const router = createMemoryRouter(routes, { initialEntries: [at], future: routerFuture });
  const user = userEvent.setup();
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} future={{ v7_startTransition: true }} />
    </QueryClientProvider>,
  );
  return { ...result, router, user, queryClient };
}

/** Render one page at `path` (matched by `at`), plus a catch-all that shows where we navigated. */
export function renderPage(
  element: ReactElement,
  { path, at, queryClient }: { path: string; at: string; queryClient?: QueryClient },
) {
  return renderRoutes(
    [
      {
        path,
        element: (
          <>
            {element}
            <LocationProbe />
          </>
        ),
      },
      { path: '*', element: <LocationProbe /> },
    ],
    { at, queryClient },
  );
}

/** Wait until navigation has reached `expected` (path + search, matched exactly). */
export async function expectLocation(expected: string): Promise<void> {
  await waitFor(() =>
    expect(screen.getByRole('status', { name: 'Current location' }).textContent).toBe(expected),
  );
}
