import { Moon, Sun } from 'lucide-react';
import { Button } from '@/components/button';
import { resolveTheme, useThemeStore } from '../theme-store';

export function ThemeToggle() {
  const preference = useThemeStore((state) => state.theme);
  const setTheme = useThemeStore((state) => state.setTheme);
  const current = resolveTheme(preference);
  const next = current === 'dark' ? 'light' : 'dark';
  return (
    <Button
      variant="ghost"
      size="icon"
      aria-label={`Switch to ${next} theme`}
      title={`Switch to ${next} theme`}
      onClick={() => setTheme(next)}
    >
      {current === 'dark' ? (
        <Sun className="h-5 w-5" aria-hidden="true" />
      ) : (
        <Moon className="h-5 w-5" aria-hidden="true" />
      )}
    </Button>
  );
}
