import type { Schema } from '@/lib/api/types';

export type User = Schema<'User'>;
export type AuthResponse = Schema<'AuthResponse'>;

export interface LoginInput {
  email: string;
  password: string;
}

export interface SignupInput extends LoginInput {
  name: string;
}

/** Why the login page is being shown, when it is not simply the first visit. */
export type AuthNotice = 'expired' | 'signed-out';
