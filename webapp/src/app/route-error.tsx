import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { Button } from '@/components/button';

/** Last resort for render errors and chunks that fail to load (e.g. after a deploy). */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : '';
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <div role="alert" className="max-w-md text-center">
        <h1 className="text-xl font-semibold">Something went wrong</h1>
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
          Reloading the page usually helps.{' '}
          {detail && <span className="block pt-2 font-mono text-xs">{detail}</span>}
        </p>
        <Button className="mt-6" onClick={() => window.location.reload()}>
          Reload
        </Button>
      </div>
    </main>
  );
}
