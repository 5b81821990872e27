import { BarChart3, FolderOpen, X } from 'lucide-react';
import { useEffect, useRef } from 'react';
import { Link, NavLink, useMatch } from 'react-router-dom';
import { Button, focusRing } from '@/components/button';
import { Spinner } from '@/components/spinner';
import { useProjects } from '@/features/projects';
import { cn } from '@/lib/cn';
import { useLayoutStore } from '../layout-store';
import { projectSections } from '../project-sections';

const linkBase = cn(
  'flex items-center gap-2 rounded-md px-3 py-2 text-sm text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800',
  focusRing,
);
const linkActive = 'bg-brand-50 font-medium text-brand-700 dark:bg-slate-800 dark:text-white';

export function Sidebar() {
  const navOpen = useLayoutStore((state) => state.navOpen);
  const setNavOpen = useLayoutStore((state) => state.setNavOpen);
  const panelRef = useRef<HTMLElement>(null);
  const closeNav = () => setNavOpen(false);

  // As a drawer (narrow screens): focus moves in, Escape closes it.
  useEffect(() => {
    if (!navOpen) return;
    panelRef.current?.querySelector<HTMLElement>('a, button')?.focus();
    function onKeyDown(event: KeyboardEvent) {
      if (event.key === 'Escape') setNavOpen(false);
    }
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [navOpen, setNavOpen]);

  return (
    <>
      {navOpen && (
        <div
          className="fixed inset-0 z-30 bg-slate-900/50 lg:hidden"
          aria-hidden="true"
          onClick={() => setNavOpen(false)}
        />
      )}
      <aside
        id="app-sidebar"
        ref={panelRef}
        aria-label="Sidebar"
        className={cn(
          'fixed inset-y-0 left-0 z-40 w-72 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900',
          'lg:sticky lg:top-0 lg:z-auto lg:flex lg:h-screen lg:w-64',
          navOpen ? 'flex' : 'hidden',
        )}
      >
        <div className="flex h-14 items-center justify-between gap-2 border-b border-slate-200 px-4 dark:border-slate-800">
          <Link
            to="/projects"
            onClick={closeNav}
            className={cn(
              'flex items-center gap-2 rounded font-semibold text-brand-600 dark:text-brand-100',
              focusRing,
            )}
          >
            <BarChart3 className="h-5 w-5" aria-hidden="true" />
            Analytics Studio
          </Link>
          <Button
            variant="ghost"
            size="icon"
            className="lg:hidden"
            aria-label="Close navigation"
            onClick={() => setNavOpen(false)}
          >
            <X className="h-4 w-4" aria-hidden="true" />
          </Button>
        </div>
        <nav aria-label="Main" className="flex-1 overflow-y-auto p-3">
          <NavLink
            to="/projects"
            end
            onClick={closeNav}
            className={({ isActive }) => cn(linkBase, isActive && linkActive)}
          >
            <FolderOpen className="h-4 w-4" aria-hidden="true" />
            All projects
          </NavLink>
          <ProjectList onNavigate={closeNav} />
        </nav>
      </aside>
    </>
  );
}

/** Following any link closes the drawer, even a link to the page already shown. */
function ProjectList({ onNavigate: closeNav }: { onNavigate: () => void }) {
  const projects = useProjects();
  const match = useMatch('/projects/:projectId/*');
  const activeId = match?.params.projectId;

  if (projects.isPending) return <Spinner className="mt-4 px-3" label="Loading projects…" />;
  if (projects.isError || projects.data.length === 0) return null;
  return (
    <>
      <h2
        id="sidebar-projects"
        className="mb-1 mt-6 px-3 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400"
      >
        Your projects
      </h2>
      <ul aria-labelledby="sidebar-projects" className="space-y-0.5">
        {projects.data.map((project) => {
          const active = project.id === activeId;
          return (
            <li key={project.id}>
              <NavLink
                to={`/projects/${project.id}`}
                end
                onClick={closeNav}
                className={({ isActive }) =>
                  cn(
                    linkBase,
                    'truncate',
                    (isActive || active) && 'font-medium text-slate-900 dark:text-white',
                  )
                }
              >
                <span className="truncate">{project.name}</span>
              </NavLink>
              {active && (
                <ul
                  aria-label={`${project.name} sections`}
                  className="my-1 ml-3 space-y-0.5 border-l border-slate-200 pl-2 dark:border-slate-700"
                >
                  {projectSections.map(({ path, label, icon: Icon }) => (
                    <li key={label}>
                      <NavLink
                        to={path ? `/projects/${project.id}/${path}` : `/projects/${project.id}`}
                        // A section stays highlighted on its sub-pages (a dataset under Datasets).
                        end={path === ''}
                        onClick={closeNav}
                        className={({ isActive }) => cn(linkBase, 'py-1.5', isActive && linkActive)}
                      >
                        <Icon className="h-4 w-4" aria-hidden="true" />
                        {label}
                      </NavLink>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          );
        })}
      </ul>
    </>
  );
}
