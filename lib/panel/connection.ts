/**
 * The panel's line to the background: a runtime port over which the background pushes this
 * tab's state, re-opened when the service worker restarts, and typed requests.
 */
import { useEffect } from 'react';
import { browser } from 'wxt/browser';
import { PANEL_PORT, PanelPushSchema, type InsertMode, type InsertOutcome, type PanelMessage } from '../messaging/protocol';
import { usePanelStore } from '../store/panel-store';
import { BENCH } from '../bench/probe';
import { accountOf, type Agent } from '../platforms/snapshot';

export function usePanelConnection(): void {
  const setTab = usePanelStore((s) => s.setTab);
  const setConnected = usePanelStore((s) => s.setConnected);
  useEffect(() => {
    let stopped = false;
    let retry: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const port = browser.runtime.connect({ name: PANEL_PORT });
      setConnected(true);
      port.onMessage.addListener((raw) => {
        const parsed = PanelPushSchema.safeParse(raw);
        // Bench builds only (lib/bench/probe.ts): when this tab's state reached the panel.
        if (BENCH) performance.mark('caseside:state');
        if (parsed.success) setTab(parsed.data.state);
      });
      port.onDisconnect.addListener(() => {
        setConnected(false);
        if (!stopped) retry = setTimeout(connect, 500);
      });
      return port;
    };
    const port = connect();
    return () => {
      stopped = true;
      clearTimeout(retry);
      port.disconnect();
    };
  }, [setTab, setConnected]);
  // The agent using this panel makes its customer "the customer open in Caseside" (the page
  // context menu's "keep in this customer's history"). Told at most every 2 s.
  useEffect(() => {
    let last = 0;
    const tell = () => {
      if (Date.now() - last < 2_000) return;
      last = Date.now();
      void request<unknown>({ type: 'panel/active' }).catch(() => undefined);
    };
    window.addEventListener('focus', tell);
    window.addEventListener('pointerdown', tell, { capture: true });
    window.addEventListener('keydown', tell, { capture: true });
    return () => {
      window.removeEventListener('focus', tell);
      window.removeEventListener('pointerdown', tell, { capture: true });
      window.removeEventListener('keydown', tell, { capture: true });
    };
  }, []);
}

async function request<T>(message: PanelMessage): Promise<T> {
  return (await browser.runtime.sendMessage(message)) as T;
}

/** `target`: the conversation the panel shows and the account it was read under (see insertAndReport). */
export const insertIntoComposer = (text: string, mode: InsertMode, target?: InsertTarget) =>
  request<InsertOutcome>({
    type: 'panel/insert',
    text,
    mode,
    ...(target ? { conversationId: target.conversationId } : {}),
    ...(target?.agent ? { account: accountOf(target.agent) } : {}),
  });

/** The conversation a reply was written for, as the panel's snapshot names it. */
export type InsertTarget = { conversationId: string; agent: Agent | null };
export const trackConversation = (brandId: string) => request<unknown>({ type: 'panel/track', brandId });
export const closePanel = () => request<unknown>({ type: 'panel/close' });
/** Tell the background the agent answered the reopen offer, so it is not offered again after a reload. */
export const answered = (what: { reopenCaseId: string }) => request<unknown>({ type: 'panel/answered', ...what }).catch(() => undefined);
