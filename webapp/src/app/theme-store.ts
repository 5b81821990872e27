import { useEffect } from 'react';
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

export type ThemePreference = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

interface ThemeState {
  theme: ThemePreference;
  setTheme: (theme: ThemePreference) => void;
}

/** Persisted under `as.theme` (index.html reads the same key before first paint). */
export const useThemeStore = create<ThemeState>()(
  persist((set) => ({ theme: 'system', setTheme: (theme) => set({ theme }) }), {
    name: 'as.theme',
  }),
);

const darkQuery = () =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-color-scheme: dark)')
    : null;

export function resolveTheme(preference: ThemePreference): Theme {
  if (preference !== 'system') return preference;
  return darkQuery()?.matches ? 'dark' : 'light';
}

/** Keeps the `dark` class on <html> in step with the preference and, for 'system', the OS. */
export function useApplyTheme(): void {
  const preference = useThemeStore((state) => state.theme);
  useEffect(() => {
    const apply = () =>
      document.documentElement.classList.toggle('dark', resolveTheme(preference) === 'dark');
    apply();
    if (preference !== 'system') return;
    const query = darkQuery();
    query?.addEventListener('change', apply);
    return () => query?.removeEventListener('change', apply);
  }, [preference]);
}
