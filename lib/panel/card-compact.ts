/**
 * Whether the panel shows the customer card compact (name, identities, tags, open case and
 * overdue count; no dates, counts, tag editor or linked identities), so on a short window the
 * tabs and the history start near the top. A choice of this browser's agent, not customer data:
 * kept in browser.storage.local and followed live by every open panel.
 */
import { browser } from 'wxt/browser';
import { useStoredValue } from './use-stored-value';

export const CARD_COMPACT_KEY = 'panel.cardCompact';

const readCompact = (stored: unknown): boolean => stored === true;

export const saveCardCompact = (compact: boolean): Promise<void> => browser.storage.local.set({ [CARD_COMPACT_KEY]: compact });

/** The stored choice (false until read, and when nothing or something unreadable is stored). */
export const useCardCompact = (): boolean => useStoredValue(CARD_COMPACT_KEY, readCompact) ?? false;
