import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { installSessionExpiryHandler } from '@/features/auth';
import { createQueryClient } from './query-client';
import { routerFuture } from './router-future';
import { routes } from './routes';
import { useApplyTheme } from './theme-store';

const router = createBrowserRouter(routes, { future: routerFuture });

export function App() {
  const [queryClient] = useState(createQueryClient);
  useApplyTheme();
  useEffect(() => installSessionExpiryHandler(), []);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} future={{ v7_startTransition: true }} />
    </QueryClientProvider>
  );
}
