/**
 * The panel frame and the keyboard: opening the panel moves the focus into it (it is appended
 * last in <html>, after the whole platform page), closing it from inside gives the focus back to
 * the page's composer, and the resize handle is a labelled separator with its value.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

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
import { mountPanelFrame } from '../../lib/content/panel-frame';

let ctx: ContentScriptContext;
let composer: HTMLTextAreaElement;

async function mount(open: boolean, width = 400, fallback?: () => HTMLElement | null) {
  await fakeBrowser.storage.local.set({ panelLayout: { open, width } });
  const panel = await mountPanelFrame(ctx, fallback);
  const iframe = document.querySelector('iframe') as HTMLIFrameElement;
  return { panel, iframe };
}

beforeEach(() => {
  document.body.innerHTML = '<main><textarea id="composer"></textarea><button id="other">x</button></main>';
  composer = document.getElementById('composer') as HTMLTextAreaElement;
  composer.focus();
  ctx = new ContentScriptContext('panel-frame-focus-test');
});
afterEach(() => {
  ctx.abort();
  document.querySelectorAll('[data-caseside-panel]').forEach((el) => el.remove());
});

describe('panel focus', () => {
  it('opening the panel focuses it', async () => {
    const { panel, iframe } = await mount(false);
    expect(document.activeElement).toBe(composer);
    panel.toggle();
    expect(panel.isOpen()).toBe(true);
    expect(document.activeElement).toBe(iframe);
  });

  it('closing it from inside gives the focus back to the composer', async () => {
    const { panel, iframe } = await mount(true);
    expect(document.activeElement).toBe(composer); // mounting does not steal the focus
    iframe.focus();
    expect(document.activeElement).toBe(iframe);
    panel.setOpen(false);
    expect(document.activeElement).toBe(composer);
  });

  it('gives the focus back to the element focused last in the page, or to the fallback once it is gone', async () => {
    const fallback = document.createElement('textarea');
    document.body.append(fallback);
    const { panel, iframe } = await mount(false, 400, () => fallback);
    const other = document.getElementById('other') as HTMLButtonElement;
    other.focus();
    panel.toggle();
    panel.setOpen(false);
    expect(document.activeElement).toBe(other);
    panel.toggle();
    expect(document.activeElement).toBe(iframe);
    other.remove();
    panel.toggle();
    expect(document.activeElement).toBe(fallback);
  });

  it('closing it while the focus is in the page leaves the focus where it is', async () => {
    const { panel } = await mount(true);
    panel.setOpen(false);
    expect(document.activeElement).toBe(composer);
  });
});
