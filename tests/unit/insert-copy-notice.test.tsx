/**
 * When neither the page nor the panel could copy a reply that did not go in, the notice shows the
 * reply, read-only and selected on focus, for the agent to copy by hand.
 */
import { afterEach, expect, it } from 'vitest';
import { act } from 'react';
import { NoticeBar } from '../../entrypoints/panel/NoticeBar';
import { usePanelStore } from '../../lib/store/panel-store';
import { reactRoot } from '../support/react-root';

const view = reactRoot();
afterEach(() => act(() => usePanelStore.getState().notify(null)));

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
