import { create } from 'zustand';

interface LayoutState {
  /** The navigation drawer on narrow screens (below lg); always shown on wide ones. */
  navOpen: boolean;
  setNavOpen: (open: boolean) => void;
}

export const useLayoutStore = create<LayoutState>((set) => ({
  navOpen: false,
  setNavOpen: (navOpen) => set({ navOpen }),
}));
