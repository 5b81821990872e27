import { useQuery } from '@tanstack/react-query';
import { useSyncExternalStore } from 'react';
import { tokenStore } from '@/lib/auth/token-store';
import { fetchMe } from '../api/auth-api';

export const meQueryKey = ['auth', 'me'] as const;

/** Whether this tab holds a session (tokens), without asking the server. */
export function useHasSession(): boolean {
  return useSyncExternalStore(tokenStore.subscribe, tokenStore.hasSession, () => false);
}

/** The signed-in user (GET /auth/me). */
export function useMe() {
  const hasSession = useHasSession();
  return useQuery({
    queryKey: meQueryKey,
    queryFn: fetchMe,
    enabled: hasSession,
    staleTime: 5 * 60_000,
  });
}
