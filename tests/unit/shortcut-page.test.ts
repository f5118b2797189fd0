/**
 * The panel's shortcut as the page session wires it: the content script's key listener is the
 * manifest command's fallback, so one press toggles the panel once even when the page sees the
 * key and the background relays the command too, and on macOS it never takes Option+Shift+C,
 * the key that types "Ç", from the field the agent is typing in.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';

const frame = vi.hoisted(() => ({ calls: [] as string[], fallback: null as null | (() => HTMLElement | null) }));
// The frame itself is not under test (happy-dom would try to load the extension page). The
// shortcut and the toolbar (the same command) toggle it; focus moves in on open and back on close
// (tests/unit/panel-frame-focus.test.ts).
vi.mock('../../lib/content/panel-frame', () => ({
  mountPanelFrame: async (_ctx: unknown, fallback: () => HTMLElement | null) => {
    frame.fallback = fallback;
    return { toggle: () => frame.calls.push('toggle'), setOpen() {}, isOpen: () => true };
  },
}));
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startPageSession } from '../../lib/content/page-session';
import type { PlatformAdapter } from '../../lib/platforms/adapter';
import { notRecognised } from '../../lib/platforms/snapshot';

let ctx: ContentScriptContext | null = null;

async function start(platform: string): Promise<HTMLTextAreaElement> {
  Object.defineProperty(navigator, 'platform', { value: platform, configurable: true });
  document.body.innerHTML = '<main><textarea id="composer"></textarea></main>';
  frame.calls = [];
  frame.fallback = null;
  const adapter: PlatformAdapter = {
    platform: 'x',
    handles: () => true,
    conversationKindOf: () => null,
    readAgent: () => null,
    extract: () => notRecognised('no-conversation', 'none'),
    observeRoot: () => document.querySelector('main'),
    findComposer: () => {
      const element = document.getElementById('composer');
      return element ? ({ element } as never) : null;
    },
  };
  fakeBrowser.runtime.sendMessage = (async () => ({ ok: true })) as never;
  ctx = new ContentScriptContext('shortcut-page-test');
  await startPageSession(ctx, adapter);
  return document.getElementById('composer') as HTMLTextAreaElement;
}

afterEach(() => {
  ctx?.abort();
  ctx = null;
  delete (navigator as unknown as { platform?: string }).platform;
});

const press = (target: EventTarget, init: KeyboardEventInit) => {
  const e = new KeyboardEvent('keydown', { bubbles: true, cancelable: true, composed: true, ...init });
  target.dispatchEvent(e);
  return e;
};
const command = () => fakeBrowser.runtime.onMessage.trigger({ type: 'tab/toggle-panel' }, { id: fakeBrowser.runtime.id });

describe('the panel shortcut on the page', () => {
  it('one Alt+Shift+C toggles once, even when the page sees the key and the command arrives too', async () => {
    await start('Linux x86_64');
    const e = press(document.body, { key: 'C', code: 'KeyC', altKey: true, shiftKey: true });
    expect(e.defaultPrevented).toBe(true);
    await command();
    expect(frame.calls).toEqual(['toggle']);
  });

  it('the command alone (the browser took the key) toggles', async () => {
    await start('Win32');
    await command();
    expect(frame.calls).toEqual(['toggle']);
  });

  it('on macOS, Option+Shift+C in the reply box types "Ç": not taken, no toggle', async () => {
    const composer = await start('MacIntel');
    const e = press(composer, { key: 'Ç', code: 'KeyC', altKey: true, shiftKey: true });
    expect(e.defaultPrevented).toBe(false);
    expect(frame.calls).toEqual([]);
    // The Mac's shortcut, Control+Shift+C, types nothing and toggles.
    expect(press(composer, { key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true }).defaultPrevented).toBe(true);
    expect(frame.calls).toEqual(['toggle']);
  });

  it('closing the panel gives the focus back to the reply box when the element it came from is gone', async () => {
    const composer = await start('Linux x86_64');
    expect(frame.fallback?.()).toBe(composer);
  });
});
