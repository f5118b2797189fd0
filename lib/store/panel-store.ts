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
  /**
   * The brand and conversation a notice with `copyText` was raised in: the reply is written for
   * that customer, and the notice goes once the panel moves to another brand or conversation
   * (setTab). Null for a notice without a reply to copy.
   */
  noticeFor: NoticeScope | null;
  /**
   * `scope`: the brand and conversation the notice's reply was written for, when the caller
   * recorded them itself (an insert failing after the panel moved on); else those on screen now.
   */
  notify: (notice: Notice | null, scope?: NoticeScope) => void;
  /** Proposed follow-ups the agent dismissed, by message id. */
  dismissed: Record<string, true>;
  dismiss: (messageId: string) => void;
}

/** A brand and a conversation the panel was on (null: none). */
export interface NoticeScope {
  brandId: string | null;
  conversationId: string | null;
}

/** The brand and conversation of this tab state (none without one). */
export const scopeOf = (tab: Pick<TabState, 'brandId' | 'conversationId'> | null): NoticeScope => ({
  brandId: tab?.brandId ?? null,
  conversationId: tab?.conversationId ?? null,
});

export type PanelStore = ConnectionSlice & NavigationSlice & NoticeSlice;

/**
 * Whether the tab state `next` is elsewhere than `scope`: another brand (or none), or another
 * conversation. A moment without a conversation under the same brand (the page re-rendering, the
 * brand's Work list) is not: the agent coming back finds the reply still there.
 */
export const leaves = (scope: NoticeScope, next: Pick<TabState, 'brandId' | 'conversationId'> | null) =>
  (next?.brandId ?? null) !== scope.brandId || (!!next && next.conversationId !== null && next.conversationId !== scope.conversationId);

export const usePanelStore = create<PanelStore>()((set) => ({
  tab: null,
  connected: false,
  // A reply waiting to be copied by hand is for the customer it was written for: it never follows
  // the panel to another brand or conversation.
  setTab: (tab) => set((s) => (s.noticeFor && leaves(s.noticeFor, tab) ? { tab, notice: null, noticeFor: null } : { tab })),
  setConnected: (connected) => set({ connected }),
  section: 'history',
  setSection: (section) => set({ section }),
  notice: null,
  noticeFor: null,
  notify: (notice, scope) =>
    set((s) => ({
      notice,
      noticeFor: notice?.copyText !== undefined ? (scope ?? scopeOf(s.tab)) : null,
    })),
  dismissed: {},
  dismiss: (messageId) => set((s) => ({ dismissed: { ...s.dismissed, [messageId]: true } })),
}));
