/**
 * The panel's keyboard shortcut: Alt+Shift+C, and Control+Shift+C on macOS.
 *
 * Design decision (README, "Alt+Shift+C"):
 *
 * - The shortcut is the manifest command `toggle-panel` (wxt.config.ts). The browser owns it: the
 *   agent can change or remove it (chrome://extensions/shortcuts, Firefox's Manage Extension
 *   Shortcuts), and the background relays it to the tab as `tab/toggle-panel`.
 * - macOS gets Control+Shift+C: Option+Shift+C types "Ç" there, and a browser command on it
 *   would take that letter from every text field in the browser. Control+Shift+C types nothing.
 * - The page's own key listener (createToggleGate) is only a fallback, for presses that reach the
 *   page rather than the browser's command. Chromium gives extension commands priority over the
 *   page, so there the key reaches the page only when no extension holds it; Firefox hands a
 *   non-reserved shortcut to the page first (our preventDefault then keeps its command quiet);
 *   key presses sent straight to the page (Playwright's e2e tests) may bypass commands altogether.
 * - It cannot toggle twice: a key press and a command (or toolbar click) that arrive within
 *   TOGGLE_DEDUPE_MS of each other are one press seen twice, and only the first one toggles.
 *   Asking the background whether the command is bound (commands.getAll, not available to
 *   content scripts) would cost a round trip per page, could go stale when the agent rebinds
 *   it (Chromium has no commands.onChanged), and "unbound" may mean the agent freed the key on
 *   purpose; deduplication needs none of that.
 * - It never takes a key that types text: Option (macOS) is never part of it, nor AltGr
 *   (Ctrl+Alt on Windows, its own modifier on Linux), nor a dead key or an IME composition, so
 *   "Ç" and friends always reach the field the agent is typing in.
 */

/** The shortcut and the paste keys as this platform's agent presses them, for labels. */
export function keyLabels(mac: boolean = isMacPlatform()): { toggle: string; paste: string } {
  return mac ? { toggle: 'Control+Shift+C', paste: '⌘V' } : { toggle: 'Alt+Shift+C', paste: 'Ctrl+V' };
}

/** A key toggle and a command toggle closer together than this are the same press. */
export const TOGGLE_DEDUPE_MS = 1_000;

type NavigatorWithUaData = Navigator & { userAgentData?: { platform?: string } };

export function isMacPlatform(nav: Navigator | undefined = globalThis.navigator): boolean {
  const platform = (nav as NavigatorWithUaData | undefined)?.userAgentData?.platform || nav?.platform || '';
  return /mac/i.test(platform);
}

/**
 * The key is C: the letter C of the agent's layout (as the browser's own commands read it), or
 * the physical C key when the layout puts no Latin letter there (Cyrillic, Greek, Option on a Mac).
 */
function isKeyC(e: KeyboardEvent): boolean {
  return /^[a-z]$/i.test(e.key) ? e.key.toLowerCase() === 'c' : e.code === 'KeyC';
}

/** A press that is composing or starting a character (IME, dead key) is never the shortcut. */
const composing = (e: KeyboardEvent) => e.isComposing || e.key === 'Dead' || e.key === 'Process';

/**
 * The toggle shortcut, from the page (content script) or inside the panel (lib/panel/keys.ts).
 * `mac`: Control+Shift+C, as the manifest's `mac` key; elsewhere Alt+Shift+C without Ctrl, so
 * AltGr (Ctrl+Alt on Windows) never matches.
 */
export const isToggleShortcut = (e: KeyboardEvent, mac: boolean = isMacPlatform()): boolean =>
  !composing(e) &&
  e.shiftKey &&
  !e.metaKey &&
  (mac ? e.ctrlKey && !e.altKey : e.altKey && !e.ctrlKey) &&
  isKeyC(e);

export interface ToggleGate {
  /** The page's keydown listener (window, capture phase). */
  onKeyDown(e: KeyboardEvent): void;
  /**
   * The manifest command or the toolbar button, relayed by the background. False when it is
   * the press the page's listener already toggled for.
   */
  fromCommand(): boolean;
}

/** One toggle per press, whichever of the page's key listener and the browser's command sees it first. */
export function createToggleGate(
  toggle: () => void,
  { now = () => Date.now(), mac = isMacPlatform() }: { now?: () => number; mac?: boolean } = {},
): ToggleGate {
  let keyAt = Number.NEGATIVE_INFINITY;
  let commandAt = Number.NEGATIVE_INFINITY;
  return {
    onKeyDown(e) {
      if (!isToggleShortcut(e, mac)) return;
      e.preventDefault();
      // Holding the keys down toggles once, not on every auto-repeat.
      if (e.repeat) return;
      const at = now();
      if (at - commandAt < TOGGLE_DEDUPE_MS) {
        commandAt = Number.NEGATIVE_INFINITY;
        return;
      }
      keyAt = at;
      toggle();
    },
    fromCommand() {
      const at = now();
      if (at - keyAt < TOGGLE_DEDUPE_MS) {
        keyAt = Number.NEGATIVE_INFINITY;
        return false;
      }
      commandAt = at;
      toggle();
      return true;
    },
  };
}
