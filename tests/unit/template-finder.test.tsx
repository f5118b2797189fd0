/**
 * The Replies tab's template finder as a component: its results take the ranked list's place
 * while it is in use, Escape and the back button bring the list back, "/" focuses it, and a brand
 * with no templates sees only the list.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
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
    <button className="primary" disabled={s.unresolved.length > 0}>
      Insert
    </button>
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
  rerender(engine, 0);
}
/** Renders again in the same root (the engine's templates changed in place: a new revision). */
function rerender(engine: ReturnType<typeof createSuggester> | null, revision: number) {
  act(() =>
    root.render(
      <TemplateFinder engine={engine} revision={revision} conversation={conv} card={card}>
        <p data-testid="ranked">ranked suggestions</p>
        <input data-testid="draft" defaultValue="" />
      </TemplateFinder>,
    ),
  );
}
/** The ranked list is on screen (it stays mounted, hidden, while the finder is in use). */
const rankedShown = () => !el.querySelector<HTMLElement>('[data-testid="ranked-suggestions"]')!.hidden;
const finderShown = () => !el.querySelector<HTMLElement>('.cs-finder')!.hidden;
const input = () => el.querySelector<HTMLInputElement>('input[type="search"]')!;
const type = (value: string) =>
  act(() => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), value);
    input().dispatchEvent(new Event('input', { bubbles: true }));
  });
const cards = () => [...el.querySelectorAll('[data-testid="card"]')].map((x) => x.firstChild?.textContent);

