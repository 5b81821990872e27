// Public surface of the auth feature. Pages are loaded lazily through ./pages, except the sign-in
// page: it is the first screen of every visit, so it ships in the main bundle.
export { LoginPage } from './components/login-page';
export { RedirectIfSignedIn, RequireAuth } from './components/require-auth';
export { useLogout } from './hooks/use-auth-mutations';
export { useAuthNotice } from './hooks/use-auth-notice';
export { useHasSession, useMe } from './hooks/use-session';
export { installSessionExpiryHandler } from './session-expiry';
export type { User } from './types';
