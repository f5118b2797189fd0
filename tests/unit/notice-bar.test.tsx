/**
 * The panel's notice line: an information line ("Inserted", "Masked: 1 card") goes away by
 * itself, not while the agent points at or focuses it; an error stays until dismissed.
 */
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { act } from 'react';
import { INFO_NOTICE_MS, NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { usePanelStore } from '../../lib/store/panel-store';
import { reactRoot } from '../support/react-root';

const view = reactRoot();
beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  vi.useRealTimers();
  act(() => usePanelStore.getState().notify(null));
});
const shown = (el: HTMLElement) => el.querySelector('[data-testid="notice"]')?.textContent ?? null;
const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

it('an information line leaves after its time; a newer one gets its own time', () => {
  const el = view.render(<NoticeBar />);
  act(() => usePanelStore.getState().notify({ kind: 'info', text: 'Masked: 1 card' }));
  expect(shown(el)).toContain('Masked: 1 card');
  wait(INFO_NOTICE_MS - 1_000);
  act(() => usePanelStore.getState().notify({ kind: 'info', text: 'Inserted' }));
  wait(2_000);
  expect(shown(el)).toContain('Inserted');
  wait(INFO_NOTICE_MS);
  expect(shown(el)).toBeNull();
});

it('stays while the pointer is on it, and an error stays until dismissed', () => {
  const el = view.render(<NoticeBar />);
  act(() => usePanelStore.getState().notify({ kind: 'info', text: 'Inserted' }));
  act(() => el.querySelector('[data-testid="notice"]')!.dispatchEvent(new PointerEvent('pointerover', { bubbles: true })));
  wait(INFO_NOTICE_MS * 3);
  expect(shown(el)).toContain('Inserted');
  act(() => el.querySelector('[data-testid="notice"]')!.dispatchEvent(new PointerEvent('pointerout', { bubbles: true })));
  wait(INFO_NOTICE_MS);
  expect(shown(el)).toBeNull();

  act(() => usePanelStore.getState().notify({ kind: 'error', text: 'Could not save' }));
  wait(INFO_NOTICE_MS * 3);
  expect(shown(el)).toContain('Could not save');
  act(() => el.querySelector<HTMLButtonElement>('[data-testid="notice"] button')!.click());
  expect(shown(el)).toBeNull();
});
