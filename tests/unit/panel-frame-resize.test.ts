/** The panel's resize handle for keyboard and screen reader: a vertical separator that says the width. */
import { afterEach, expect, it, vi } from 'vitest';

// happy-dom would try to load the extension page: a bare iframe stands in for WXT's iframe UI.
vi.mock('wxt/utils/content-script-ui/iframe', () => ({
  createIframeUi: (_ctx: unknown, options: { onMount?: (w: HTMLElement, f: HTMLIFrameElement) => void }) => {
    const wrapper = document.createElement('div');
    const iframe = document.createElement('iframe');
    iframe.srcdoc = ''; // no page load (happy-dom refuses and logs one per mount)
    wrapper.append(iframe);
    return {
      wrapper,
      iframe,
      mount: () => {
        document.documentElement.append(wrapper);
        options.onMount?.(wrapper, iframe);
      },
      remove: () => wrapper.remove(),
    };
  },
}));
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { mountPanelFrame, PANEL_MAX_WIDTH, PANEL_MIN_WIDTH } from '../../lib/content/panel-frame';

let ctx: ContentScriptContext | null = null;
afterEach(() => {
  ctx?.abort();
  document.querySelectorAll('[data-caseside-panel]').forEach((el) => el.remove());
});

it('says its width in px and keeps the arrow keys from scrolling the page', async () => {
  ctx = new ContentScriptContext('panel-frame-resize-test');
  await fakeBrowser.storage.local.set({ panelLayout: { open: true, width: 400 } });
  await mountPanelFrame(ctx);
  const handle = document.querySelector('[role="separator"]') as HTMLElement;
  expect(handle.getAttribute('aria-orientation')).toBe('vertical');
  expect(handle.getAttribute('aria-valuemin')).toBe(String(PANEL_MIN_WIDTH));
  expect(handle.getAttribute('aria-valuemax')).toBe(String(PANEL_MAX_WIDTH));
  expect(handle.getAttribute('aria-valuenow')).toBe('400');
  const press = (key: string) => {
    const e = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
    handle.dispatchEvent(e);
    return e;
  };
  expect(press('ArrowLeft').defaultPrevented).toBe(true);
  expect(handle.getAttribute('aria-valuenow')).toBe('420');
  expect(press('ArrowRight').defaultPrevented).toBe(true);
  expect(handle.getAttribute('aria-valuenow')).toBe('400');
  for (let i = 0; i < 40; i++) press('ArrowLeft');
  expect(handle.getAttribute('aria-valuenow')).toBe(String(PANEL_MAX_WIDTH));
  expect(press('Tab').defaultPrevented).toBe(false);
});
