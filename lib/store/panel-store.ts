/**
 * UI-only state of the panel (Zustand, one store from slices). Customer data is never kept
 * here: it is read from IndexedDB through useLiveQuery. The tab state mirrors what the
 * background says about this tab (which conversation, recorded where).
 */
import { create } from 'zustand';
import type { TabState } from '../messaging/protocol';

export type Section = 'history' | 'case' | 'suggest' | 'work';

interface ConnectionSlice {
  tab: TabState | null;
  connected: boolean;
  setTab: (tab: TabState) => void;
  setConnected: (connected: boolean) => void;
}

interface NavigationSlice {
  section: Section;
  setSection: (section: Section) => void;
}

export interface Notice {
  kind: 'info' | 'error';
  text: string;
  copyText?: string;
}

interface NoticeSlice {
  /**
   * One transient line at the bottom of the panel (insert result, save error). `copyText`: text
   * the agent has to copy by hand (the clipboard refused it), shown ready to select.
   */
  notice: Notice | null;
  notify: (notice: Notice | null) => void;
  /** Proposed follow-ups the agent dismissed, by message id. */
  dismissed: Record<string, true>;
  dismiss: (messageId: string) => void;
}

export type PanelStore = ConnectionSlice & NavigationSlice & NoticeSlice;

export const usePanelStore = create<PanelStore>()((set) => ({
  tab: null,
  connected: false,
  setTab: (tab) => set({ tab }),
  setConnected: (connected) => set({ connected }),
  section: 'history',
  setSection: (section) => set({ section }),
  notice: null,
  notify: (notice) => set({ notice }),
  dismissed: {},
  dismiss: (messageId) => set((s) => ({ dismissed: { ...s.dismissed, [messageId]: true } })),
}));
