import { Suspense, useEffect, useRef } from 'react';
import { Outlet, useLocation } from 'react-router-dom';
import { PageSpinner } from '@/components/spinner';
import { useLayoutStore } from '../layout-store';
import { Sidebar } from './sidebar';
import { TopBar } from './top-bar';

export function AppShell() {
  const location = useLocation();
  const navOpen = useLayoutStore((state) => state.navOpen);
  const setNavOpen = useLayoutStore((state) => state.setNavOpen);
  const mainRef = useRef<HTMLElement>(null);
  const contentRef = useRef<HTMLDivElement>(null);
  const firstRender = useRef(true);

  // On navigation: close the drawer, and move focus to the new page so screen readers follow.
  useEffect(() => {
    setNavOpen(false);
    contentRef.current?.removeAttribute('inert');
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [location.pathname, setNavOpen]);

  // While the drawer covers the page, the page behind it is out of reach (focus, clicks,
  // screen readers). Growing to desktop width closes the drawer: the sidebar is always shown there.
  const wasOpen = useRef(false);
  useEffect(() => {
    contentRef.current?.toggleAttribute('inert', navOpen);
    // Closed without navigating (Escape, close button, backdrop): give focus back to the menu button.
    const active = document.activeElement;
    const focusLost =
      active === null ||
      active === document.body ||
      document.getElementById('app-sidebar')?.contains(active);
    if (wasOpen.current && !navOpen && focusLost) document.getElementById('nav-toggle')?.focus();
    wasOpen.current = navOpen;
  }, [navOpen]);
  useEffect(() => {
    const wide =
      typeof window.matchMedia === 'function' ? window.matchMedia('(min-width: 1024px)') : null;
    const onChange = () => wide?.matches && setNavOpen(false);
    wide?.addEventListener('change', onChange);
    return () => wide?.removeEventListener('change', onChange);
  }, [setNavOpen]);

  return (
    <div className="flex min-h-screen">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-brand-600 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:left-2 focus:top-2"
      >
        Skip to main content
      </a>
      <Sidebar />
      <div ref={contentRef} className="flex min-w-0 flex-1 flex-col">
        <TopBar />
        <main
          id="main"
          ref={mainRef}
          tabIndex={-1}
          className="flex-1 px-4 py-6 focus:outline-none sm:px-6 lg:px-8"
        >
          <div className="mx-auto max-w-6xl">
            <Suspense fallback={<PageSpinner />}>
              <Outlet />
            </Suspense>
          </div>
        </main>
      </div>
    </div>
  );
}
