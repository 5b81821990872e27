import { api, publicApi, unwrap } from '@/lib/api/client';
import type { AuthResponse, LoginInput, SignupInput, User } from '../types';

export function signup(input: SignupInput): Promise<AuthResponse> {
  return unwrap(api.POST('/api/v1/auth/signup', { body: input }));
}

export function login(input: LoginInput): Promise<AuthResponse> {
  return unwrap(api.POST('/api/v1/auth/login', { body: input }));
}

export function fetchMe(): Promise<User> {
  return unwrap(api.GET('/api/v1/auth/me'));
}

export interface SessionTokens {
  accessToken: string | null;
  refreshToken: string | null;
}

/** With a refresh token: end that session; without (`everywhere`): end every session of the user. */
function postLogout(accessToken: string, refreshToken: string, everywhere: boolean) {
  return unwrap(
    publicApi.POST('/api/v1/auth/logout', {
      body: everywhere ? {} : { refreshToken },
      headers: { Authorization: `Bearer ${accessToken}` },
    }),
  );
}

/**
 * Revoke a refresh token on the server. The tab has already dropped these tokens (signing out
 * locally must never wait on or fail with the network), so this carries them explicitly. With
 * no live access token (after a reload, or expired), the refresh token is first exchanged for
 * a fresh pair, and the new refresh token is the one revoked. `everywhere` ends every session of
 * the user (their access tokens too), on every device.
 */
export async function logout({
  accessToken,
  refreshToken,
  everywhere = false,
}: SessionTokens & { everywhere?: boolean }): Promise<void> {
  if (!refreshToken) return;
  if (accessToken) {
    try {
      await postLogout(accessToken, refreshToken, everywhere);
      return;
    } catch {
      // Most likely the access token expired; fall through and refresh.
    }
  }
  try {
    const fresh = await unwrap(publicApi.POST('/api/v1/auth/refresh', { body: { refreshToken } }));
    await postLogout(fresh.accessToken, fresh.refreshToken, everywhere);
  } catch {
    // The refresh token is already invalid, or the server is unreachable: it expires on its own.
  }
}
