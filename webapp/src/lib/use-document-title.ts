import { useEffect } from 'react';

const APP = 'Analytics Studio';

/** Names the page in the tab and for screen readers announcing navigation. */
export function useDocumentTitle(...parts: Array<string | undefined>): void {
  const title = [...parts.filter(Boolean), APP].join(' · ');
  useEffect(() => {
    document.title = title;
  }, [title]);
}
