/**
 * Only follow `next` when it is a path inside this app; anything else (another origin,
 * `//evil.example`, `javascript:`) falls back, so the login page cannot be used as an open redirect.
 */
export function safeNext(next: string | null | undefined, fallback = '/projects'): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\'))
    return fallback;
  if (next.startsWith('/login') || next.startsWith('/signup')) return fallback;
  return next;
}