describe('TemplateFinder', () => {
  it('shows what it finds, filled, in place of the ranked list, until Escape', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    expect(rankedShown()).toBe(true);
    // A reply being edited in the ranked list survives a look in the finder.
    const draft = el.querySelector<HTMLInputElement>('[data-testid="draft"]')!;
    draft.value = 'half-written reply';
    type('refu');
    expect(cards()).toEqual(['Hi Ana, refunds take 5 days.']);
    expect(rankedShown()).toBe(false);
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
    expect(rankedShown()).toBe(true);
    expect(el.querySelector<HTMLInputElement>('[data-testid="draft"]')).toBe(draft);
    expect(draft.value).toBe('half-written reply');
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
    expect(rankedShown()).toBe(true);
  });

  it('"Back to suggestions" goes with the results: focus moves to the finder, not the body', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    type('refund');
    const back = [...el.querySelectorAll('button')].find((b) => b.textContent === 'Back to suggestions')!;
    act(() => back.focus());
    act(() => back.click());
    expect(back.isConnected).toBe(false);
    expect(input().value).toBe('');
    expect(document.activeElement).toBe(input());
  });

  it('Enter goes to the first result that can be inserted', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates: [...templates, { id: 'c', title: 'Refund order', body: 'Order {{ask:order number}} is refunded.', tags: [] }] }));
    type('refund order');
    act(() => input().focus());
    const enter = () =>
      act(() => {
        input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      });
    // The only match needs an answer first: its Insert is disabled, so focus stays.
    enter();
    expect(document.activeElement).toBe(input());
    type('refund');
    enter();
    const focused = document.activeElement as HTMLElement;
    expect(focused.tagName).toBe('BUTTON');
    expect(focused.closest('li')?.firstChild?.textContent).toBe('Hi Ana, refunds take 5 days.');
  });

  it('shows each letter before searching for it, and Enter waits for the search to catch up', async () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    type('refund');
    expect(cards()).toEqual(['Hi Ana, refunds take 5 days.']);
    act(() => input().focus());
    // As a browser schedules it, outside act(): the letter's render is committed first (a
    // microtask after the input event), the search for it in a later task.
    (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = false;
    try {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input(), 'passw');
      input().dispatchEvent(new Event('input', { bubbles: true }));
      await Promise.resolve();
      await Promise.resolve();
      expect(input().value).toBe('passw');
      expect(cards()).toEqual(['Hi Ana, refunds take 5 days.']);
      expect(el.querySelector('[aria-busy="true"]')?.classList.contains('cs-stale')).toBe(true);
      // Enter now must not go to the refund template, which is on screen only because the search
      // for "passw" has not run yet.
      input().dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }));
      expect(document.activeElement).toBe(input());
      await vi.waitFor(() => expect(cards()).toEqual(['Reset it from the login page.']));
      await vi.waitFor(() => expect((document.activeElement as HTMLElement).closest('li')?.firstChild?.textContent).toBe('Reset it from the login page.'));
      expect(el.querySelector('[aria-busy]')).toBeNull();
    } finally {
      (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
    }
  });

  it('follows templates changed in the same engine when its revision changes', () => {
    const engine = createSuggester({ brand: { name: 'Acme' }, templates });
    render(engine);
    const chipNames = () => [...el.querySelectorAll('button.cs-tag')].map((b) => b.textContent);
    expect(chipNames()).toEqual(['account 1', 'refund 1']);
    engine.addTemplate({ id: 'c', title: 'Invoice copy', body: 'Here is your invoice.', tags: ['billing'] });
    rerender(engine, 1);
    expect(chipNames()).toEqual(['account 1', 'billing 1', 'refund 1']);
    type('invoi');
    expect(cards()).toEqual(['Here is your invoice.']);
  });

  it('finds knowledge-base articles by words too, after the templates, as "link this article"', () => {
    const articles = [
      { url: 'https://help.acme.example/refunds', title: 'Refunds and returns', text: 'Refunds reach your card within 5 business days.' },
      { url: 'https://help.acme.example/shipping', title: 'Shipping times', text: 'Parcels leave the warehouse within 2 days.' },
    ];
    render(createSuggester({ brand: { name: 'Acme' }, templates, articles }));
    type('refund');
    expect(cards()).toEqual(['Hi Ana, refunds take 5 days.', 'This article should help: https://help.acme.example/refunds']);
    expect(el.querySelector('[data-testid="found-count"]')?.textContent).toContain('Templates found: 1 · Articles found: 1');
    // Words only in an article's text; no template matches.
    type('warehou');
    expect(cards()).toEqual(['This article should help: https://help.acme.example/shipping']);
    expect(el.querySelector('[data-testid="found-count"]')?.textContent).toContain('Articles found: 1');
    expect(el.querySelector('[data-testid="found-count"]')?.textContent).not.toContain('No template matches');
    // A tag chip is the templates' own: no article.
    type('');
    act(() => el.querySelector<HTMLButtonElement>('[aria-pressed]')!.click());
    expect(cards().some((c) => c?.startsWith('This article'))).toBe(false);
  });

  it('is there for a brand with articles but no templates', () => {
    render(createSuggester({ brand: { name: 'Acme' }, articles: [{ url: 'https://help.acme.example/a', title: 'Delivery', text: 'Delivery takes 3 days.' }] }));
    expect(finderShown()).toBe(true);
    type('deliv');
    expect(cards()).toEqual(['This article should help: https://help.acme.example/a']);
  });

  it('"/" outside a text field focuses it; a brand without templates sees only the ranked list', () => {
    render(createSuggester({ brand: { name: 'Acme' }, templates }));
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    });
    expect(document.activeElement).toBe(input());
    act(() => root.unmount());
    el.remove();
    const empty = createSuggester({ brand: { name: 'Acme' } });
    render(empty);
    expect(finderShown()).toBe(false);
    expect(rankedShown()).toBe(true);
    // "/" does not jump to a hidden finder.
    act(() => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    });
    expect(document.activeElement).not.toBe(input());
    // The brand's first template arrives (saved from a card): the finder appears, and the ranked
    // list is the same element, not a new one (what the agent typed there stays).
    const draft = el.querySelector('[data-testid="draft"]');
    empty.addTemplate({ id: 'n', title: 'New one', body: 'Fresh template.', tags: [] });
    rerender(empty, 1);
    expect(finderShown()).toBe(true);
    expect(el.querySelector('[data-testid="draft"]')).toBe(draft);
    act(() => root.unmount());
    el.remove();
    render(null);
    expect(finderShown()).toBe(false);
  });
});
