/**
 * The Replies tab's template finder as a component: its results take the ranked list's place
 * while it is in use, Escape and the back button bring the list back, "/" focuses it, and a brand
 * with no templates sees only the list.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { TemplateFinder } from '../../entrypoints/panel/TemplateFinder';
import { createSuggester, type ConversationInput, type Suggestion } from '../../lib/suggest/engine';

let root: Root;
let el: HTMLDivElement;
afterEach(() => {
  act(() => root.unmount());
  el.remove();
});

const conv: ConversationInput = { customerMessages: ['hello'], platform: 'x', isPublic: false, customer: { displayName: 'Ana Pérez' } };
const card = (s: Suggestion) => (
  <li key={s.id} data-testid="card">
    {s.text}
  </li>
);
const templates = [
  { id: 'a', title: 'Refund status', body: 'Hi {{customer.first_name}}, refunds take 5 days.', tags: ['refund'] },
  { id: 'b', title: 'Password', body: 'Reset it from the login page.', tags: ['account'] },
];

function render(engine: ReturnType<typeof createSuggester> | null) {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  el = document.createElement('div');
  document.body.append(el);
  root = createRoot(el);
  act(() =>
    root.render(
      <TemplateFinder engine={engine} revision={0} conversation={conv} card={card}>
        <p data-testid="ranked">ranked suggestions</p>
      </TemplateFinder>,
    ),
  );
}
const input = () => el.querySelector<HTMLInputElement>('input[type="search"]')!;
const type = (value: string) =>
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
const cards = () => [...el.querySelectorAll('[data-testid="card"]')].map((x) => x.textContent);

describe('TemplateFinder', () => {
  it('shows what it finds, filled, in place of the ranked list, until Escape', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    expect(el.querySelector('[data-testid="ranked"]')).not.toBeNull();
    type('refu');
    expect(cards()).toEqual(['Hi Ana, refunds take 5 days.']);
    expect(el.querySelector('[data-testid="ranked"]')).toBeNull();
    expect(el.querySelector('[data-testid="found-count"]')?.textContent).toContain('Templates found: 1');

    // Escape clears the finder and is not passed on (it would close the panel).
    let reachedWindow = false;
    const onWindow = () => (reachedWindow = true);
    window.addEventListener('keydown', onWindow);
    act(() => {
      input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
    });
    window.removeEventListener('keydown', onWindow);
    expect(reachedWindow).toBe(false);
    expect(input().value).toBe('');
    expect(el.querySelector('[data-testid="ranked"]')).not.toBeNull();
  });

  it('lists a tag in one click, and the back button brings the ranked list back', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    const chip = [...el.querySelectorAll<HTMLButtonElement>('button.cs-tag')].find((b) => b.textContent?.startsWith('account'))!;
    act(() => chip.click());
    expect(cards()).toEqual(['Reset it from the login page.']);
    const back = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Back to suggestions')!;
    act(() => back.click());
    expect(cards()).toEqual([]);
    expect(chip.getAttribute('aria-pressed')).toBe('false');
    expect(el.querySelector('[data-testid="ranked"]')).not.toBeNull();
  });

  it('follows templates changed in the same engine when its revision changes', () => {
    const engine = createSuggester({ brand: { name: 'Acme' }, templates });
    render(engine);
    const chipNames = () => [...el.querySelectorAll('button.cs-tag')].map((b) => b.textContent);
    expect(chipNames()).toEqual(['account 1', 'refund 1']);
    engine.addTemplate({ id: 'c', title: 'Invoice copy', body: 'Here is your invoice.', tags: ['billing'] });
    act(() =>
      root.render(
        <TemplateFinder engine={engine} revision={1} conversation={conv} card={card}>
          <p data-testid="ranked">ranked suggestions</p>
        </TemplateFinder>,
      ),
    );
    expect(chipNames()).toEqual(['account 1', 'billing 1', 'refund 1']);
    type('invoi');
    expect(cards()).toEqual(['Here is your invoice.']);
  });

  it('"/" outside a text field focuses it; a brand without templates sees only the ranked list', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    });
    expect(document.activeElement).toBe(input());
    act(() => root.unmount());
    el.remove();
    render(createSuggester({ brand: { name: 'Acme' } }));
    expect(el.querySelector('input[type="search"]')).toBeNull();
    expect(el.querySelector('[data-testid="ranked"]')).not.toBeNull();
    act(() => root.unmount());
    el.remove();
    render(null);
    expect(el.querySelector('input[type="search"]')).toBeNull();
  });
});
