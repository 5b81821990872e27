import { create } from 'zustand';
import type { AuthNotice } from '../types';

interface AuthNoticeState {
  notice: AuthNotice | null;
  setNotice: (notice: AuthNotice | null) => void;
}

/** UI state: the message the login page should show (session expired, signed out). */
export const useAuthNotice = create<AuthNoticeState>((set) => ({
  notice: null,
  setNotice: (notice) => set({ notice }),
}));
