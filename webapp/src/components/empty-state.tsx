import type { LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';

interface EmptyStateProps {
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  action?: ReactNode;
}

export function EmptyState({ icon: Icon, title, description, action }: EmptyStateProps) {
  return (
    <div className="flex flex-col items-center rounded-lg border border-dashed border-slate-300 px-6 py-12 text-center dark:border-slate-700">
      <Icon className="h-10 w-10 text-brand-500" aria-hidden="true" />
      <h2 className="mt-4 text-lg font-semibold">{title}</h2>
      <div className="mt-1 max-w-md text-sm text-slate-600 dark:text-slate-400">{description}</div>
      {action && <div className="mt-6">{action}</div>}
    </div>
  );
}
