import type { Schema } from '@/lib/api/types';

export type AuditEntry = Schema<'AuditEntry'>;

export interface AuditPage {
  items: AuditEntry[];
  total: number;
  limit: number;
  offset: number;
}
