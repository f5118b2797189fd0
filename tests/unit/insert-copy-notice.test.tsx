/**
 * When neither the page nor the panel could copy a reply that did not go in, the notice shows the
 * reply, read-only and selected on focus, for the agent to copy by hand — for the conversation it
 * was written for only: once the panel moves to another brand or conversation it is gone.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { usePanelStore } from '../../lib/store/panel-store';
import { emptyState } from '../../lib/background/tab-state';
import type { TabState } from '../../lib/messaging/protocol';
import { reactRoot } from '../support/react-root';

const view = reactRoot();
afterEach(() => act(() => usePanelStore.setState({ tab: null, notice: null })));

it('shows the reply to copy by hand, and only when there is one', () => {
  const el = view.render(<NoticeBar />);
  const reply = 'Hola Ana,\nya está resuelto.';
  act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not insert: … copy it yourself.', copyText: reply }));
  const box = el.querySelector<HTMLTextAreaElement>('[data-testid="notice-copy"]');
  expect(box?.value).toBe(reply);
  expect(box?.readOnly).toBe(true);
  expect(box?.getAttribute('aria-label')).toBe('Reply to copy');
  expect(el.querySelector('[data-testid="notice"]')?.textContent).toContain('copy it yourself');

  act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not insert: an insert is already running.' }));
  expect(el.querySelector('[data-testid="notice-copy"]')).toBeNull();
});

describe('the reply to copy by hand belongs to its conversation', () => {
  const REPLY = 'Hi Dana, your Acme refund code is ACME40';
  const danaAtA: TabState = { ...emptyState('https://www.facebook.com/messages/t/1'), brandId: 'A', conversationId: 'A/facebook:c:1', customerId: 'dana' };
  const copyBox = (el: HTMLElement) => el.querySelector<HTMLTextAreaElement>('[data-testid="notice-copy"]')?.value ?? '';
  const failedInsert = () =>
    act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not insert: … copy it yourself.', copyText: REPLY }));

  it('is not offered once the panel moves to another brand', () => {
    const el = view.render(<NoticeBar />);
    act(() => usePanelStore.getState().setTab(danaAtA));
    failedInsert();
    expect(copyBox(el)).toContain('ACME40');
    act(() => usePanelStore.getState().setTab({ ...emptyState('https://www.facebook.com/messages/t/9'), brandId: 'B', conversationId: 'B/facebook:c:9', customerId: 'sam' }));
    expect(copyBox(el), "brand A's reply is still offered under brand B").not.toContain('ACME40');
    expect(el.querySelector('[data-testid="notice"]')).toBeNull();
  });

  it("is not offered once the panel moves to another conversation of the brand, or to a page of no brand", () => {
    const el = view.render(<NoticeBar />);
    act(() => usePanelStore.getState().setTab(danaAtA));
    failedInsert();
    act(() => usePanelStore.getState().setTab({ ...danaAtA, conversationId: 'A/facebook:c:2', customerId: 'lee' }));
    expect(copyBox(el)).not.toContain('ACME40');

    act(() => usePanelStore.getState().setTab(danaAtA));
    failedInsert();
    act(() => usePanelStore.getState().setTab(emptyState('https://x.com/home')));
    expect(copyBox(el)).not.toContain('ACME40');
  });

  it('stays while the panel is on its conversation (the page read again, or briefly not readable)', () => {
    const el = view.render(<NoticeBar />);
    act(() => usePanelStore.getState().setTab(danaAtA));
    failedInsert();
    // The same conversation read again (a new message), then a moment without a conversation
    // of the same brand (the page re-rendering), then back.
    act(() => usePanelStore.getState().setTab({ ...danaAtA, url: `${danaAtA.url}?again` }));
    act(() => usePanelStore.getState().setTab({ ...emptyState(danaAtA.url), brandId: 'A' }));
    act(() => usePanelStore.getState().setTab(danaAtA));
    expect(copyBox(el)).toBe(REPLY);
    // A notice without a reply to copy is not the conversation's: it stays.
    act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not save' }));
    act(() => usePanelStore.getState().setTab({ ...danaAtA, brandId: 'B', conversationId: 'B/facebook:c:9' }));
    expect(el.querySelector('[data-testid="notice"]')?.textContent).toContain('Could not save');
  });
});
