import '@testing-library/jest-dom/vitest';
import { cleanup } from '@testing-library/react';
import { afterEach, vi } from 'vitest';
import { tokenStore } from '@/lib/auth/token-store';

afterEach(() => {
  cleanup();
  tokenStore.clear();
  window.localStorage.clear();
  vi.unstubAllGlobals();
});
