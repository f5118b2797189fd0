/** Escape in the panel: leaves a field being written in, closes the panel otherwise. */
import { describe, expect, it } from 'vitest';
import { panelKeyAction } from '../../lib/panel/keys';

const press = (target: EventTarget, init: KeyboardEventInit) => {
  let action: ReturnType<typeof panelKeyAction> = null;
  const listen = (e: Event) => (action = panelKeyAction(e as KeyboardEvent));
  window.addEventListener('keydown', listen);
  target.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...init }));
  window.removeEventListener('keydown', listen);
  return action;
};

describe('panelKeyAction', () => {
  it('Escape in a note or a field with text leaves the field; elsewhere, or in an empty field, it closes the panel', () => {
    const note = document.body.appendChild(document.createElement('textarea'));
    const search = document.body.appendChild(Object.assign(document.createElement('input'), { type: 'search' }));
    const button = document.body.appendChild(document.createElement('button'));
    expect(press(note, { key: 'Escape' })).toBe('leave-field');
    expect(press(search, { key: 'Escape' })).toBe('close');
    search.value = 'refund';
    expect(press(search, { key: 'Escape' })).toBe('leave-field');
    expect(press(button, { key: 'Escape' })).toBe('close');
    expect(press(note, { key: 'a' })).toBeNull();
    // Alt+Shift+C closes from anywhere, also while writing.
    expect(press(note, { key: 'C', code: 'KeyC', altKey: true, shiftKey: true })).toBe('close');
  });

  it('an Escape a field handled itself (the finder clearing its words) does nothing more', () => {
    const finder = document.body.appendChild(Object.assign(document.createElement('input'), { type: 'search', value: 'x' }));
    finder.addEventListener('keydown', (e) => e.preventDefault());
    expect(press(finder, { key: 'Escape' })).toBeNull();
  });
});
