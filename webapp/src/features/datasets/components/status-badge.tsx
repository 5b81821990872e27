import { Loader2 } from 'lucide-react';
import { Badge } from '@/components/badge';
import { isInProgress, STATUS_LABELS } from '../dataset-status';
import type { DatasetStatus } from '../types';

const TONES = {
  receiving: 'amber',
  parsing: 'amber',
  loading: 'amber',
  ready: 'green',
  failed: 'red',
} as const;

export function StatusBadge({ status }: { status: DatasetStatus }) {
  return (
    <Badge tone={TONES[status]}>
      {isInProgress(status) && (
        <Loader2 className="mr-1 h-3 w-3 motion-safe:animate-spin" aria-hidden="true" />
      )}
      {STATUS_LABELS[status]}
    </Badge>
  );
}
