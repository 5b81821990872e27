import { Menu } from 'lucide-react';
import { Button } from '@/components/button';
import { useLayoutStore } from '../layout-store';
import { ThemeToggle } from './theme-toggle';
import { UserMenu } from './user-menu';

export function TopBar() {
  const navOpen = useLayoutStore((state) => state.navOpen);
  const setNavOpen = useLayoutStore((state) => state.setNavOpen);
  return (
    <header className="sticky top-0 z-20 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/90 px-4 backdrop-blur dark:border-slate-800 dark:bg-slate-900/90 sm:px-6">
      <Button
        id="nav-toggle"
        variant="ghost"
        size="icon"
        className="lg:hidden"
        aria-label="Open navigation"
        aria-expanded={navOpen}
        aria-controls="app-sidebar"
        onClick={() => setNavOpen(!navOpen)}
      >
        <Menu className="h-5 w-5" aria-hidden="true" />
      </Button>
      <div className="flex-1" />
      <ThemeToggle />
      <UserMenu />
    </header>
  );
}
