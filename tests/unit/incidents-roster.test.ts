/**
 * Known issues: who is affected (a message naming the issue, the answer sent by hand, the agent's
 * mark) and who has been answered (a reply carrying the answer, however it was written: shortened,
 * split over two tweets, in Spanish, in an earlier wording).
 */
import { describe, expect, it } from 'vitest';
import {
  answerFor,
  answerMatcher,
  answerWordCount,
  incidentRoster,
  incidentStatus,
  keywordMatcher,
  parseKeywords,
  usableKeyword,
  type IncidentDefinition,
  type RosterMessage,
} from '../../lib/incidents/roster';

const T0 = Date.UTC(2026, 10, 26, 9);
const MIN = 60_000;
const ANSWER =
  'Hi {{customer.first_name}}, flight IB123 was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00 and we cover hotel nights. {{agent.signature}}';
const ANSWER_ES =
  'Hola {{customer.first_name}}, el vuelo IB123 se ha desviado a Valencia por niebla. Los autobuses a Madrid salen de la puerta 4 a las 18:00 y cubrimos el hotel. {{agent.signature}}';
const incident = (over: Partial<IncidentDefinition> = {}): IncidentDefinition => ({
  keywords: ['IB123', 'diverted', 'desviado'],
  answers: [
    { language: 'en', text: ANSWER },
    { language: 'es', text: ANSWER_ES },
  ],
  since: T0,
  endedAt: null,
  ...over,
});
const msg = (customerId: string, direction: RosterMessage['direction'], text: string, minutes: number, conversationId = `conv-${customerId}`): RosterMessage => ({
  customerId,
  conversationId,
  direction,
  text,
  sentAt: T0 + minutes * MIN,
});
const SENT = 'Hi Dana, flight IB123 was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00 and we cover hotel nights. ^AP';

describe('keywordMatcher', () => {
  it('matches whole words, ignoring case, accents and plurals, and phrases in a row', () => {
    const m = keywordMatcher(['IB123', 'desviado', 'gate change']);
    expect(m('Is ib123 still on time??')).toBe('IB123');
    expect(m('mi vuelo ha sido DESVIADO')).toBe('desviado');
    expect(m('mi vuelo ha sido desviadó')).toBe('desviado');
    expect(m('¿los vuelos desviados?')).toBe('desviado');
    expect(m('Any GATE CHANGE for my flight?')).toBe('gate change');
    expect(m('gate, and a change of plans')).toBeNull();
    expect(m('flight IB1234 please')).toBeNull();
    expect(m('not about it')).toBeNull();
    expect(keywordMatcher([])('IB123')).toBeNull();
  });

  it('reads a code written with a space or hyphen as the code, and ignores @handles and links', () => {
    const m = keywordMatcher(['IB123', 'iberia']);
    expect(m('my flight IB 123 is late')).toBe('IB123');
    expect(m('my flight IB-123 is late')).toBe('IB123');
    expect(keywordMatcher(['IB-123'])('ib123 diverted?')).toBe('IB-123');
    expect(m('@Iberia where is my bag?')).toBeNull();
    expect(m('see https://iberia.example/status')).toBeNull();
    expect(m('I flew with Iberia')).toBe('iberia');
  });

  it("respells the keyword, never the customer's words: numbers after short words, accents, plurals", () => {
    expect(keywordMatcher(['123'])('my flight is 123')).toBe('123');
    expect(keywordMatcher(['3456'])('mi vuelo es 3456')).toBe('3456');
    expect(keywordMatcher(['123'])('el avión 123')).toBe('123');
    expect(keywordMatcher(['avion 123'])('el avión 123 llega tarde')).toBe('avion 123');
    expect(keywordMatcher(['12 noviembre'])('el 12 noviembre')).toBe('12 noviembre');
    expect(keywordMatcher(['gate 12'])('gates 12 and 13')).toBe('gate 12');
    expect(keywordMatcher(['bus'])('are the buses late?')).toBe('bus');
    expect(keywordMatcher(['buses'])('where is the bus')).toBe('buses');
    expect(keywordMatcher(['avión'])('los aviones no salen')).toBe('avión');
    expect(keywordMatcher(['cancelación'])('tengo dos cancelaciones')).toBe('cancelación');
  });

  it('keeps the "s" of words that are no plurals: "news" is not "new", "goods" not "good"', () => {
    expect(keywordMatcher(['news'])('any new flights today?')).toBeNull();
    expect(keywordMatcher(['news'])('any NEWS about my flight?')).toBe('news');
    expect(keywordMatcher(['goods'])('good morning')).toBeNull();
    expect(keywordMatcher(['new'])('what news?')).toBeNull();
    expect(keywordMatcher(['delays'])('is there a delay?')).toBe('delays');
  });

  it('a keyword with no letter or digit cannot match and is refused by the form', () => {
    expect(usableKeyword('🔥')).toBe(false);
    expect(usableKeyword('#outage')).toBe(true);
    expect(keywordMatcher(['🔥'])('🔥 everything is down')).toBeNull();
  });
});

