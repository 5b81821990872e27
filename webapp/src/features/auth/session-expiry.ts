import { setSessionExpiredHandler } from '@/lib/api/client';
import { useAuthNotice } from './hooks/use-auth-notice';

/**
 * When the API client gives up on refreshing, it has already dropped the tokens; RequireAuth then
 * sends the person to /login?next=<where they were>, and this makes the login page say why.
 */
export function installSessionExpiryHandler(): () => void {
  return setSessionExpiredHandler(() => useAuthNotice.getState().setNotice('expired'));
}
