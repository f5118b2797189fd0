/**
 * The Replies tab's list with known issues in it: the answer a customer waits for comes first, in
 * their language, after an apology when they are upset; the engine's repeats of an answer are
 * dropped; answered ones come last; the others are offered by title.
 */
import { describe, expect, it } from 'vitest';
import { act } from 'react';
import { reactRoot } from '../support/react-root';
import { IncidentCards, type IncidentState } from '../../entrypoints/panel/IncidentCards';
import type { Incident } from '../../lib/db/repositories/incidents';
import { fillTemplate } from '../../lib/suggest/variables';
import { withApology, type Suggestion } from '../../lib/suggest/engine';

const { render } = reactRoot();
const NOW = Date.UTC(2026, 10, 26, 12);
const EN = 'Hi {{customer.first_name}}, flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00.';
const ES = 'Hola {{customer.first_name}}, el vuelo IB123 se ha desviado a Valencia por niebla; los autobuses a Madrid salen de la puerta 4 a las 18:00.';
const incident = (id: string, title: string, answers = [{ language: 'en', text: EN }, { language: 'es', text: ES }]): Incident => ({
  id, title, keywords: ['IB123'], answers, previousAnswers: [], marks: [], since: NOW - 3_600_000, createdAt: NOW, updatedAt: NOW, endedAt: null,
});
const state = (i: Incident, over: Partial<IncidentState> = {}): IncidentState => ({ incident: i, keyword: null, answeredAt: null, notAffected: false, ...over });
const suggestion = (id: string, text: string, source: Suggestion['source'] = 'past-reply'): Suggestion => ({ id, source, text, unresolved: [], why: id, score: 1 });
const prefill = (body: string) => fillTemplate(body, { customer: { displayName: 'Dana Example' } });
const card = (s: Suggestion) => (
  <li key={s.id} data-testid="card" data-why={s.why}>
    {s.text}
  </li>
);
const cards = (el: HTMLElement) => [...el.querySelectorAll<HTMLElement>('[data-testid="card"]')].map((c) => ({ id: c.dataset.why ?? '', text: c.textContent ?? '' }));

