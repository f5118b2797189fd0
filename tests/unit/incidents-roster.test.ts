/**
 * Known issues: who is affected (a message naming the issue, or the answer sent by hand) and who
 * has been answered (a reply carrying the answer, however it was written).
 */
import { describe, expect, it } from 'vitest';
import { answerMatcher, incidentRoster, incidentStatus, keywordMatcher, parseKeywords, type IncidentDefinition, type RosterMessage } from '../../lib/incidents/roster';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const ANSWER =
  'Hi {{customer.first_name}}, flight IB123 was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00 and we cover hotel nights. {{agent.signature}}';
const incident = (over: Partial<IncidentDefinition> = {}): IncidentDefinition => ({ keywords: ['IB123', 'diverted', 'desviado'], answer: ANSWER, since: T0, endedAt: null, ...over });
const msg = (customerId: string, direction: RosterMessage['direction'], text: string, minutes: number, conversationId = `conv-${customerId}`): RosterMessage => ({
  customerId,
  conversationId,
  direction,
  text,
  sentAt: T0 + minutes * MIN,
});
const SENT = 'Hi Dana, flight IB123 was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00 and we cover hotel nights. ^AP';

describe('keywordMatcher', () => {
  it('matches whole words, ignoring case and accents, and phrases in a row', () => {
    const m = keywordMatcher(['IB123', 'desviado', 'gate change']);
    expect(m('Is ib123 still on time??')).toBe('IB123');
    expect(m('mi vuelo ha sido DESVIADO')).toBe('desviado');
    expect(m('mi vuelo ha sido desviadó')).toBe('desviado');
    expect(m('Any GATE CHANGE for my flight?')).toBe('gate change');
    expect(m('gate, and a change of plans')).toBeNull();
    expect(m('flight IB1234 please')).toBeNull();
    expect(m('not about it')).toBeNull();
    expect(keywordMatcher([])('IB123')).toBeNull();
  });
});

describe('answerMatcher', () => {
  it('recognises the answer personalised or shortened, not another reply', () => {
    const carries = answerMatcher(ANSWER);
    expect(carries(SENT)).toBe(true);
    // Shortened by the agent to fit: most of its topic words are still there.
    expect(carries('@dana IB123 was diverted to Valencia (fog). Buses to Madrid leave gate 4 at 18:00, hotel covered.')).toBe(true);
    expect(carries('Hi Dana, please DM us your booking reference and we will look into it.')).toBe(false);
    expect(carries('Your flight IB123 is on time.')).toBe(false);
  });

  it('cannot recognise an answer with fewer than two topic words', () => {
    expect(answerMatcher('Hi {{customer.first_name}}, sorry!')('Hi Dana, sorry!')).toBe(false);
  });
});

describe('incidentRoster', () => {
  it('lists who asked, who was answered, who wrote again, and ignores what is outside the incident time', () => {
    const messages = [
      msg('dana', 'in', 'My flight IB123 was diverted, what now?', 5),
      msg('dana', 'out', SENT, 12),
      msg('dana', 'in', 'Thanks. And my bag?', 20),
      msg('eli', 'in', '¿Mi vuelo ha sido desviado?', 8),
      msg('eli', 'out', 'Hi Eli, please DM us your booking reference.', 9),
      msg('finn', 'in', 'Where is my refund?', 3),
      // Answered by hand without having named the issue: affected too.
      msg('gus', 'out', SENT.replace('Dana', 'Gus'), 30, 'conv-gus-dm'),
      // Before the incident: not counted.
      msg('hal', 'in', 'IB123 tomorrow?', -60),
      msg('ivy', 'unknown', 'IB123 diverted', 15),
    ];
    const { waiting, answered } = incidentRoster(incident(), messages);
    expect(waiting.map((e) => e.customerId)).toEqual(['eli']);
    expect(waiting[0]).toMatchObject({ keyword: 'desviado', askedAt: T0 + 8 * MIN, answeredAt: null });
    expect(answered.map((e) => e.customerId)).toEqual(['gus', 'dana']);
    expect(answered[1]).toMatchObject({ keyword: 'IB123', askedAt: T0 + 5 * MIN, answeredAt: T0 + 12 * MIN, wroteAgain: true, lastInboundAt: T0 + 20 * MIN });
    expect(answered[0]).toMatchObject({ keyword: null, askedAt: null, answeredAt: T0 + 30 * MIN, wroteAgain: false, conversationId: 'conv-gus-dm' });
  });

  it('waiting is longest-waiting first; the link goes to where the customer last wrote', () => {
    const { waiting } = incidentRoster(incident(), [
      msg('late', 'in', 'IB123??', 40),
      msg('early', 'in', 'IB123 diverted?', 2, 'conv-x'),
      msg('early', 'in', 'hello? anyone', 50, 'conv-dm'),
    ]);
    expect(waiting.map((e) => [e.customerId, e.conversationId])).toEqual([
      ['early', 'conv-dm'],
      ['late', 'conv-late'],
    ]);
  });

  it('an ended incident stops at its end', () => {
    const ended = incident({ endedAt: T0 + 10 * MIN });
    const { waiting, answered } = incidentRoster(ended, [msg('dana', 'in', 'IB123 diverted?', 5), msg('dana', 'out', SENT, 12), msg('eli', 'in', 'IB123?', 11)]);
    expect(waiting.map((e) => e.customerId)).toEqual(['dana']);
    expect(answered).toEqual([]);
  });

  it('one customer: the keyword they used and when they were answered', () => {
    expect(incidentStatus(incident(), [msg('dana', 'in', 'IB123 diverted?', 5)])).toEqual({ keyword: 'IB123', answeredAt: null });
    expect(incidentStatus(incident(), [msg('dana', 'in', 'IB123 diverted?', 5), msg('dana', 'out', SENT, 6)])).toEqual({ keyword: 'IB123', answeredAt: T0 + 6 * MIN });
    expect(incidentStatus(incident(), [msg('dana', 'in', 'refund?', 5)])).toEqual({ keyword: null, answeredAt: null });
  });
});

it('parseKeywords splits on commas, semicolons and lines, trims, and keeps each word once', () => {
  expect(parseKeywords(' IB123, diverted ;desviado\n  ib123 ,, Desviádo , gate   change ')).toEqual(['IB123', 'diverted', 'desviado', 'gate change']);
});
