import type { ReactNode } from 'react';
import { Navigate, useLocation, useSearchParams } from 'react-router-dom';
import { safeNext } from '@/lib/safe-next';
import { useAuthNotice } from '../hooks/use-auth-notice';
import { useHasSession } from '../hooks/use-session';

/** Renders its children only with a session; otherwise goes to /login?next=<this page>. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const hasSession = useHasSession();
  const location = useLocation();
  const notice = useAuthNotice((state) => state.notice);
  if (hasSession) return <>{children}</>;
  // After a deliberate log-out, the next person to sign in should not land on this page.
  if (notice === 'signed-out') return <Navigate to="/login" replace />;
  const here = `${location.pathname}${location.search}${location.hash}`;
  const next = here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
  return <Navigate to={`/login${next}`} replace />;
}

/** For /login and /signup: someone already signed in goes on to `next` (or their projects). */
export function RedirectIfSignedIn({ children }: { children: ReactNode }) {
  const hasSession = useHasSession();
  const [params] = useSearchParams();
  if (hasSession) return <Navigate to={safeNext(params.get('next'))} replace />;
  return <>{children}</>;
}
