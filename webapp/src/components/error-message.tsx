import { AlertCircle } from 'lucide-react';
import { errorMessage } from '@/lib/api/api-error';
import { cn } from '@/lib/cn';
import { Button } from './button';

interface ErrorMessageProps {
  /** An Error/ApiError (its message is shown) or the text itself. */
  error: unknown;
  title?: string;
  onRetry?: () => void;
  className?: string;
}

/** Announced to screen readers as soon as it appears. Shows the server's message verbatim. */
export function ErrorMessage({ error, title, onRetry, className }: ErrorMessageProps) {
  const message = typeof error === 'string' ? error : errorMessage(error);
  return (
    <div
      role="alert"
      className={cn(
        'flex items-start gap-2 rounded-md border border-red-200 bg-red-50 p-3 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/50 dark:text-red-200',
        className,
      )}
    >
      <AlertCircle className="mt-0.5 h-4 w-4 shrink-0" aria-hidden="true" />
      <div className="flex-1">
        {title && <p className="font-medium">{title}</p>}
        <p>{message}</p>
      </div>
      {onRetry && (
        <Button variant="secondary" size="sm" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
