import type { Schema } from '@/lib/api/types';
import type { Role } from '@/lib/roles';

export type Member = Schema<'Member'>;

export interface AddMemberInput {
  email: string;
  role: Role;
}
