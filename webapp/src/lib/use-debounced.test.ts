import { act, renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useDebounced } from './use-debounced';

describe('useDebounced', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('passes a value on only once it has stopped changing', () => {
    const { result, rerender } = renderHook(({ value }) => useDebounced(value, 300), {
      initialProps: { value: 'a' },
    });
    rerender({ value: 'b' });
    act(() => void vi.advanceTimersByTime(200));
    rerender({ value: 'c' });
    act(() => void vi.advanceTimersByTime(200));
    expect(result.current).toBe('a');
    act(() => void vi.advanceTimersByTime(100));
    expect(result.current).toBe('c');
  });

  it('with leading, passes the first change after a quiet spell at once and coalesces a burst', () => {
    const { result, rerender } = renderHook(
      ({ value }) => useDebounced(value, 300, { leading: true }),
      { initialProps: { value: 'a' } },
    );
    rerender({ value: 'b' });
    expect(result.current).toBe('b');
    rerender({ value: 'c' });
    rerender({ value: 'd' });
    expect(result.current).toBe('b');
    act(() => void vi.advanceTimersByTime(300));
    expect(result.current).toBe('d');
    act(() => void vi.advanceTimersByTime(300));
    rerender({ value: 'e' });
    expect(result.current).toBe('e');
  });
});
