import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createBrowserRouter, RouterProvider } from 'react-router-dom';
import { installSessionExpiryHandler } from '@/features/auth';
import { createQueryClient } from './query-client';
import { routes } from './routes';
import { useApplyTheme } from './theme-store';

const router = createBrowserRouter(routes);

export function App() {
  const [queryClient] = useState(createQueryClient);
  useApplyTheme();
  useEffect(() => installSessionExpiryHandler(), []);
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
