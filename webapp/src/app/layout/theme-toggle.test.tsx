import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { useApplyTheme, useThemeStore } from '../theme-store';
import { ThemeToggle } from './theme-toggle';

function Harness() {
  useApplyTheme();
  return <ThemeToggle />;
}

describe('ThemeToggle', () => {
  it('switches between light and dark, and remembers the choice', async () => {
    useThemeStore.setState({ theme: 'system' });
    const user = userEvent.setup();
    render(<Harness />);
    // jsdom reports no dark preference, so "system" starts light.
    await user.click(screen.getByRole('button', { name: 'Switch to dark theme' }));
    expect(document.documentElement).toHaveClass('dark');
    expect(JSON.parse(window.localStorage.getItem('as.theme') ?? '{}')).toMatchObject({
      state: { theme: 'dark' },
    });
    await user.click(screen.getByRole('button', { name: 'Switch to light theme' }));
    expect(document.documentElement).not.toHaveClass('dark');
  });
});
