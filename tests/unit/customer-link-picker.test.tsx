/**
 * "Link another customer…" on the customer card: type part of a name or handle, pick the person
 * from this brand's customers, link them; the card then lists them. The search waits for a pause
 * in typing, and an earlier, slower search never replaces the answer for what is typed now.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { identityKeys } from '../../lib/db/ids';
import type { Customer, Identity } from '../../lib/db/records';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { CustomerSection } from '../../entrypoints/panel/CustomerSection';
import { LinkPicker } from '../../entrypoints/panel/LinkPicker';
import { usePanelStore } from '../../lib/store/panel-store';
import { linkCustomers, type LinkSearchOptions } from '../../lib/panel/queries';
import { setLocale } from '../../lib/i18n';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';

const person = (id: string, displayName: string, identity: Identity, lastSeenAt = 1_000, brandId = 'b1'): Customer => ({
  id, brandId, displayName, identities: [identity], identityKeys: identityKeys(brandId, identity),
  tags: [], firstSeenAt: 1, lastSeenAt, linkedCustomerIds: [],
});
const onX = person('x1', 'mgarcia_88', { platform: 'x', handle: 'mgarcia_88' }, Date.now() - 60_000);
const onFacebook = person('f1', 'María G.', { platform: 'facebook', handle: 'maria.g.1987' }, Date.now() - 3 * 86_400_000);
const snapshot: ConversationSnapshot = { platform: 'x', kind: 'x-dm', conversationId: '1', url: 'https://x.com/messages/1', state: 'ok', agent: null, customer: null, messages: [] };

const view = reactRoot();
afterEach(() => {
  usePanelStore.getState().notify(null);
  setLocale('en');
  vi.restoreAllMocks();
});

const sleep = (ms: number) => act(async () => new Promise((r) => setTimeout(r, ms)));
const field = (el: HTMLElement) => {
  const label = Array.from(el.querySelectorAll('label')).find((l) => l.textContent === 'Link another customer…');
  const input = label ? document.getElementById(label.htmlFor) : null;
  return input instanceof HTMLInputElement && el.contains(input) ? input : null;
};
async function type(input: HTMLInputElement, value: string) {
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });
}
const rows = (el: HTMLElement) => Array.from(el.querySelectorAll('[data-testid="link-results"] > li'));
const status = (el: HTMLElement) => el.querySelector('[data-testid="link-status"]')?.textContent ?? '';
const linkButton = (el: HTMLElement, name: string) =>
  Array.from(el.querySelectorAll('button')).find((b) => b.getAttribute('aria-label') === name);

async function section(db: CasesideDb) {
  const el = view.render(<CustomerSection db={db} brandId="b1" customerId="x1" conversationId="b1/x:c:1" snapshot={snapshot} />);
  await until(() => !!field(el), () => el.textContent ?? '');
  return { el, input: field(el)! };
}

describe('link another customer', () => {
  it('type part of a name → this brand’s matches → Link → the card lists the linked customer', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([
      onX,
      onFacebook,
      person('f2', 'Pedro Ruiz', { platform: 'facebook', handle: 'pruiz' }),
      // Another brand's María: never offered.
      person('o1', 'María G.', { platform: 'facebook', handle: 'maria.g.1987' }, Date.now(), 'b2'),
    ]);
    const { el, input } = await section(db);
    expect(input.placeholder).toBe('Part of a name, @handle or user id');

    await type(input, 'MARIA');
    await until(() => rows(el).length > 0, () => el.textContent ?? '');
    expect(rows(el)).toHaveLength(1);
    expect(status(el)).toBe('1 customer found.');
    const row = rows(el)[0]!;
    expect(row.textContent).toContain('Facebook');
    expect(row.textContent).toContain('María G.');
    expect(row.textContent).toContain('maria.g.1987');
    expect(row.textContent).toContain('last contact 3 days ago');
    const link = linkButton(el, 'Link María G. (maria.g.1987)');
    expect(link?.textContent).toBe('Link');

    await act(async () => link!.click());
    await until(() => (el.querySelector('.cs-links summary')?.textContent ?? '').includes('(1)'), () => el.textContent ?? '');
    expect((await db.customers.get('x1'))!.linkedCustomerIds).toEqual(['f1']);
    expect((await db.customers.get('o1'))!.linkedCustomerIds).toEqual([]);
    const linkedList = el.querySelector('.cs-links ul')!;
    expect(linkedList.textContent).toContain('María G.');
    expect(linkedList.querySelector('button')?.textContent).toBe('Unlink');
    // The search is done: field emptied and focused for the next one, the link announced.
    expect(input.value).toBe('');
    expect(rows(el)).toHaveLength(0);
    expect(document.activeElement).toBe(input);
    expect(status(el)).toBe('Linked María G. (maria.g.1987).');

    // Searching again offers her no more.
    await type(input, '@maria.g');
    await until(() => status(el) !== '', () => el.textContent ?? '');
    expect(status(el)).toBe('No customer matches “@maria.g”.');
    expect(rows(el)).toHaveLength(0);
  });

  it('says when no customer matches, and shows nothing for fewer than 2 characters', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([onX, onFacebook]);
    const { el, input } = await section(db);
    await type(input, 'zq');
    await until(() => status(el) !== '', () => el.textContent ?? '');
    expect(status(el)).toBe('No customer matches “zq”.');
    // Escape empties the field (and what it found).
    await act(async () => input.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })));
    expect(input.value).toBe('');
    expect(status(el)).toBe('');

    await type(input, 'm');
    await sleep(400);
    expect(status(el)).toBe('');
    expect(rows(el)).toHaveLength(0);
  });

  it('a customer linked meanwhile elsewhere (a suggestion, another panel) leaves the results', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([onX, onFacebook, person('f2', 'Mariano Ruiz', { platform: 'facebook', handle: 'mruiz' })]);
    const { el, input } = await section(db);
    await type(input, 'maria');
    await until(() => rows(el).length === 2, () => el.textContent ?? '');
    await act(async () => linkCustomers(db, 'x1', 'f1'));
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    expect(rows(el)[0]!.querySelector('strong')?.textContent).toBe('Mariano Ruiz');
  });

  it('a failed link is shown as the card shows its save errors, and links nothing', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([onX, onFacebook]);
    const { el, input } = await section(db);
    await type(input, 'maria');
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    vi.spyOn(db.customers, 'bulkPut').mockRejectedValue(new DOMException('The quota has been exceeded.', 'QuotaExceededError'));
    await act(async () => linkButton(el, 'Link María G. (maria.g.1987)')!.click());
    await until(() => !!usePanelStore.getState().notice, 'no notice');
    expect(usePanelStore.getState().notice).toEqual({ kind: 'error', text: expect.stringMatching(/storage for Caseside is full/) });
    expect((await db.customers.get('x1'))!.linkedCustomerIds).toEqual([]);
    // The agent can try again: the result is still there.
    expect(rows(el)).toHaveLength(1);
    expect(input.value).toBe('maria');
  });
});

describe('link another customer: counts, the cap, refusals, typing on', () => {
  it('announces how many were found', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([
      onX,
      onFacebook,
      person('f2', 'Mariana Ruiz', { platform: 'facebook', handle: 'mruiz' }),
      person('f3', 'Ana Maria Soto', { platform: 'x', handle: 'asoto' }),
    ]);
    const { el, input } = await section(db);
    await type(input, 'maria');
    await until(() => rows(el).length === 3, () => el.textContent ?? '');
    expect(status(el)).toBe('3 customers found.');
    setLocale('es');
    await type(input, 'mariana');
    await until(() => rows(el).length === 1 && status(el) !== '', () => el.textContent ?? '');
    expect(status(el)).toBe('1 cliente encontrado.');
  });

  it('says when only the most recent customers could be searched', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const search = vi.fn(async () => Object.assign([onFacebook], { capped: true }));
    const el = view.render(<LinkPicker db={db} customer={onX} search={search} />);
    await type(field(el)!, 'mar');
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    expect(status(el)).toBe(
      '1 customer found. Only the 3,000 most recent customers were searched; type more of the name, or their exact @handle or id.',
    );
    search.mockResolvedValue(Object.assign([], { capped: true }));
    await type(field(el)!, 'marx');
    await until(() => status(el).startsWith('No customer'), () => el.textContent ?? '');
    expect(status(el)).toBe(
      'No customer matches “marx”. Only the 3,000 most recent customers were searched; type more of the name, or their exact @handle or id.',
    );
    search.mockResolvedValue(Object.assign([onFacebook], { capped: false }));
    await type(field(el)!, 'maria');
    await until(() => status(el) === '1 customer found.', () => el.textContent ?? '');
  });

  it('a search the agent typed past, or left, is told to stop', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const asked: (LinkSearchOptions | undefined)[] = [];
    const search = vi.fn((_db: CasesideDb, _c: Customer, _q: string, _limit?: number, options?: LinkSearchOptions) => {
      asked.push(options);
      return new Promise<Customer[]>(() => {}); // still walking
    });
    const el = view.render(<LinkPicker db={db} customer={onX} search={search} />);
    const input = field(el)!;
    await type(input, 'ma');
    await until(() => asked.length === 1, 'first search');
    expect(asked[0]?.isCurrent?.()).toBe(true);
    await type(input, 'mar');
    expect(asked[0]?.isCurrent?.()).toBe(false); // typed on: stops at once, before the next search
    await until(() => asked.length === 2, 'second search');
    expect(asked[1]?.isCurrent?.()).toBe(true);
    view.render(<p>gone</p>); // the picker closed
    expect(asked[1]?.isCurrent?.()).toBe(false);
  });

  it('a link that would make too large a group is refused, and the agent is told why', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    // x1 already linked to 50 others: the most a customer can have.
    const others = Array.from({ length: 50 }, (_, n) => person(`g${n}`, `Other ${n}`, { platform: 'facebook', handle: `other${n}` }));
    const group = [onX, ...others].map((c, _, all) => ({ ...c, linkedCustomerIds: all.filter((o) => o.id !== c.id).map((o) => o.id) }));
    await db.customers.bulkPut([...group, onFacebook]);
    const { el, input } = await section(db);
    await type(input, 'maria');
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    await act(async () => linkButton(el, 'Link María G. (maria.g.1987)')!.click());
    await until(() => !!usePanelStore.getState().notice, 'no notice');
    expect(usePanelStore.getState().notice).toEqual({
      kind: 'error',
      text: 'These customers cannot be linked: a customer can have at most 50 linked identities. Unlink some first.',
    });
    expect((await db.customers.get('f1'))!.linkedCustomerIds).toEqual([]);
    expect((await db.customers.get('x1'))!.linkedCustomerIds).toHaveLength(50);
    expect(input.value).toBe('maria');
  });

  it('a suggestion’s Link that would make too large a group says why as well', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const others = Array.from({ length: 50 }, (_, n) => person(`g${n}`, `Other ${n}`, { platform: 'facebook', handle: `other${n}` }));
    const group = [onX, ...others].map((c, _, all) => ({ ...c, linkedCustomerIds: all.filter((o) => o.id !== c.id).map((o) => o.id) }));
    // The same handle on Facebook: suggested.
    await db.customers.bulkPut([...group, person('f9', 'M. Garcia', { platform: 'facebook', handle: 'mgarcia_88' })]);
    const { el } = await section(db);
    const suggested = () => Array.from(el.querySelectorAll('.cs-links li')).find((li) => li.textContent?.includes('M. Garcia'))?.querySelector('button');
    await until(() => !!suggested(), () => el.textContent ?? '');
    await act(async () => suggested()!.click());
    await until(() => !!usePanelStore.getState().notice, 'no notice');
    expect(usePanelStore.getState().notice?.text).toBe('These customers cannot be linked: a customer can have at most 50 linked identities. Unlink some first.');
    expect((await db.customers.get('f9'))!.linkedCustomerIds).toEqual([]);
  });

  it('text typed while a link is saving is kept (and searched), not erased', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([onX, onFacebook, person('f2', 'Pedro Ruiz', { platform: 'facebook', handle: 'pruiz' })]);
    const { el, input } = await section(db);
    await type(input, 'maria');
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    await act(async () => {
      linkButton(el, 'Link María G. (maria.g.1987)')!.click(); // saving…
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, 'pedro');
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await until(() => (el.querySelector('.cs-links summary')?.textContent ?? '').includes('(1)'), () => el.textContent ?? '');
    await until(() => rows(el).length === 1 && rows(el)[0]!.textContent!.includes('Pedro Ruiz'), () => el.textContent ?? '');
    expect(input.value).toBe('pedro');
    expect((await db.customers.get('x1'))!.linkedCustomerIds).toEqual(['f1']);
  });
});

describe('customers with the same name', () => {
  it('a customer linked from the same-name list is no longer offered there', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    await db.customers.bulkPut([person('x1', 'Maria Garcia', { platform: 'x', handle: 'mgarcia_88' }), person('f1', 'Maria Garcia', { platform: 'facebook', handle: 'maria.g.1987' })]);
    const el = view.render(<CustomerSection db={db} brandId="b1" customerId="x1" conversationId="b1/x:c:1" snapshot={snapshot} />);
    const btn = (text: string) => Array.from(el.querySelectorAll('.cs-links button')).find((b) => b.textContent === text) as HTMLButtonElement | undefined;
    await until(() => !!btn('Find customers with the same name'), () => el.textContent ?? '');
    await act(async () => btn('Find customers with the same name')!.click());
    await until(() => !!btn('Link'), () => el.textContent ?? '');
    await act(async () => btn('Link')!.click());
    await until(() => (el.querySelector('.cs-links summary')?.textContent ?? '').includes('(1)'), () => el.textContent ?? '');
    for (let i = 0; i < 5; i++) await tick();
    expect((await db.customers.get('x1'))!.linkedCustomerIds).toEqual(['f1']);
    const offered = Array.from(el.querySelectorAll('.cs-links li')).filter((li) => li.textContent?.includes('maria.g.1987') && li.querySelector('button')?.textContent === 'Link');
    expect(offered, 'the linked customer is still offered with a Link button').toHaveLength(0);
  });
});

describe('the search behind the field', () => {
  const customer = onX;

  it('runs once after a pause in typing (not per key), and at once on Enter', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const search = vi.fn(async (_db: CasesideDb, _c: Customer, _q: string) => [onFacebook]);
    const el = view.render(<LinkPicker db={db} customer={customer} search={search} />);
    const input = field(el)!;
    for (const text of ['m', 'ma', 'mar', 'mari']) await type(input, text);
    expect(search).not.toHaveBeenCalled();
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    expect(search.mock.calls.map((c) => c[2])).toEqual(['mari']);

    await type(input, 'maria');
    await act(async () => input.form!.requestSubmit());
    expect(search.mock.calls.map((c) => c[2])).toEqual(['mari', 'maria']);
    await sleep(400); // the pending pause-search was replaced, not run as well
    expect(search.mock.calls.map((c) => c[2])).toEqual(['mari', 'maria']);
  });

  it('a search that fails is shown as a save error is', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const search = vi.fn(async () => {
      throw new DOMException('The database connection is closing.', 'InvalidStateError');
    });
    const el = view.render(<LinkPicker db={db} customer={customer} search={search} />);
    await type(field(el)!, 'maria');
    await until(() => !!usePanelStore.getState().notice, 'no notice');
    expect(usePanelStore.getState().notice?.kind).toBe('error');
    expect(rows(el)).toHaveLength(0);
  });

  it('never shows an earlier, slower answer over the answer for what is typed now', async () => {
    const db = createDb(`t-${crypto.randomUUID()}`);
    const pending: { query: string; resolve: (r: Customer[]) => void }[] = [];
    const search = vi.fn((_db: CasesideDb, _c: Customer, query: string) => new Promise<Customer[]>((resolve) => pending.push({ query, resolve })));
    const el = view.render(<LinkPicker db={db} customer={customer} search={search} />);
    const input = field(el)!;
    const early = person('early', 'Mario Early', { platform: 'facebook', handle: 'mario.early' });
    await type(input, 'ma');
    await until(() => pending.length === 1, 'first search');
    await type(input, 'maria');
    await until(() => pending.length === 2, 'second search');
    expect(pending.map((p) => p.query)).toEqual(['ma', 'maria']);

    await act(async () => pending[1]!.resolve([onFacebook]));
    await until(() => rows(el).length === 1, () => el.textContent ?? '');
    await act(async () => pending[0]!.resolve([early, onFacebook]));
    await tick();
    expect(rows(el).map((r) => r.querySelector('strong')?.textContent)).toEqual(['María G.']);
    expect(el.textContent).not.toContain('Mario Early');

    // An answer that arrives after the text changed, before the new search even started: dropped.
    await type(input, 'pe');
    await until(() => pending.length === 3, 'third search');
    await type(input, 'ped');
    await act(async () => pending[2]!.resolve([early]));
    await tick();
    expect(el.textContent).not.toContain('Mario Early');
    await until(() => pending.length === 4, 'fourth search');
    await act(async () => pending[3]!.resolve([]));
    await until(() => status(el) !== '', () => el.textContent ?? '');
    expect(status(el)).toBe('No customer matches “ped”.');
    expect(el.textContent).not.toContain('Mario Early');
  });
});
