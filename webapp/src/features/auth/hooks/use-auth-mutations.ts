import { useMutation, useQueryClient } from '@tanstack/react-query';
import { tokenStore } from '@/lib/auth/token-store';
import { login, logout, signup } from '../api/auth-api';
import type { AuthResponse } from '../types';
import { useAuthNotice } from './use-auth-notice';
import { meQueryKey } from './use-session';

function useStartSession() {
  const queryClient = useQueryClient();
  const setNotice = useAuthNotice((state) => state.setNotice);
  return (response: AuthResponse) => {
    // Nothing cached for a previous user may leak into this session.
    queryClient.clear();
    tokenStore.setTokens({
      accessToken: response.accessToken,
      refreshToken: response.refreshToken,
      expiresIn: response.expiresIn,
    });
    queryClient.setQueryData(meQueryKey, response.user);
    setNotice(null);
  };
}

export function useLogin() {
  const startSession = useStartSession();
  return useMutation({ mutationFn: login, onSuccess: startSession });
}

export function useSignup() {
  const startSession = useStartSession();
  return useMutation({ mutationFn: signup, onSuccess: startSession });
}

/**
 * Returns `signOut()`: forgets the session in this tab at once (RequireAuth then shows /login
 * with "You have signed out") and revokes the refresh token on the server in the background.
 */
export function useLogout() {
  const queryClient = useQueryClient();
  const setNotice = useAuthNotice((state) => state.setNotice);
  const mutation = useMutation({ mutationFn: logout });
  const end = (everywhere: boolean) => {
    const tokens = {
      accessToken: tokenStore.getAccessToken(),
      refreshToken: tokenStore.getRefreshToken(),
      everywhere,
    };
    setNotice('signed-out');
    tokenStore.clear();
    // Drop cached data once the signed-in pages have unmounted (clearing under live queries
    // would make them refetch without a session).
    setTimeout(() => queryClient.clear(), 0);
    mutation.mutate(tokens);
  };
  return {
    isPending: mutation.isPending,
    signOut: () => end(false),
    /** Ends every session of this account, on every device (API keys are kept). */
    signOutEverywhere: () => end(true),
  };
}
