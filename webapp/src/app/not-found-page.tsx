import { Compass } from 'lucide-react';
import { Link } from 'react-router-dom';
import { EmptyState } from '@/components/empty-state';

export function NotFoundPage() {
  return (
    <EmptyState
      icon={Compass}
      title="Page not found"
      description="The address may be mistyped, or the page has moved."
      action={
        <Link
          to="/projects"
          className="font-medium text-brand-600 hover:underline dark:text-brand-100"
        >
          Go to your projects
        </Link>
      }
    />
  );
}
