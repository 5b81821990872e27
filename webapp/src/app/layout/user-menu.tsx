import { ChevronDown, KeyRound, LogOut, MonitorX } from 'lucide-react';
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { focusRing } from '@/components/button';
import { useLogout, useMe } from '@/features/auth';
import { cn } from '@/lib/cn';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    (
      (parts[0]?.[0] ?? '') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
    ).toUpperCase() || '?'
  );
}

/** A menu button (ARIA menu pattern): Enter/Space/ArrowDown open it, Escape closes it. */
export function UserMenu() {
  const { data: me } = useMe();
  const logout = useLogout();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const buttonRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    function onPointerDown(event: PointerEvent) {
      const target = event.target as Node;
      if (!menuRef.current?.contains(target) && !buttonRef.current?.contains(target))
        setOpen(false);
    }
    document.addEventListener('pointerdown', onPointerDown);
    return () => document.removeEventListener('pointerdown', onPointerDown);
  }, [open]);

  function onMenuKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      setOpen(false);
      buttonRef.current?.focus();
    } else if (event.key === 'Tab') {
      setOpen(false);
    }
  }

  function signOut() {
    setOpen(false);
    logout.signOut();
  }

  function signOutEverywhere() {
    setOpen(false);
    logout.signOutEverywhere();
  }

  function openApiKeys() {
    setOpen(false);
    navigate('/api-keys');
  }

  const itemClass =
    'flex w-full items-center gap-2 px-4 py-2 text-left text-sm hover:bg-slate-100 focus:bg-slate-100 focus:outline-none dark:hover:bg-slate-800 dark:focus:bg-slate-800';

  const name = me?.name ?? 'Account';
  return (
    <div className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Account: ${name}`}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setOpen(true);
          }
        }}
        className={cn(
          'flex items-center gap-2 rounded-md px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800',
          focusRing,
        )}
      >
        <span
          aria-hidden="true"
          className="flex h-8 w-8 items-center justify-center rounded-full bg-brand-600 text-xs font-semibold text-white"
        >
          {initials(name)}
        </span>
        <span className="hidden max-w-[12rem] truncate sm:inline">{name}</span>
        <ChevronDown className="h-4 w-4" aria-hidden="true" />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          tabIndex={-1}
          aria-label="Account"
          onKeyDown={onMenuKeyDown}
          className="absolute right-0 z-30 mt-2 w-64 rounded-md border border-slate-200 bg-white py-1 shadow-lg dark:border-slate-700 dark:bg-slate-900"
        >
          {me && (
            <div
              className="border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-700"
              role="none"
            >
              <p className="truncate font-medium">{me.name}</p>
              <p className="truncate text-slate-500 dark:text-slate-400">{me.email}</p>
            </div>
          )}
          <button type="button" role="menuitem" onClick={openApiKeys} className={itemClass}>
            <KeyRound className="h-4 w-4" aria-hidden="true" />
            API keys
          </button>
          <button type="button" role="menuitem" onClick={signOut} className={itemClass}>
            <LogOut className="h-4 w-4" aria-hidden="true" />
            Log out
          </button>
          <button type="button" role="menuitem" onClick={signOutEverywhere} className={itemClass}>
            <MonitorX className="h-4 w-4" aria-hidden="true" />
            Sign out everywhere
          </button>
        </div>
      )}
    </div>
  );
}
