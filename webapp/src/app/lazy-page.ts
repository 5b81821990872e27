import { lazy, type ComponentType } from 'react';

/**
 * React.lazy for a named export: `lazyPage(() => import('@/features/x/pages'), 'XPage')`.
 * Each feature's pages module becomes its own chunk, so the first screen stays small.
 */
export function lazyPage<
  Module extends Record<Name, ComponentType>,
  Name extends keyof Module & string,
>(load: () => Promise<Module>, name: Name) {
  return lazy(async () => ({ default: (await load())[name] }));
}