describe('answerMatcher', () => {
  it('recognises the answer personalised or shortened, in either language, not another reply', () => {
    const carries = answerMatcher([ANSWER, ANSWER_ES]);
    expect(carries(SENT)).toBe(true);
    // Shortened by the agent to fit, with abbreviations: half of its topic words are still there.
    expect(carries('@dana IB123 diverted to VLC (fog). Buses to MAD 18:00 gate 4, hotel covered.')).toBe(true);
    expect(carries('Hola Eli, el vuelo IB123 se ha desviado a Valencia por niebla; los autobuses a Madrid salen a las 18:00.')).toBe(true);
    expect(carries('Hi Dana, please DM us your booking reference and we will look into it.')).toBe(false);
    expect(carries('Your flight IB123 is on time.')).toBe(false);
  });

  it("ordinary replies that share the answer's common words do not count: the incident's distinctive words must be there", () => {
    const generic = 'Sorry for the inconvenience, flight IB123 is delayed; we are working on it and will update you as soon as possible.';
    const carries = answerMatcher([generic], { keywords: ['IB123'] });
    expect(carries('Sorry for the inconvenience with your refund, we are working on it and will update you as soon as possible.')).toBe(false);
    expect(carries('Sorry for the inconvenience: IB123 is delayed, we are working on it and will update you soon.')).toBe(true);
    // Two unrelated replies sent together do not make the answer either.
    const { waiting } = incidentRoster(incident(), [
      msg('dana', 'in', 'IB123 diverted??', 1),
      msg('dana', 'out', 'Your flight to Madrid is on time, gate 12.', 5),
      msg('dana', 'out', 'Some fog in Valencia this morning, drive safe.', 6),
    ]);
    expect(waiting.map((e) => e.customerId)).toEqual(['dana']);
  });

  it('recognises the answer with the code spelt "IB 123" / "IB-123", as the keyword matcher does for customers', () => {
    const codeOnly = incident({ keywords: ['IB123'], answers: [{ language: 'en', text: ANSWER }] });
    expect(keywordMatcher(['IB123'])('is IB 123 diverted?')).toBe('IB123');
    for (const code of ['IB 123', 'IB-123', 'ib123']) {
      const sent = `Hi Dana, flight ${code} was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00 and we cover hotel nights. ^AP`;
      expect(answerMatcher([ANSWER], { keywords: ['IB123'] })(sent)).toBe(true);
      const roster = incidentRoster(codeOnly, [msg('dana', 'in', 'is IB 123 diverted?', 1), msg('dana', 'out', sent, 5)]);
      expect(roster.waiting.map((e) => e.customerId)).toEqual([]);
      expect(roster.answered.map((e) => e.customerId)).toEqual(['dana']);
    }
    // The keyword typed with a space, the answer and the reply each written their own way.
    const spaced = answerMatcher([ANSWER.replace('IB123', 'IB 123')], { keywords: ['IB 123'] });
    expect(spaced('Hi Dana, flight IB123 was diverted to Valencia because of fog. Buses to Madrid leave from gate 4 at 18:00.')).toBe(true);
    // Only the incident's code is respelt: another flight, or other letters before the number, are not it.
    const generic = 'Sorry for the inconvenience, flight IB123 is delayed; we are working on it and will update you as soon as possible.';
    const carries = answerMatcher([generic], { keywords: ['IB123'] });
    expect(carries('Sorry for the inconvenience: IB 124 is delayed, we are working on it and will update you soon.')).toBe(false);
    expect(carries('Sorry for the inconvenience: gate 123 is delayed, we are working on it and will update you soon.')).toBe(false);
    expect(carries('Sorry for the inconvenience: IB 123 is delayed, we are working on it and will update you soon.')).toBe(true);
  });

  it('an answer under four topic words is never recognised (it would match any apology)', () => {
    const short = 'Sorry {{customer.first_name}}, we are looking into it.';
    expect(answerWordCount(short)).toBeLessThan(4);
    expect(answerMatcher([short])('Sorry Finn, looking into your refund now.')).toBe(false);
    expect(answerWordCount(ANSWER)).toBeGreaterThanOrEqual(4);
  });

  it('answerFor picks the customer language, else the first answer', () => {
    const i = incident();
    expect(answerFor(i, 'es')!.text).toBe(ANSWER_ES);
    expect(answerFor(i, 'en')!.text).toBe(ANSWER);
    expect(answerFor(i, 'de')!.text).toBe(ANSWER);
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

  it('an answer split over two tweets counts when they are sent together, from the one that completes it', () => {
    const first = '@dana Flight IB123 was diverted to Valencia. (1/2)';
    const second = '@dana Buses to Madrid leave from gate 4 at 18:00; hotel nights are on us. ^AP (2/2)';
    const split = [msg('dana', 'in', 'IB123??', 1), msg('dana', 'out', first, 10), msg('dana', 'out', second, 11)];
    expect(answerMatcher([ANSWER])(first)).toBe(false);
    expect(answerMatcher([ANSWER])(second)).toBe(false);
    expect(incidentRoster(incident(), split).answered[0]).toMatchObject({ customerId: 'dana', answeredAt: T0 + 11 * MIN });
    // An hour apart, they are two replies, neither the answer.
    const apart = [msg('dana', 'in', 'IB123??', 1), msg('dana', 'out', first, 10), msg('dana', 'out', second, 70)];
    expect(incidentRoster(incident(), apart).waiting.map((e) => e.customerId)).toEqual(['dana']);
  });

  it('a customer answered with an earlier wording stays answered after the answer is edited', () => {
    const edited = incident({ answers: [{ language: 'en', text: 'Flight IB123 now lands in Barcelona: trains to Madrid every hour from Sants, tickets at desk 12.' }], previousAnswers: [ANSWER] });
    const { answered } = incidentRoster(edited, [msg('dana', 'in', 'IB123?', 1), msg('dana', 'out', SENT, 5)]);
    expect(answered.map((e) => e.customerId)).toEqual(['dana']);
  });

  it('the same person on X and Facebook counts once', () => {
    const group = (id: string) => (id === 'dana-fb' ? 'dana-x' : id);
    const { waiting, answered } = incidentRoster(incident(), [msg('dana-x', 'in', 'IB123 diverted?', 1), msg('dana-fb', 'in', 'IB123?? anyone', 3), msg('dana-x', 'out', SENT, 6)], group);
    expect(waiting).toEqual([]);
    expect(answered.map((e) => e.customerId)).toEqual(['dana-x']);
    expect(answered[0]!.wroteAgain).toBe(false);
  });

  it("the agent's marks: answered by phone, not affected, and the latest mark wins", () => {
    const messages = [msg('dana', 'in', 'IB123 diverted?', 1), msg('eli', 'in', 'Loved my IB123 flight last week', 2), msg('finn', 'in', 'IB123?', 3), msg('finn', 'in', 'hello?', 30)];
    const marked = incident({
      marks: [
        { customerId: 'dana', kind: 'answered', at: T0 + 10 * MIN },
        { customerId: 'eli', kind: 'not-affected', at: T0 + 10 * MIN },
        { customerId: 'finn', kind: 'not-affected', at: T0 + 11 * MIN },
        { customerId: 'finn', kind: 'answered', at: T0 + 12 * MIN },
      ],
    });
    const { waiting, answered, notAffected } = incidentRoster(marked, messages);
    expect(waiting).toEqual([]);
    expect(notAffected.map((e) => e.customerId)).toEqual(['eli']);
    expect(answered.map((e) => [e.customerId, e.answeredAt, e.markedAnswered, e.wroteAgain])).toEqual([
      ['finn', T0 + 12 * MIN, true, true],
      ['dana', T0 + 10 * MIN, true, false],
    ]);
  });

  it('waiting is longest-waiting first; the link goes to where the customer last wrote', () => {
    const { waiting } = incidentRoster(incident(), [msg('late', 'in', 'IB123??', 40), msg('early', 'in', 'IB123 diverted?', 2, 'conv-x'), msg('early', 'in', 'hello? anyone', 50, 'conv-dm')]);
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

  it('one person (all their linked records): the keyword they used, when they were answered, a not-affected mark', () => {
    expect(incidentStatus(incident(), [msg('dana', 'in', 'IB123 diverted?', 5)], ['dana'])).toEqual({ keyword: 'IB123', answeredAt: null, notAffected: false });
    expect(incidentStatus(incident(), [msg('dana-fb', 'in', 'IB123 diverted?', 5), msg('dana', 'out', SENT, 6)], ['dana', 'dana-fb'])).toEqual({ keyword: 'IB123', answeredAt: T0 + 6 * MIN, notAffected: false });
    expect(incidentStatus(incident(), [msg('dana', 'in', 'refund?', 5)], ['dana'])).toEqual({ keyword: null, answeredAt: null, notAffected: false });
    const marked = incident({ marks: [{ customerId: 'dana', kind: 'not-affected', at: T0 }] });
    expect(incidentStatus(marked, [msg('dana', 'in', 'IB123 was great', 5)], ['dana']).notAffected).toBe(true);
    // Someone else's mark is not theirs.
    expect(incidentStatus(marked, [msg('eli', 'in', 'IB123?', 5)], ['eli']).notAffected).toBe(false);
  });
});

it('parseKeywords splits on commas, semicolons and lines, trims, and keeps each word once', () => {
  expect(parseKeywords(' IB123, diverted ;desviado\n  ib123 ,, Desviádo , gate   change ')).toEqual(['IB123', 'diverted', 'desviado', 'gate change']);
});
