/**
 * An insert can fail late (the content script never answers). The reply was written for the
 * customer on screen at the click: when the failure arrives after the panel moved to another
 * conversation, the reply is not offered there to copy by hand (nor copied), and the notice says
 * the insert into the conversation the agent left failed.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act } from 'react';
import type { InsertOutcome } from '../../lib/platforms/insert/outcome';
import type { TabState } from '../../lib/messaging/protocol';

const pending = vi.hoisted(() => ({ calls: [] as { resolve: (o: InsertOutcome) => void; reject: (e: Error) => void }[] }));
vi.mock('../../lib/panel/connection', () => ({
  insertIntoComposer: () =>
    new Promise<InsertOutcome>((resolve, reject) => {
      pending.calls.push({ resolve, reject });
    }),
}));

const { insertAndReport } = await import('../../lib/panel/insert');
const { usePanelStore } = await import('../../lib/store/panel-store');
const { NoticeBar } = await import('../../entrypoints/panel/NoticeBar');
const { emptyState } = await import('../../lib/background/tab-state');
const { reactRoot } = await import('../support/react-root');

const view = reactRoot();
const REPLY = 'Hi Dana, your Acme refund code is ACME40';
const danaAtA: TabState = { ...emptyState('https://x.com/messages/conv-a'), brandId: 'acme', conversationId: 'acme/x:conv-a', customerId: 'dana' };
const leeAtB: TabState = { ...emptyState('https://x.com/messages/conv-b'), brandId: 'acme', conversationId: 'acme/x:conv-b', customerId: 'lee' };
const target = { conversationId: 'x:conv-a', agent: null };
const doc = document as unknown as { execCommand?: (command: string) => boolean };
let writeText: ReturnType<typeof vi.fn>;

beforeEach(() => {
  pending.calls = [];
  // Neither the page nor the panel can copy: the reply would be offered to copy by hand.
  writeText = vi.fn(async () => {
    throw new DOMException('Document is not focused.', 'NotAllowedError');
  });
  Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  doc.execCommand = vi.fn(() => false);
});
afterEach(() => {
  act(() => usePanelStore.setState({ tab: null, notice: null, noticeFor: null }));
  delete (navigator as unknown as { clipboard?: unknown }).clipboard;
  delete doc.execCommand;
});

const copyBox = (el: HTMLElement) => el.querySelector<HTMLTextAreaElement>('[data-testid="notice-copy"]');
const noticeText = (el: HTMLElement) => el.querySelector('[data-testid="notice"]')?.textContent ?? '';

it("does not offer conversation A's reply on conversation B when the insert into A fails after the move", async () => {
  const el = view.render(<NoticeBar />);
  act(() => usePanelStore.getState().setTab(danaAtA));
  const inserting = insertAndReport(REPLY, 'caret', target);
  expect(pending.calls).toHaveLength(1);

  act(() => usePanelStore.getState().setTab(leeAtB));
  await act(async () => {
    pending.calls[0]!.reject(new Error('Could not establish connection. Receiving end does not exist.'));
    expect(await inserting).toBe(false);
  });

  expect(copyBox(el)?.value ?? '', "A's reply is offered to copy on B").not.toContain('ACME40');
  expect(noticeText(el)).not.toContain('ACME40');
  expect(noticeText(el)).toContain('Could not insert the reply into the conversation you left: the page did not answer.');
  expect(writeText, "A's reply was put on the clipboard while on B").not.toHaveBeenCalled();
});

it('does not offer it on B either when the page answers with a failure late', async () => {
  const el = view.render(<NoticeBar />);
  act(() => usePanelStore.getState().setTab(danaAtA));
  const inserting = insertAndReport(REPLY, 'caret', target);
  act(() => usePanelStore.getState().setTab({ ...leeAtB, brandId: 'bolt', conversationId: 'bolt/x:conv-b' }));
  await act(async () => {
    pending.calls[0]!.resolve({ ok: false, code: 'gone', reason: 'technical detail', copiedToClipboard: false });
    await inserting;
  });
  expect(copyBox(el)).toBeNull();
  expect(noticeText(el)).toContain('conversation you left');
});

it('still offers the reply to copy by hand when the panel is on its conversation', async () => {
  const el = view.render(<NoticeBar />);
  act(() => usePanelStore.getState().setTab(danaAtA));
  const inserting = insertAndReport(REPLY, 'caret', target);
  // Away and back before the failure arrives: the reply is for the conversation on screen.
  act(() => usePanelStore.getState().setTab(leeAtB));
  act(() => usePanelStore.getState().setTab(danaAtA));
  await act(async () => {
    pending.calls[0]!.reject(new Error('no answer'));
    await inserting;
  });
  expect(copyBox(el)?.value).toBe(REPLY);
  expect(usePanelStore.getState().noticeFor).toEqual({ brandId: 'acme', conversationId: 'acme/x:conv-a' });
  // And it goes once the panel moves on.
  act(() => usePanelStore.getState().setTab(leeAtB));
  expect(copyBox(el)).toBeNull();
});
