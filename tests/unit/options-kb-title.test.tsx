/**
 * The options page's knowledge-base list: a page's title field follows the stored title (a
 * re-capture of the same URL, a rename in another tab) and leaving the field saves only what the
 * agent changed — never the title it showed before over a newer one. The page open for reading
 * stays open as it is stored now.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { KnowledgeSection } from '../../entrypoints/options/KnowledgeSection';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { addArticle, getArticle, updateTitle } from '../../lib/db/repositories/kb';
import type { KbArticle } from '../../lib/db/records';

let db: CasesideDb;
const { render } = reactRoot();
afterEach(async () => {
  await db.delete();
});
const page = (title: string, capturedAt: number, text = 'Refunds take 5 days.'): KbArticle => ({
  id: crypto.randomUUID(),
  brandId: 'acme',
  url: 'https://help.acme.example/refunds',
  title,
  excerpt: 'x',
  text,
  html: `<p>${text}</p>`,
  capturedAt,
  customerId: null,
});
function setValue(input: HTMLInputElement, value: string) {
  Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const settle = () => act(() => new Promise((r) => setTimeout(r, 100)));

async function setup() {
  db = createDb(`kb-title-${crypto.randomUUID()}`);
  const first = await addArticle(db, page('Refunds (2023)', 1_000));
  const el = render(<KnowledgeSection db={db} brandId="acme" />);
  const input = () => el.querySelector<HTMLInputElement>('[data-testid="kb-row"] input')!;
  await until(() => input()?.value === 'Refunds (2023)', () => el.textContent ?? '');
  return { el, input, id: first.id };
}

describe('knowledge-base page titles', () => {
  it('shows the new title after the page is captured again, and does not write the old one back on blur', async () => {
    const { el, input, id } = await setup();
    await addArticle(db, page('Refunds (2024 policy)', 2_000)); // re-capture: same URL, id kept
    await until(() => input().value === 'Refunds (2024 policy)', () => `title: ${input().value}`);
    // The agent tabs through the field.
    act(() => {
      input().focus();
      input().blur();
    });
    await settle();
    expect((await getArticle(db, 'acme', id))?.title).toBe('Refunds (2024 policy)');
    expect(input().value).toBe('Refunds (2024 policy)');
    expect(el.querySelectorAll('[data-testid="kb-row"]')).toHaveLength(1);
  });

  it('a rename in another tab while the agent types here: their change is saved, and leaving untouched text saves nothing', async () => {
    const { input, id } = await setup();
    // Focused with nothing typed: the field still follows the stored title.
    act(() => input().focus());
    await updateTitle(db, 'acme', id, 'Refunds: how long');
    await until(() => input().value === 'Refunds: how long', () => `title: ${input().value}`);
    // Typing: the agent's text stays while another tab renames it again…
    act(() => setValue(input(), 'Refunds — timing'));
    await updateTitle(db, 'acme', id, 'Refund times');
    await settle();
    expect(input().value).toBe('Refunds — timing');
    // …and leaving the field saves the agent's change over it.
    act(() => input().blur());
    await settle();
    expect((await getArticle(db, 'acme', id))?.title).toBe('Refunds — timing');
    expect(input().value).toBe('Refunds — timing');
    // Typed back to where the edit started: nothing is written, the stored title shows.
    await updateTitle(db, 'acme', id, 'Refunds (policy)');
    await until(() => input().value === 'Refunds (policy)', () => `title: ${input().value}`);
    act(() => input().focus());
    act(() => setValue(input(), 'Refunds (pol'));
    act(() => setValue(input(), 'Refunds (policy) '));
    await updateTitle(db, 'acme', id, 'Refunds, newest');
    act(() => input().blur());
    await settle();
    expect((await getArticle(db, 'acme', id))?.title).toBe('Refunds, newest');
    expect(input().value).toBe('Refunds, newest');
    // Blank is no title: the stored one comes back.
    act(() => input().focus());
    act(() => setValue(input(), '  '));
    act(() => input().blur());
    await settle();
    expect(input().value).toBe('Refunds, newest');
    expect((await getArticle(db, 'acme', id))?.title).toBe('Refunds, newest');
  });

  it('a rename that cannot be saved says so and shows the stored title', async () => {
    const { el, input, id } = await setup();
    act(() => input().focus());
    act(() => setValue(input(), 'x'.repeat(1001)));
    act(() => input().blur());
    await until(() => !!el.querySelector('[role="alert"]'), () => el.textContent ?? '');
    expect(input().value).toBe('Refunds (2023)');
    expect((await getArticle(db, 'acme', id))?.title).toBe('Refunds (2023)');
  });

  it('the page open for reading shows what is stored now, and stays open after a re-capture', async () => {
    const { el } = await setup();
    const readButton = () => el.querySelector<HTMLButtonElement>('[data-testid="kb-row"] button[aria-expanded]')!;
    act(() => readButton().click());
    expect(el.querySelector('.cs-article')?.textContent).toBe('Refunds take 5 days.');
    await addArticle(db, page('Refunds (2024 policy)', 2_000, 'Refunds take 3 days.'));
    await until(() => el.querySelector('.cs-article')?.textContent === 'Refunds take 3 days.', () => el.textContent ?? '');
    expect(readButton().getAttribute('aria-expanded')).toBe('true');
    expect(readButton().getAttribute('aria-label')).toContain('Refunds (2024 policy)');
    act(() => readButton().click());
    expect(el.querySelector('.cs-article')).toBeNull();
  });
});
