/**
 * Where the session's tokens live.
 *
 * Trade-off: the access token (short-lived, 30 min) is kept only in memory, so a script
 * injected into the page cannot lift it from storage, and it disappears with the tab. The
 * refresh token is kept in localStorage so a reload or a new tab stays signed in. That does
 * expose it to XSS; we accept that because the server rotates refresh tokens and treats a
 * reused one as theft (it revokes the session), and the alternative — an httpOnly cookie —
 * needs server support the contract does not offer. If the backend ever sets the refresh
 * token as an httpOnly SameSite cookie, only this file and the refresh call need to change.
 */

const REFRESH_KEY = 'as.refreshToken';

type Listener = () => void;

let accessToken: string | null = null;
/** When to stop trusting the access token (a little before the server's expiry). */
let accessStaleAt = 0;
const listeners = new Set<Listener>();

function readRefresh(): string | null {
  try {
    return window.localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

function writeRefresh(token: string | null): void {
  try {
    if (token === null) window.localStorage.removeItem(REFRESH_KEY);
    else window.localStorage.setItem(REFRESH_KEY, token);
  } catch {
    // Storage can be unavailable (private mode, quota); the session then lasts as long as the tab.
  }
}

function emit(): void {
  for (const listener of listeners) listener();
}

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  /** Seconds until the access token expires, as the server said. */
  expiresIn?: number;
}

// Arrow functions: each can be passed on alone (useSyncExternalStore takes two of them).
export const tokenStore = {
  getAccessToken: (): string | null => {
    return accessToken;
  },
  /** Read fresh each time: another tab may have rotated it. */
  getRefreshToken: (): string | null => {
    return readRefresh();
  },
  /** True shortly before the access token expires, so it is renewed instead of collecting a 401. */
  isAccessTokenStale: (): boolean => {
    return accessToken !== null && Date.now() >= accessStaleAt;
  },
  setTokens: (tokens: TokenPair): void => {
    accessToken = tokens.accessToken;
    const lifetimeMs = (tokens.expiresIn ?? 30 * 60) * 1000;
    accessStaleAt = Date.now() + lifetimeMs - Math.min(30_000, lifetimeMs / 10);
    writeRefresh(tokens.refreshToken);
    emit();
  },
  clear: (): void => {
    accessToken = null;
    accessStaleAt = 0;
    writeRefresh(null);
    emit();
  },
  /** True while we hold anything that can authenticate a request. */
  hasSession: (): boolean => {
    return accessToken !== null || readRefresh() !== null;
  },
  subscribe: (listener: Listener): (() => void) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

if (typeof window !== 'undefined') {
  // Signing out (or a failed refresh) in another tab removes the refresh token: follow suit here.
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY || event.key === null) {
      if (event.newValue === null && accessToken !== null) accessToken = null;
      emit();
    }
  });
}

export type TokenStore = typeof tokenStore;
