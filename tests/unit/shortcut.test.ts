/**
 * The panel's shortcut (lib/content/shortcut.ts): Alt+Shift+C, Control+Shift+C on macOS, never a
 * key that types text, and one toggle per press whether the page's listener, the browser's
 * command, or both see it.
 */
import { describe, expect, it } from 'vitest';
import { createToggleGate, isMacPlatform, isToggleShortcut, keyLabels, TOGGLE_DEDUPE_MS } from '../../lib/content/shortcut';

const key = (init: KeyboardEventInit) => new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init });
const altShiftC = { key: 'C', code: 'KeyC', altKey: true, shiftKey: true };
/** What macOS reports for Option+Shift+C on a US or Spanish layout: the letter Ç. */
const optionShiftC = { key: 'Ç', code: 'KeyC', altKey: true, shiftKey: true };
const controlShiftC = { key: 'C', code: 'KeyC', ctrlKey: true, shiftKey: true };

describe('isToggleShortcut', () => {
  it('is Alt+Shift+C on Windows and Linux, whatever the layout writes on the key', () => {
    expect(isToggleShortcut(key(altShiftC), false)).toBe(true);
    // A Cyrillic layout: the physical C key.
    expect(isToggleShortcut(key({ ...altShiftC, key: 'С' }), false)).toBe(true);
    // Dvorak: the letter C, wherever it sits; the physical C key writes J there.
    expect(isToggleShortcut(key({ ...altShiftC, code: 'KeyI' }), false)).toBe(true);
    expect(isToggleShortcut(key({ ...altShiftC, key: 'J' }), false)).toBe(false);
    // AltGr is Ctrl+Alt on Windows: it types characters.
    expect(isToggleShortcut(key({ ...altShiftC, ctrlKey: true }), false)).toBe(false);
    expect(isToggleShortcut(key({ ...altShiftC, isComposing: true }), false)).toBe(false);
    expect(isToggleShortcut(key({ ...altShiftC, key: 'Dead' }), false)).toBe(false);
    expect(isToggleShortcut(key({ ...altShiftC, shiftKey: false }), false)).toBe(false);
  });

  it('on macOS is Control+Shift+C, never Option+Shift+C (which types Ç)', () => {
    expect(isToggleShortcut(key(optionShiftC), true)).toBe(false);
    expect(isToggleShortcut(key({ ...optionShiftC, key: 'C' }), true)).toBe(false);
    expect(isToggleShortcut(key(controlShiftC), true)).toBe(true);
    expect(isToggleShortcut(key({ ...controlShiftC, metaKey: true }), true)).toBe(false);
  });

  it('knows a Mac from its platform', () => {
    expect(isMacPlatform({ platform: 'MacIntel' } as Navigator)).toBe(true);
    expect(isMacPlatform({ platform: '', userAgentData: { platform: 'macOS' } } as unknown as Navigator)).toBe(true);
    expect(isMacPlatform({ platform: 'Win32' } as Navigator)).toBe(false);
    expect(isMacPlatform({ platform: 'Linux x86_64' } as Navigator)).toBe(false);
  });
});

describe('createToggleGate', () => {
  const setup = (mac = false) => {
    let clock = 10_000;
    let toggles = 0;
    const gate = createToggleGate(() => toggles++, { now: () => clock, mac });
    return {
      gate,
      toggles: () => toggles,
      later: (ms: number) => (clock += ms),
      press: (init: KeyboardEventInit) => {
        const e = key(init);
        gate.onKeyDown(e);
        return e;
      },
    };
  };

  it('a press the page saw and the command relayed too toggles once, in either order', () => {
    const s = setup();
    expect(s.press(altShiftC).defaultPrevented).toBe(true);
    s.later(40);
    expect(s.gate.fromCommand()).toBe(false);
    expect(s.toggles()).toBe(1);

    s.later(TOGGLE_DEDUPE_MS * 2);
    expect(s.gate.fromCommand()).toBe(true);
    s.later(40);
    // The same press, reaching the page after the command: taken, not toggled again.
    expect(s.press(altShiftC).defaultPrevented).toBe(true);
    expect(s.toggles()).toBe(2);
  });

  it('separate presses each toggle; only the one matching press is dropped', () => {
    const s = setup();
    s.press(altShiftC);
    s.gate.fromCommand(); // the same press, dropped
    s.later(100);
    s.press(altShiftC); // a second press
    s.later(TOGGLE_DEDUPE_MS + 1);
    s.gate.fromCommand(); // a toolbar click later on
    s.later(TOGGLE_DEDUPE_MS + 1);
    s.gate.fromCommand();
    expect(s.toggles()).toBe(4);
  });

  it('holding the keys down toggles once', () => {
    const s = setup();
    s.press(altShiftC);
    expect(s.press({ ...altShiftC, repeat: true }).defaultPrevented).toBe(true);
    expect(s.press({ ...altShiftC, repeat: true }).defaultPrevented).toBe(true);
    expect(s.toggles()).toBe(1);
  });

  it('on macOS leaves Option+Shift+C to the field (Ç) and toggles on Control+Shift+C', () => {
    const s = setup(true);
    const typed = s.press(optionShiftC);
    expect(typed.defaultPrevented).toBe(false);
    expect(s.toggles()).toBe(0);
    expect(s.press(controlShiftC).defaultPrevented).toBe(true);
    expect(s.toggles()).toBe(1);
  });

  it('leaves every other key alone', () => {
    const s = setup();
    for (const init of [{ key: 'c', code: 'KeyC' }, { key: 'C', code: 'KeyC', shiftKey: true }, { ...altShiftC, ctrlKey: true }, { key: 'Escape' }]) {
      expect(s.press(init).defaultPrevented).toBe(false);
    }
    expect(s.toggles()).toBe(0);
  });
});

describe('keyLabels', () => {
  it("names the keys the agent's platform uses, in the panel's close button and the copy notice", () => {
    expect(keyLabels(true)).toEqual({ toggle: 'Control+Shift+C', paste: '⌘V' });
    expect(keyLabels(false)).toEqual({ toggle: 'Alt+Shift+C', paste: 'Ctrl+V' });
  });
});
