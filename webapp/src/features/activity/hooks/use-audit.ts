import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { listAudit } from '../api/audit-api';

export const auditKeys = {
  all: (projectId: string) => ['projects', projectId, 'audit'] as const,
  page: (projectId: string, limit: number, offset: number) =>
    ['projects', projectId, 'audit', { limit, offset }] as const,
};

export function useAudit(projectId: string, limit: number, offset: number) {
  return useQuery({
    queryKey: auditKeys.page(projectId, limit, offset),
    queryFn: () => listAudit(projectId, limit, offset),
    // Keep the current page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}
