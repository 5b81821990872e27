import '@testing-library/jest-dom/vitest';
import { cleanup, configure } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';

// jsdom does not lay text out; CodeMirror measures ranges, so give them empty geometry.
if (typeof Range !== 'undefined' && !('getClientRects' in Range.prototype)) {
  const empty = { length: 0, item: () => null, [Symbol.iterator]: [][Symbol.iterator] };
  Object.assign(Range.prototype, {
    getClientRects: () => empty,
    getBoundingClientRect: () => ({
      x: 0,
      y: 0,
      width: 0,
      height: 0,
      top: 0,
      left: 0,
      right: 0,
      bottom: 0,
      toJSON: () => ({}),
    }),
  });
}

// findBy*/waitFor give up after this long (default 1 s, which a busy machine exceeds); they still
// finish as soon as their condition holds.
configure({ asyncUtilTimeout: 15_000 });

afterEach(() => {
  cleanup();
  tokenStore.clear();
  window.localStorage.clear();
  vi.unstubAllGlobals();
});
