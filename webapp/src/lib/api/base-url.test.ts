import { describe, expect, it } from 'vitest';
import { resolveApiBaseUrl } from './base-url';

describe('resolveApiBaseUrl', () => {
  it('uses the page origin when nothing is configured', () => {
    expect(resolveApiBaseUrl(undefined, 'https://studio.example.com')).toBe(
      'https://studio.example.com',
    );
    expect(resolveApiBaseUrl('  ', 'https://studio.example.com')).toBe(
      'https://studio.example.com',
    );
  });

  it('uses the configured API origin without a trailing slash', () => {
    expect(resolveApiBaseUrl('https://api.example.com/', 'https://studio.example.com')).toBe(
      'https://api.example.com',
    );
    expect(resolveApiBaseUrl('https://example.com/studio', 'https://x.test')).toBe(
      'https://example.com/studio',
    );
  });

  it('refuses a value that is not an absolute http(s) URL, naming the variable', () => {
    expect(() => resolveApiBaseUrl('api.example.com', 'https://x.test')).toThrow(
      /VITE_API_BASE_URL/,
    );
    expect(() => resolveApiBaseUrl('ftp://api.example.com', 'https://x.test')).toThrow(
      /VITE_API_BASE_URL/,
    );
  });
});
