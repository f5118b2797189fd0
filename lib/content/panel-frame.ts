/**
 * Mounts the panel — an extension page in an <iframe>, so the host page cannot read it — over
 * the right edge of the platform page.
 *
 * Layout decision: the panel *pushes* the page. While it is open the platform page is narrowed
 * by the panel's width (margin on <html>), so on a narrow window the platform's own composer
 * reflows into the remaining space instead of disappearing under the panel.
 *
 * Only layout state (open, width) is kept here, in extension storage; no customer data ever
 * passes through this module.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { createIframeUi } from 'wxt/utils/content-script-ui/iframe';
import { platformTheme, THEME_MESSAGE, watchPlatformTheme } from './theme';

export const PANEL_MIN_WIDTH = 300;
export const PANEL_MAX_WIDTH = 720;
export const PANEL_DEFAULT_WIDTH = 380;
const STORAGE_KEY = 'panelLayout';
const HOST_ATTR = 'data-caseside-panel';

interface Layout {
  open: boolean;
  width: number;
}

const clampWidth = (w: number) =>
  Math.round(Math.min(PANEL_MAX_WIDTH, Math.max(PANEL_MIN_WIDTH, Number.isFinite(w) ? w : PANEL_DEFAULT_WIDTH)));

export interface PanelFrame {
  toggle(): void;
  setOpen(open: boolean): void;
  isOpen(): boolean;
}

/**
 * Focus: opening the panel moves the focus into it (appended last in <html>, it would otherwise
 * be reached only after tabbing through the whole platform page), and closing it while it has
 * the focus gives the focus back to where it was in the page (the element focused last outside
 * the panel, if still there, else `fallbackFocus()`: the page session's composer), instead of
 * letting it fall to the page's body.
 */
export async function mountPanelFrame(
  ctx: ContentScriptContext,
  fallbackFocus: () => HTMLElement | null = () => null,
): Promise<PanelFrame> {
  const stored = (await browser.storage.local.get(STORAGE_KEY))[STORAGE_KEY] as Partial<Layout> | undefined;
  const layout: Layout = { open: stored?.open ?? true, width: clampWidth(stored?.width ?? PANEL_DEFAULT_WIDTH) };

  const theme = platformTheme(document);
  const pushStyle = document.createElement('style');
  pushStyle.setAttribute(HOST_ATTR, 'push');

  let handle: HTMLElement | null = null;

  const ui = createIframeUi(ctx, {
    // The panel follows the platform's own light/dark theme when it can be read.
    page: `/panel.html${theme ? `?theme=${theme}` : ''}` as '/panel.html',
    position: 'inline',
    anchor: 'html',
    append: 'last',
    onMount(wrapper, iframe) {
      wrapper.setAttribute(HOST_ATTR, 'host');
      Object.assign(wrapper.style, {
        position: 'fixed',
        top: '0',
        right: '0',
        height: '100vh',
        zIndex: '2147483646',
        display: 'flex',
        boxShadow: '-1px 0 0 rgba(127,127,127,.35)',
      } satisfies Partial<CSSStyleDeclaration>);
      iframe.title = 'Caseside';
      iframe.setAttribute('allow', 'clipboard-write');
      Object.assign(iframe.style, { border: '0', height: '100%', width: '100%', colorScheme: 'normal' });
      handle = document.createElement('div');
      handle.setAttribute('role', 'separator');
      handle.setAttribute('aria-orientation', 'vertical');
      handle.setAttribute('aria-label', resizeLabel());
      handle.tabIndex = 0;
      handle.setAttribute('aria-valuemin', String(PANEL_MIN_WIDTH));
      handle.setAttribute('aria-valuemax', String(PANEL_MAX_WIDTH));
      Object.assign(handle.style, { width: '6px', cursor: 'col-resize', flex: '0 0 6px', background: 'transparent' });
      wrapper.prepend(handle);
      wireResize(handle, iframe);
      return iframe;
    },
  });

  // The element focused last in the page outside the panel, to give the focus back to.
  let pageFocus: Element | null = document.activeElement;
  ctx.addEventListener(
    window,
    'focusin',
    (e) => {
      if (e.target instanceof Element && e.target !== ui.iframe && !ui.wrapper.contains(e.target)) pageFocus = e.target;
    },
    { capture: true },
  );

  function apply(): void {
    const host = ui.wrapper;
    host.style.width = `${layout.width}px`;
    host.style.display = layout.open ? 'flex' : 'none';
    handle?.setAttribute('aria-valuenow', String(layout.width));
    pushStyle.textContent = layout.open
      ? `html{margin-right:${layout.width}px!important;}` +
        // Fixed-position bars of the platform stay within the narrowed page.
        `html body{max-width:calc(100vw - ${layout.width}px)!important;}`
      : '';
  }

  function save(): void {
    void browser.storage.local.set({ [STORAGE_KEY]: layout });
  }

  function wireResize(handle: HTMLElement, iframe: HTMLIFrameElement): void {
    let startX = 0;
    let startW = 0;
    const onMove = (e: PointerEvent) => {
      layout.width = clampWidth(startW + (startX - e.clientX));
      apply();
    };
    const onUp = () => {
      iframe.style.pointerEvents = '';
      window.removeEventListener('pointermove', onMove);
      window.removeEventListener('pointerup', onUp);
      save();
    };
    handle.addEventListener('pointerdown', (e) => {
      startX = e.clientX;
      startW = layout.width;
      // The frame would swallow pointer events mid-drag.
      iframe.style.pointerEvents = 'none';
      window.addEventListener('pointermove', onMove);
      window.addEventListener('pointerup', onUp);
    });
    handle.addEventListener('keydown', (e) => {
      if (e.key !== 'ArrowLeft' && e.key !== 'ArrowRight') return;
      // The page would scroll sideways too.
      e.preventDefault();
      layout.width = clampWidth(layout.width + (e.key === 'ArrowLeft' ? 20 : -20));
      apply();
      save();
    });
  }

  ui.mount();
  document.documentElement.append(pushStyle);
  apply();
  ctx.onInvalidated(() => {
    pushStyle.remove();
    ui.remove();
  });
  // A theme switched later reaches the panel as a message (a new ?theme= would reload it).
  const panelOrigin = new URL(browser.runtime.getURL('/')).origin;
  watchPlatformTheme(document, theme, (t) => ui.iframe.contentWindow?.postMessage({ type: THEME_MESSAGE, theme: t }, panelOrigin), ctx.signal);

  const focused = () => document.activeElement === ui.iframe;
  const setOpen = (open: boolean) => {
    const was = layout.open;
    const hadFocus = focused();
    layout.open = open;
    apply();
    save();
    if (open && !was) {
      const active = document.activeElement;
      if (active && active !== ui.iframe && active !== document.body) pageFocus = active;
      ui.iframe.focus();
    } else if (!open && hadFocus) {
      const back = pageFocus?.isConnected && pageFocus !== document.body ? pageFocus : fallbackFocus();
      if (back instanceof HTMLElement || back instanceof SVGElement) back.focus();
      else ui.iframe.blur();
    }
  };
  return {
    toggle: () => setOpen(!layout.open),
    setOpen,
    isOpen: () => layout.open,
  };
}

/**
 * The resize handle's name, in the language the panel uses (lib/i18n detectLocale: the browser's
 * language). Two strings here rather than the panel's dictionaries, which would cost the content
 * script's bundle budget.
 */
export function resizeLabel(language: string | undefined = globalThis.navigator?.language): string {
  return language?.toLowerCase().startsWith('es') ? 'Cambiar el ancho del panel de Caseside' : 'Resize Caseside panel';
}
