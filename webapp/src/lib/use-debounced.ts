import { useEffect, useRef, useState } from 'react';

/**
 * `value`, once it has stopped changing for `ms`. With `leading`, a change that comes after a
 * quiet spell is passed on at once and only the changes that follow it within `ms` wait: a click
 * in the builder previews immediately, a burst of typing still sends one request.
 */
export function useDebounced<T>(value: T, ms: number, { leading = false } = {}): T {
  const [settled, setSettled] = useState(value);
  const current = useRef(value);
  const quietAt = useRef(0);
  useEffect(() => {
    if (Object.is(current.current, value)) return undefined;
    current.current = value;
    const now = Date.now();
    const quiet = now >= quietAt.current;
    quietAt.current = now + ms;
    if (leading && quiet) {
      setSettled(value);
      return undefined;
    }
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms, leading]);
  return settled;
}
