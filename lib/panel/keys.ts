/**
 * What a key press anywhere in the panel does: Alt+Shift+C and Escape close it, except that
 * Escape while writing (a note, a reply being edited, a field with text in it) only leaves the
 * field, so the panel never disappears under the agent's hands. An empty field still lets
 * Escape close the panel; a field that handled Escape itself (the template finder clears its
 * words first) marks the event as handled.
 */
import { isToggleShortcut } from '../content/shortcut';

export type PanelKeyAction = 'close' | 'leave-field' | null;

function isWriting(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && /^(?:text|search|email|url|tel|number)$/.test(target.type) && target.value !== '';
}

export function panelKeyAction(e: KeyboardEvent): PanelKeyAction {
  if (isToggleShortcut(e)) return 'close';
  if (e.key !== 'Escape' || e.defaultPrevented) return null;
  return isWriting(e.target) ? 'leave-field' : 'close';
}

/**
 * When the page hands focus to the panel (the shortcut focuses its frame), the frame's document
 * still has focus on <body>: put it on something the agent can act on — the history search, else
 * the selected tab, else the first heading. Focus the agent already placed is left alone.
 */
export function focusOnArrival(doc: Document = document): void {
  if (doc.activeElement && doc.activeElement !== doc.body) return;
  for (const selector of ['input[type="search"]', '[role="tab"][aria-selected="true"]', 'main h2, main h3']) {
    const target = doc.querySelector<HTMLElement>(selector);
    if (target) return target.focus();
  }
}
