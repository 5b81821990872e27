import { Suspense, type ReactNode } from 'react';
import { PageSpinner } from '@/components/spinner';

/** Suspense boundary for a lazily loaded page. */
export function Loading({ children }: { children: ReactNode }) {
  return <Suspense fallback={<PageSpinner />}>{children}</Suspense>;
}
