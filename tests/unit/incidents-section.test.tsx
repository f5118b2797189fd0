/**
 * The Work list's known issues: declared from the panel (with its mistakes said in words), then
 * who is waiting and who has been answered, following the messages as they are recorded; ended,
 * reopened and deleted.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, StrictMode } from 'react';
import { reactRoot } from '../support/react-root';
import { tick, until } from '../support/render-wait';
import { WorkSection } from '../../entrypoints/panel/WorkSection';
import { computeRosters, linkedGroups } from '../../entrypoints/panel/use-rosters';
import { createDb, type CasesideDb } from '../../lib/db/schema';
import { listIncidents, markIncidentCustomer, saveIncident } from '../../lib/db/repositories/incidents';
import type { Message } from '../../lib/db/records';

const HOUR = 3_600_000;
let db: CasesideDb;
const { render } = reactRoot();
afterEach(async () => {
  await db.delete();
});

function setValue(input: HTMLInputElement | HTMLTextAreaElement, value: string) {
  const proto = input instanceof HTMLTextAreaElement ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  Object.getOwnPropertyDescriptor(proto, 'value')!.set!.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
const field = (el: HTMLElement, label: string) => {
  const l = [...el.querySelectorAll('label')].find((x) => x.textContent === label)!;
  return el.querySelector<HTMLInputElement | HTMLTextAreaElement>(`#${CSS.escape(l.htmlFor)}`)!;
};
const button = (el: ParentNode, name: string) => [...el.querySelectorAll('button')].find((b) => b.textContent === name || b.getAttribute('aria-label') === name)!;

async function setup() {
  db = createDb(`incidents-ui-${crypto.randomUUID()}`);
  const brand = (id: string) => ({ id, name: id, referencePrefix: 'AC', accounts: [], signature: '', tone: { formality: 'neutral' as const, useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0 });
  await db.brands.bulkAdd([brand('acme'), brand('tel')]);
  const person = (id: string, brandId: string, displayName: string) => ({ id, brandId, displayName, identities: [], identityKeys: [], tags: [], firstSeenAt: 0, lastSeenAt: 0, linkedCustomerIds: [] });
  await db.customers.bulkAdd([person('dana', 'acme', 'Dana'), person('eli', 'acme', 'Eli'), person('finn', 'acme', 'Finn'), person('tom', 'tel', 'Tom')]);
  await db.conversations.bulkAdd(
    ['dana', 'eli', 'finn'].map((c) => ({ id: `conv-${c}`, brandId: 'acme', customerId: c, platform: 'x' as const, kind: 'x-dm' as const, nativeId: c, url: `https://x.com/messages/${c}`, lastMessageAt: 0 })),
  );
}

let seq = 0;
const message = (customerId: string, brandId: string, direction: Message['direction'], text: string, sentAt: number): Message => ({
  id: `m${++seq}`, conversationId: `conv-${customerId}`, customerId, brandId, platform: 'x', nativeId: String(seq), direction, author: direction === 'out' ? 'Acme' : customerId, text, sentAt, capturedAt: sentAt,
});
const ANSWER = 'Hi {{customer.first_name}}, flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00. {{agent.signature}}';
const answers = [{ language: 'en', text: ANSWER }];

describe('known issues in the Work list', () => {
  it('declares one from the panel, saying what is missing first', async () => {
    await setup();
    const el = render(<WorkSection db={db} brandId="acme" />);
    await until(() => !!button(el, 'New known issue'), () => el.textContent ?? '');
    act(() => button(el, 'New known issue').click());
    const form = el.querySelector('form')!;
    expect(document.activeElement).toBe(field(form, 'What happened'));
    // Nothing typed: the title is asked for, and nothing is stored.
    await act(async () => button(form, 'Save known issue').click());
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Say what happened: the known issue needs a title.');
    act(() => setValue(field(form, 'What happened'), 'Flight IB123 diverted'));
    await act(async () => button(form, 'Save known issue').click());
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Write the answer customers should get, in English or Spanish.');
    act(() => setValue(field(form, 'Words customers use (separated by commas)'), 'IB123, 🔥'));
    act(() => setValue(field(form, 'The answer in English'), 'Sorry, on it.'));
    await act(async () => button(form, 'Save known issue').click());
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Words customers use: “🔥” has no letter or digit to match.');
    act(() => setValue(field(form, 'Words customers use (separated by commas)'), 'IB123, @Iberia'));
    await act(async () => button(form, 'Save known issue').click());
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('Words customers use: “@Iberia” cannot match, as @handles and links are not read; write the word without the @ or the link.');
    // Too short to be recognised in a sent reply: said, not refused.
    expect(form.querySelector('[data-testid="answer-too-short"]')).not.toBeNull();
    const future = new Date(Date.now() + 2 * HOUR);
    act(() => setValue(field(form, 'Affects messages since'), `${future.getFullYear()}-${String(future.getMonth() + 1).padStart(2, '0')}-${String(future.getDate()).padStart(2, '0')}T${String(future.getHours()).padStart(2, '0')}:${String(future.getMinutes()).padStart(2, '0')}`));
    act(() => setValue(field(form, 'Words customers use (separated by commas)'), 'IB123'));
    await act(async () => button(form, 'Save known issue').click());
    expect(form.querySelector('[role="alert"]')!.textContent).toBe('The start is in the future: pick when it started.');
    expect(await listIncidents(db, 'acme')).toEqual([]);
    // Cancel puts focus back on the button that opened the form.
    act(() => button(form, 'Cancel').click());
    expect(document.activeElement).toBe(button(el, 'New known issue'));
    act(() => button(el, 'New known issue').click());
    const again = el.querySelector('form')!;
    act(() => setValue(field(again, 'What happened'), 'Flight IB123 diverted'));
    act(() => setValue(field(again, 'Words customers use (separated by commas)'), 'IB123, diverted,  desviado'));
    act(() => setValue(field(again, 'The answer in English'), ANSWER));
    act(() => setValue(field(again, 'The answer in English'), `${ANSWER} Sorry for the trouble: we will keep you posted here and by email as soon as the buses are confirmed and the hotel list is final, and refunds for the missed connection will follow within 7 days.`));
    expect(again.querySelector('[data-testid="answer-length"]')!.textContent).toMatch(/^Too long for a public X reply: \d+\/280/);
    // Fits alone, not with the apology an upset customer gets first.
    act(() => setValue(field(again, 'The answer in English'), `${ANSWER} Hotel vouchers for tonight are at the Iberia desk next to gate 4, and meals are covered until you board. Keep your boarding pass.`));
    expect(again.querySelector('[data-testid="answer-length"]')!.textContent).toMatch(/^As a public X reply: \d+\/280 with a sample name, but \d+\/280 with the apology/);
    act(() => setValue(field(again, 'The answer in English'), ANSWER));
    expect(again.querySelector('[data-testid="answer-length"]')!.textContent).toMatch(/^As a public X reply: \d+\/280 with a sample name filled in\.$/);
    expect(again.querySelector('[data-testid="answer-too-short"]')).toBeNull();
    // The start defaults to a few hours back (customers write before the agent declares it).
    expect(new Date(field(again, 'Affects messages since').value).getTime()).toBeLessThan(Date.now() - HOUR);
    await act(async () => button(again, 'Save known issue').click());
    await until(() => el.querySelectorAll('[data-testid="incident"]').length === 1, () => el.textContent ?? '');
    expect(el.querySelector('form')).toBeNull();
    const [stored] = await listIncidents(db, 'acme');
    expect(stored).toMatchObject({ title: 'Flight IB123 diverted', keywords: ['IB123', 'diverted', 'desviado'], answers, endedAt: null });
    expect(await listIncidents(db, 'tel')).toEqual([]);
    await until(() => el.querySelector('[data-testid="incident-counts"]')!.textContent === '0 affected · 0 answered · 0 waiting', () => el.textContent ?? '');
  });

  it('lists who waits and who was answered, and follows an answer as it is recorded', async () => {
    await setup();
    const now = Date.now();
    await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123', 'desviado'], answers, since: now - 2 * HOUR });
    const sent = 'Hi Dana, flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00. ^AP';
    await db.messages.bulkAdd([
      message('dana', 'acme', 'in', 'Is IB123 diverted?', now - 90 * 60_000),
      message('dana', 'acme', 'out', sent, now - 80 * 60_000),
      message('eli', 'acme', 'in', '¿Mi vuelo IB123 ha sido desviado?', now - 60 * 60_000),
      message('finn', 'acme', 'in', 'Where is my refund?', now - 30 * 60_000),
      // Before the incident, and another brand's customer: neither counts.
      message('finn', 'acme', 'in', 'IB123 tomorrow?', now - 5 * HOUR),
      message('tom', 'tel', 'in', 'IB123?', now - 10 * 60_000),
    ]);
    const el = render(<WorkSection db={db} brandId="acme" />);
    const counts = () => el.querySelector('[data-testid="incident-counts"]')?.textContent;
    await until(() => counts() === '2 affected · 1 answered · 1 waiting', () => counts() ?? el.textContent ?? '');
    const waiting = el.querySelector('[data-testid="incident-waiting"]')!;
    expect(waiting.textContent).toContain('Eli');
    expect(waiting.querySelector('a')!.getAttribute('href')).toBe('https://x.com/messages/eli');
    expect(waiting.querySelector('a')!.getAttribute('aria-label')).toBe('Open conversation: Eli');
    expect(el.querySelector('[data-testid="incident-answered"]')!.textContent).toContain('Dana');
    expect(el.textContent).not.toContain('Finn');
    expect(el.textContent).not.toContain('Tom');

    // Eli gets the answer (typed by the agent in their own words, mostly the same): recorded → answered.
    await db.messages.add(message('eli', 'acme', 'out', 'Hola Eli! IB123 was diverted to Valencia (fog). Buses to Madrid leave gate 4 at 18:00.', Date.now()));
    await until(() => counts() === '2 affected · 2 answered · 0 waiting', () => counts() ?? '');
    expect(el.querySelector('[data-testid="incident-waiting"]')).toBeNull();
    // Dana writes again after her answer: still answered, flagged.
    await db.messages.add(message('dana', 'acme', 'in', 'and my bag?', Date.now()));
    await until(() => /Dana · answered .* · wrote again since/.test(el.querySelector('[data-testid="incident-answered"]')!.textContent ?? ''), () => el.textContent ?? '');
    // Finn's record on Facebook is linked to Eli's: the same person, counted once.
    await db.customers.update('finn', { linkedCustomerIds: ['eli'] });
    await db.customers.update('eli', { linkedCustomerIds: ['finn'] });
    await db.messages.add(message('finn', 'acme', 'in', 'IB123 again, on Facebook', Date.now()));
    await until(() => counts() === '2 affected · 2 answered · 0 waiting' && /wrote again since/.test(el.querySelector('[data-testid="incident-answered"]')!.textContent!.split('Eli')[1] ?? ''), () => el.textContent ?? '');
  });

  it('marks a customer answered by hand or not affected, and takes it back', async () => {
    await setup();
    const now = Date.now();
    await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123'], answers, since: now - 2 * HOUR });
    await db.messages.bulkAdd([message('dana', 'acme', 'in', 'IB123 diverted?', now - HOUR), message('eli', 'acme', 'in', 'My IB123 flight last month was great', now - HOUR)]);
    const el = render(<WorkSection db={db} brandId="acme" />);
    const counts = () => el.querySelector('[data-testid="incident-counts"]')?.textContent;
    await until(() => counts() === '2 affected · 0 answered · 2 waiting', () => counts() ?? el.textContent ?? '');
    act(() => button(el, 'Mark answered: Dana').click());
    await until(() => counts() === '2 affected · 1 answered · 1 waiting', () => counts() ?? '');
    expect(el.querySelector('[data-testid="incident-answered"]')!.textContent).toMatch(/Dana · marked answered/);
    act(() => button(el, 'Not affected: Eli').click());
    await until(() => counts() === '1 affected · 1 answered · 0 waiting', () => counts() ?? '');
    expect(el.querySelector('[data-testid="incident-not-affected"]')!.textContent).toContain('Eli');
    act(() => button(el.querySelector('[data-testid="incident-not-affected"]')!, 'Undo: Eli').click());
    await until(() => counts() === '2 affected · 1 answered · 1 waiting', () => counts() ?? '');
    act(() => button(el.querySelector('[data-testid="incident-answered"]')!, 'Undo: Dana').click());
    await until(() => counts() === '2 affected · 0 answered · 2 waiting', () => counts() ?? '');
  });

  it('edits, ends, reopens and deletes (after asking)', async () => {
    await setup();
    await saveIncident(db, 'acme', { title: 'Outage', keywords: ['login'], answers: [{ language: 'es', text: 'El inicio de sesión no funciona para nadie; lo estamos arreglando.' }], since: Date.now() - HOUR });
    await db.messages.add(message('dana', 'acme', 'in', 'my login fails', Date.now() - 10 * 60_000));
    const el = render(<WorkSection db={db} brandId="acme" />);
    await until(() => !!el.querySelector('[data-testid="incident"]'), () => el.textContent ?? '');
    act(() => button(el, 'Edit: Outage').click());
    const form = el.querySelector('form')!;
    expect(field(form, 'What happened').value).toBe('Outage');
    expect(field(form, 'Words customers use (separated by commas)').value).toBe('login');
    expect(field(form, 'The answer in Spanish').value).toBe('El inicio de sesión no funciona para nadie; lo estamos arreglando.');
    expect(field(form, 'The answer in English').value).toBe('');
    act(() => setValue(field(form, 'What happened'), 'Login outage'));
    act(() => setValue(field(form, 'The answer in English'), 'Logins fail for everyone right now; we are fixing it.'));
    await act(async () => button(form, 'Save known issue').click());
    await until(() => el.querySelector('[data-testid="incident"] strong')?.textContent === 'Login outage', () => el.textContent ?? '');
    expect(document.activeElement).toBe(button(el, 'Edit: Login outage'));
    expect((await listIncidents(db, 'acme'))[0]!.answers.map((a) => a.language)).toEqual(['en', 'es']);

    act(() => button(el, 'End: Login outage').click());
    await until(() => !el.querySelector('[data-testid="incident"]') && !!el.querySelector('[data-testid="incidents-ended"]'), () => el.textContent ?? '');
    // The ended item left the list: focus is on the section's heading, not the page's body.
    await until(() => document.activeElement?.textContent === 'Known issues', () => String(document.activeElement?.outerHTML));
    // How it ended, worked out on request.
    const outcome = [...el.querySelectorAll('[data-testid="incidents-ended"] details')][0] as HTMLDetailsElement;
    expect(outcome.querySelector('summary')!.textContent).toBe('How it ended');
    act(() => {
      outcome.open = true;
      outcome.dispatchEvent(new Event('toggle'));
    });
    await until(() => outcome.querySelector('[data-testid="incident-outcome"]')!.textContent === '1 affected · 0 answered · 1 waiting', () => outcome.textContent ?? '');
    // …and who: the people it ended without answering, by name, with no marks to set any more.
    const left = outcome.querySelector('[data-testid="incident-waiting"]')!;
    expect(left.closest('details')!.querySelector('summary')!.textContent).toBe('Not answered before it ended (1)');
    expect(left.textContent).toContain('Dana');
    expect(left.querySelector('button')).toBeNull();
    expect((await listIncidents(db, 'acme'))[0]!.endedAt).not.toBeNull();
    act(() => button(el, 'Reopen: Login outage').click());
    await until(() => !!el.querySelector('[data-testid="incident"]'), () => el.textContent ?? '');

    act(() => button(el, 'End: Login outage').click());
    await until(() => !!el.querySelector('[data-testid="incidents-ended"]'), () => el.textContent ?? '');
    act(() => button(el, 'Delete Login outage').click());
    const dialog = el.querySelector('[role="alertdialog"]')!;
    expect(dialog.textContent).toContain('Delete Login outage?');
    expect(await listIncidents(db, 'acme')).toHaveLength(1);
    await act(async () => button(dialog, 'Yes, delete').click());
    await until(() => !el.querySelector('[data-testid="incidents-ended"]'), () => el.textContent ?? '');
    expect(await listIncidents(db, 'acme')).toEqual([]);
  });

  it('keeps up while messages arrive faster than a roster takes to work out, and follows a message rewritten in place', async () => {
    await setup();
    const now = Date.now();
    await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123'], answers, since: now - 2 * HOUR });
    await db.messages.add(message('dana', 'acme', 'in', 'IB123 diverted?', now - HOUR));
    // Every computation takes 800 ms; a message comes every 300 ms.
    const bulkGet = db.customers.bulkGet.bind(db.customers);
    const slow = async (keys: string[]) => {
      await new Promise((r) => setTimeout(r, 800));
      return bulkGet(keys);
    };
    vi.spyOn(db.customers, 'bulkGet').mockImplementation(slow as unknown as typeof bulkGet);
    const el = render(<WorkSection db={db} brandId="acme" />);
    const counts = () => el.querySelector('[data-testid="incident-counts"]')?.textContent;
    const stream = setInterval(() => void db.messages.add(message('finn', 'acme', 'in', 'unrelated chatter', Date.now())), 300);
    try {
      await until(() => counts() === '1 affected · 0 answered · 1 waiting', () => counts() ?? '');
    } finally {
      clearInterval(stream);
    }
    vi.restoreAllMocks();
    // The answer was first read with no side ("unknown"), then read again as the brand's: the row
    // is rewritten in place (no new message, the count unchanged) and Dana is answered.
    const sent = message('dana', 'acme', 'unknown', 'Hi Dana, flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00.', Date.now());
    await db.messages.add(sent);
    await tick();
    await db.messages.update(sent.id, { direction: 'out' });
    await until(() => counts() === '1 affected · 1 answered · 0 waiting', () => counts() ?? '');
  });

  it("a mark is about the person: Undo works whichever of their linked records the row shows", async () => {
    await setup();
    const now = Date.now();
    const incident = await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123'], answers, since: now - 2 * HOUR });
    await db.messages.add(message('dana', 'acme', 'in', 'my IB123 flight last month was lovely', now - 30 * 60_000));
    await markIncidentCustomer(db, 'acme', incident.id, 'dana', 'not-affected');
    // Her Facebook record (Eli's here) is linked, and wrote about it earlier: the row now shows it.
    await db.customers.update('eli', { linkedCustomerIds: ['dana'] });
    await db.customers.update('dana', { linkedCustomerIds: ['eli'] });
    await db.messages.add(message('eli', 'acme', 'in', 'IB123 was great', now - HOUR));
    const el = render(<WorkSection db={db} brandId="acme" />);
    await until(() => !!el.querySelector('[data-testid="incident-not-affected"]'), () => el.textContent ?? '');
    act(() => el.querySelector<HTMLButtonElement>('[data-testid="incident-not-affected"] button')!.click());
    await until(() => el.querySelector('[data-testid="incident-counts"]')?.textContent === '1 affected · 0 answered · 1 waiting', () => el.textContent ?? '');
    expect((await listIncidents(db, 'acme'))[0]!.marks).toEqual([]);
  });

  it('shows the rosters when the panel runs under React.StrictMode (as entrypoints/panel/main.tsx mounts it)', async () => {
    await setup();
    const now = Date.now();
    await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123'], answers, since: now - 2 * HOUR });
    await db.messages.add(message('dana', 'acme', 'in', 'Is IB123 diverted?', now - HOUR));
    const el = render(
      <StrictMode>
        <WorkSection db={db} brandId="acme" />
      </StrictMode>,
    );
    const counts = () => el.querySelector('[data-testid="incident-counts"]')?.textContent;
    await until(() => counts() === '1 affected · 0 answered · 1 waiting', () => `counts: ${counts()}`);
    // And keeps following the messages afterwards.
    await db.messages.add(message('eli', 'acme', 'in', 'IB123 diverted??', now - 30 * 60_000));
    await until(() => counts() === '2 affected · 0 answered · 2 waiting', () => `counts: ${counts()}`);
  });

  it('counts one person once when their records were linked in part (A–B, B–C: a group stored by an older version or a backup)', async () => {
    await setup();
    // Eli links both; Dana and Finn only know Eli (the partial group linkGroupOf in queries.ts is written for).
    await db.customers.update('dana', { linkedCustomerIds: ['eli'] });
    await db.customers.update('eli', { linkedCustomerIds: ['dana', 'finn'] });
    await db.customers.update('finn', { linkedCustomerIds: ['eli'] });
    const now = Date.now();
    await saveIncident(db, 'acme', { title: 'Flight IB123 diverted', keywords: ['IB123'], answers, since: now - 2 * HOUR });
    // Eli (the record linking the others) wrote nothing: only Dana's and Finn's records are read.
    await db.messages.bulkAdd([message('dana', 'acme', 'in', 'Is IB123 diverted?', now - HOUR), message('finn', 'acme', 'in', 'IB123 diverted??', now - 30 * 60_000)]);
    const [incident] = await listIncidents(db, 'acme');
    const roster = (await computeRosters(db, 'acme', [incident!])).rosters.get(incident!.id)!.roster;
    expect(roster.waiting.map((e) => e.customerId)).toEqual(['dana']);
    const el = render(<WorkSection db={db} brandId="acme" />);
    await until(() => el.querySelector('[data-testid="incident-counts"]')?.textContent === '1 affected · 0 answered · 1 waiting', () => el.textContent ?? '');
  });

  it('linkedGroups joins records through their links, whatever order they are read in', () => {
    const people = [
      { id: 'd', linkedCustomerIds: ['c'] },
      { id: 'b', linkedCustomerIds: ['a', 'c'] },
      { id: 'x', linkedCustomerIds: [] },
      { id: 'a', linkedCustomerIds: ['b'] },
      { id: 'y', linkedCustomerIds: ['z'] },
    ];
    for (const order of [people, [...people].reverse()]) {
      const groupOf = linkedGroups(order);
      expect(['a', 'b', 'c', 'd'].map(groupOf)).toEqual(['a', 'a', 'a', 'a']);
      expect([groupOf('x'), groupOf('y'), groupOf('z'), groupOf('unknown')]).toEqual(['x', 'y', 'y', 'unknown']);
    }
  });
});