describe('IncidentCards', () => {
  it('puts the awaited answer first, filled, in the customer language; drops the engine repeating it; answered ones last', () => {
    const diverted = incident('i1', 'Diverted');
    const outage = incident('i2', 'Outage', [{ language: 'en', text: 'Logins fail in the app for everyone right now; we are fixing it and will post here.' }]);
    const el = render(
      <IncidentCards
        states={[state(diverted, { keyword: 'IB123' }), state(outage, { keyword: 'login', answeredAt: NOW - 60_000 })]}
        prefill={prefill}
        card={card}
        now={NOW}
        language="es"
        suggestions={[
          suggestion('engine-1', 'Please DM us your booking reference.'),
          // A past reply that is an earlier send of the same answer: not offered twice.
          suggestion('engine-2', 'Hola Eli, el vuelo IB123 se ha desviado a Valencia por niebla; los autobuses a Madrid salen a las 18:00.'),
          suggestion('article', 'This article should help: https://help.example/ib123 flight diverted Valencia Madrid buses gate', 'article'),
        ]}
        empty={<p>empty</p>}
      />,
    );
    const shown = cards(el);
    expect(shown.map((c) => c.id.split(' ·')[0]!.split(':')[0])).toEqual(['Known issue “Diverted”', 'engine-1', 'article', 'Known issue “Outage”']);
    expect(shown[0]!.text).toBe('Hola Dana, el vuelo IB123 se ha desviado a Valencia por niebla; los autobuses a Madrid salen de la puerta 4 a las 18:00.');
    expect(shown[3]!.id).toMatch(/already answered/);
    expect(el.textContent).not.toContain('empty');
  });

  it('an upset customer gets the apology first, unless the answer already apologises', () => {
    const el = render(
      <IncidentCards
        states={[state(incident('i1', 'Diverted'), { keyword: 'IB123' }), state(incident('i2', 'Sorry', [{ language: 'en', text: 'Sorry {{customer.first_name}}, IB123 is diverted to Valencia because of fog today.' }]), { keyword: 'IB123' })]}
        prefill={prefill}
        card={card}
        now={NOW}
        language="en"
        apologise={(language, text) => withApology(text, { customer: { displayName: 'Dana Example' } }, language === 'es')}
        suggestions={[]}
        empty={<p>empty</p>}
      />,
    );
    const [first, second] = cards(el);
    // The answer's greeting stays first; the apology follows it, without the name again.
    expect(first!.text).toBe("Hi Dana, we're sorry about this and we're on it. Flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00.");
    expect(first!.id).toContain('apology first');
    expect(second!.text).toBe('Sorry Dana, IB123 is diverted to Valencia because of fog today.');
    expect(el.textContent).toContain('empty');
  });

  it('offers the others by title, also one the agent marked not affected, and opens one on request', () => {
    const el = render(
      <IncidentCards
        states={[state(incident('i1', 'Diverted')), state(incident('i2', 'Outage'), { keyword: 'IB123', notAffected: true })]}
        prefill={prefill}
        card={card}
        now={NOW}
        suggestions={null}
        empty={null}
      />,
    );
    expect(cards(el)).toEqual([]);
    const offered = el.querySelector('[data-testid="incident-others"]')!;
    expect([...offered.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Answer for “Diverted”', 'Answer for “Outage”']);
    act(() => offered.querySelector('button')!.click());
    expect(cards(el).map((c) => c.id)).toEqual(['Known issue “Diverted”']);
    expect([...el.querySelectorAll('[data-testid="incident-others"] button')].map((b) => b.textContent)).toEqual(['Answer for “Outage”']);
  });

  it('the apology is in the language of the answer shown, not of the customer', () => {
    const englishOnly = incident('i1', 'Diverted', [{ language: 'en', text: EN }]);
    const el = render(
      <IncidentCards
        states={[state(englishOnly, { keyword: 'IB123' })]}
        prefill={prefill}
        card={card}
        now={NOW}
        language="es"
        apologise={(language, text) => withApology(text, { customer: { displayName: 'Dana Example' } }, language === 'es')}
        suggestions={[]}
        empty={null}
      />,
    );
    expect(cards(el)[0]!.text).toMatch(/^Hi Dana, we're sorry about this and we're on it\. Flight IB123/);
  });

  it("drops only past replies repeating this customer's incident answer: not templates, not other incidents' answers", () => {
    const repeat = 'Hola Eli, el vuelo IB123 se ha desviado a Valencia por niebla; los autobuses a Madrid salen a las 18:00.';
    const list = [suggestion('past', repeat), suggestion('template', repeat, 'template'), suggestion('other', 'Please DM us your booking reference.')];
    const mount = (states: IncidentState[]) => render(<IncidentCards states={states} prefill={prefill} card={card} now={NOW} suggestions={list} empty={<p>empty</p>} />);
    // Dana is not affected by it: her suggestions are left alone.
    expect(cards(mount([state(incident('i1', 'Diverted'))])).map((c) => c.id)).toEqual(['past', 'template', 'other']);
    // She is: the past reply goes, the template stays.
    expect(cards(mount([state(incident('i1', 'Diverted'), { keyword: 'IB123' })])).map((c) => c.id.split(':')[0])).toEqual(['Known issue “Diverted”', 'template', 'other']);
  });

  it('says the list is empty when every engine suggestion was a repeat', () => {
    const repeat = 'Hi Eli, flight IB123 was diverted to Valencia because of fog; buses to Madrid leave from gate 4 at 18:00.';
    const el = render(
      <IncidentCards states={[state(incident('i1', 'Diverted'), { keyword: 'IB123', answeredAt: NOW - 1 })]} prefill={prefill} card={card} now={NOW} suggestions={[suggestion('past', repeat)]} empty={<p>empty</p>} />,
    );
    expect(el.textContent).toContain('empty');
  });
});
