declare global {
  interface ImportMetaEnv {
    /** Origin (and optional path) of the API, fixed at build time; empty = the page's own origin. */
    readonly VITE_API_BASE_URL?: string;
  }
}

/**
 * Where the API is. Empty (the default) means the page's own origin: the server's jar and the
 * CloudFront distribution both serve `/api` beside the app, so no CORS is involved. A build for an
 * API on another origin sets `VITE_API_BASE_URL=https://api.example.com` (and the server's
 * `CORS_ORIGINS` to the app's origin).
 */
export function resolveApiBaseUrl(configured: string | undefined, origin: string): string {
  const value = configured?.trim() ?? '';
  if (value === '') return origin;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error(`VITE_API_BASE_URL must be an absolute http(s) URL (was '${value}')`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`VITE_API_BASE_URL must be an absolute http(s) URL (was '${value}')`);
  }
  return value.replace(/\/+$/, '');
}

/** The API's base URL for this build; paths such as `/api/v1/projects` are appended to it. */
export const apiBaseUrl = resolveApiBaseUrl(
  import.meta.env.VITE_API_BASE_URL,
  // Absolute so that Request() works in every runtime (jsdom/Node reject relative URLs).
  typeof window !== 'undefined' ? window.location.origin : 'http://localhost',
);
