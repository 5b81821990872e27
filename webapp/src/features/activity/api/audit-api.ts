import { api, unwrap } from '@/lib/api/client';
import type { AuditPage } from '../types';

export function listAudit(projectId: string, limit: number, offset: number): Promise<AuditPage> {
  return unwrap(
    api.GET('/api/v1/projects/{projectId}/audit', {
      params: { path: { projectId }, query: { limit, offset } },
    }),
  );
}
