/**
 * Promise detection on real-world agent phrasings. The clock is fixed at Tuesday
 * 2026-03-10 14:00 UTC and every case names its timezone explicitly, so the expected due times
 * hold whatever TZ the test runner has (business hours default to Mon–Fri 09:00–17:00).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUE_HOURS, detectPromises, type PromiseKind } from '../../lib/cases/promises';

const SENT = new Date('2026-03-10T14:00:00Z'); // a Tuesday
const plus = (hours: number) => new Date(SENT.getTime() + hours * 3_600_000).toISOString();

type Case = [text: string, kind: PromiseKind, dueIso: string, tz?: string | number];

const ENGLISH: Case[] = [
  ["Thanks for your patience, we'll get back to you tomorrow.", 'update', '2026-03-11T17:00:00.000Z'],
  ['Our team will reply within 24 hours.', 'update', '2026-03-11T14:00:00.000Z'],
  ['A manager will call you back within 2–4 hours.', 'callback', '2026-03-10T18:00:00.000Z'],
  ['A manager will call you back within 2-4 hours.', 'callback', '2026-03-10T18:00:00.000Z'],
  ["I'll DM you.", 'dm', plus(1)],
  ["I'll follow up by Friday.", 'update', '2026-03-13T17:00:00.000Z'],
  ['Expect a reply in 3 business days.', 'update', '2026-03-13T14:00:00.000Z'],
  ['Someone will call you back this afternoon.', 'callback', '2026-03-10T18:00:00.000Z'],
  ["We'll have an update for you by end of day.", 'update', '2026-03-10T17:00:00.000Z'],
  ["I'll confirm with the warehouse and get back to you EOD.", 'update', '2026-03-10T17:00:00.000Z'],
  ["We'll call you first thing tomorrow morning.", 'callback', '2026-03-11T10:00:00.000Z'],
  ["We'll look into it.", 'generic', plus(24)],
  ['Our technician will call you tomorrow at 10am.', 'callback', '2026-03-11T10:00:00.000Z'],
  ["You'll hear from us within 48 hours.", 'update', '2026-03-12T14:00:00.000Z'],
  ["We're going to escalate this to billing and follow up next Monday.", 'update', '2026-03-16T17:00:00.000Z'],
  ["I'll send you a DM in 10 minutes.", 'dm', '2026-03-10T14:10:00.000Z'],
  ['We will keep you posted by 5pm today.', 'update', '2026-03-10T17:00:00.000Z'],
  ["Let me check with the team and I'll get back to you shortly.", 'update', plus(1)],
  ['We aim to respond within 2 business days.', 'update', '2026-03-12T14:00:00.000Z'],
  ['A colleague from our returns team will message you tonight.', 'dm', '2026-03-10T21:00:00.000Z'],
  ["We'll process the refund and email you by Thursday 5pm.", 'update', '2026-03-12T17:00:00.000Z'],
  ['Someone from the network team will ring you in 30 minutes.', 'callback', '2026-03-10T14:30:00.000Z'],
  ["We'll sort it out by the end of the week.", 'generic', '2026-03-13T17:00:00.000Z'],
  ["I'll be in touch in 2 days.", 'update', '2026-03-12T14:00:00.000Z'],
  ['We will get back to you by Monday at 3pm.', 'update', '2026-03-16T15:00:00.000Z'],
  ['Someone will call you.', 'callback', plus(DEFAULT_DUE_HOURS.callback)],
  ['We’ll DM you the return label within the hour.', 'dm', '2026-03-10T15:00:00.000Z'],
  // The agent's own timezone decides what "tomorrow at 10am" and "end of day" mean.
  ["We'll call you back tomorrow at 10am.", 'callback', '2026-03-11T09:00:00.000Z', 'Europe/Madrid'],
  ["We'll get back to you by end of day.", 'update', '2026-03-10T21:00:00.000Z', 'America/New_York'],
  // 14:00 UTC is 19:30 in India (+330 min): "tomorrow" closes at 17:00 IST on Wednesday.
  ["I'll follow up tomorrow.", 'update', '2026-03-11T11:30:00.000Z', 330],
];

const SPANISH: Case[] = [
  ['Te llamamos mañana.', 'callback', '2026-03-11T17:00:00.000Z'],
  ['Te escribimos por DM.', 'dm', plus(DEFAULT_DUE_HOURS.dm)],
  ['Recibirás respuesta en las próximas 48 horas.', 'update', '2026-03-12T14:00:00.000Z'],
  ['Lo revisamos y te decimos algo antes del viernes.', 'update', '2026-03-13T17:00:00.000Z'],
  ['Te llamaremos mañana a las 10.', 'callback', '2026-03-11T10:00:00.000Z'],
  ['Un técnico te llamará esta tarde.', 'callback', '2026-03-10T18:00:00.000Z'],
  ['Nos pondremos en contacto contigo en 24 horas.', 'update', '2026-03-11T14:00:00.000Z'],
  ['Te contestamos en un plazo de 2 a 4 horas.', 'update', '2026-03-10T18:00:00.000Z'],
  ['Te enviamos un MD en breve.', 'dm', plus(1)],
  ['Te respondemos en 3 días hábiles.', 'update', '2026-03-13T14:00:00.000Z'],
  ['Mañana por la mañana te llamamos.', 'callback', '2026-03-11T12:00:00.000Z'],
  ['Vamos a revisar tu caso y te informamos a lo largo del día.', 'update', '2026-03-10T17:00:00.000Z'],
  ['Le llamaremos el lunes.', 'callback', '2026-03-16T17:00:00.000Z'],
  ['Te escribiremos pasado mañana.', 'update', '2026-03-12T17:00:00.000Z'],
  ['Te lo confirmamos hoy mismo.', 'update', '2026-03-10T17:00:00.000Z'],
  ['Lo escalamos al equipo técnico y te damos respuesta mañana a primera hora.', 'update', '2026-03-11T10:00:00.000Z'],
  ['Hemos recibido tu mensaje y te responderemos en 2 horas.', 'update', '2026-03-10T16:00:00.000Z'],
  ['Lo miraremos.', 'generic', plus(DEFAULT_DUE_HOURS.generic)],
  ['Te llamamos mañana a las 9.', 'callback', '2026-03-11T08:00:00.000Z', 'Europe/Madrid'],
];

const NOT_PROMISES: string[] = [
  'Can we call you tomorrow?',
  'Could you DM us your order number',
  "We called you yesterday but couldn't reach you.",
  "If you DM us your order number, we'll look into it.",
  "I'll wait for your call tomorrow.",
  'Thanks, I will never buy from you again.',
  'We already sent you a DM this morning.',
  'We will not call you again.',
  "We'll be happy to help over DM.",
  'We will always be glad to assist you.',
  "We won't be able to call you today, sorry.",
  'Our office is open 9am to 5pm, Monday to Friday.',
  'My order still hasn’t arrived and I want it by Friday.',
  '¿Te podemos llamar mañana?',
  'Ya te escribimos por DM ayer.',
  'Te llamamos ayer pero no contestaste.',
  'Si nos envías el número de pedido, lo revisamos.',
  'No podremos llamarte hoy.',
  'Hemos recibido tu mensaje.',
  'Gracias por escribirnos, que tengas buen día.',
  '',
];

function check([text, kind, dueIso, tz = 'UTC']: Case) {
  const found = detectPromises(text, SENT, { timezone: tz });
  expect(found, text).toHaveLength(1);
  expect(found[0]!.kind, text).toBe(kind);
  expect(found[0]!.dueAt.toISOString(), text).toBe(dueIso);
  expect(found[0]!.phrase).toBe(text.trim());
}

describe('detectPromises — English', () => {
  it.each(ENGLISH)('%s', (...c) => check(c));
});

describe('detectPromises — Spanish', () => {
  it.each(SPANISH)('%s', (...c) => check(c));
});

describe('detectPromises — not promises', () => {
  it.each(NOT_PROMISES)('%j', (text) => {
    expect(detectPromises(text, SENT, { timezone: 'UTC' })).toEqual([]);
  });
});

describe('detectPromises — details', () => {
  it('finds each promise of a longer reply and ignores the rest', () => {
    const text =
      "Hi Ana, sorry about the delay! Did you get our email? We'll DM you the tracking link. " +
      'A specialist will call you back tomorrow at 11am.';
    const found = detectPromises(text, SENT, { timezone: 'UTC' });
    expect(found.map((p) => [p.kind, p.dueAt.toISOString()])).toEqual([
      ['dm', plus(1)],
      ['callback', '2026-03-11T11:00:00.000Z'],
    ]);
  });

  it('rates an explicit time above a default one', () => {
    const [withTime] = detectPromises("We'll call you tomorrow at 10am.", SENT, { timezone: 'UTC' });
    const [withoutTime] = detectPromises("We'll call you.", SENT, { timezone: 'UTC' });
    expect(withTime!.confidence).toBeGreaterThan(withoutTime!.confidence);
    expect(withoutTime!.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it('uses custom business hours for end of day and business days', () => {
    const opts = { timezone: 'UTC', businessHours: { end: 20, days: [1, 2, 3, 4, 5, 6] } };
    expect(detectPromises("We'll reply by EOD.", SENT, opts)[0]!.dueAt.toISOString()).toBe('2026-03-10T20:00:00.000Z');
    // Tue + 5 working days with Saturday open: Wed Thu Fri Sat Mon.
    expect(detectPromises('Expect a reply in 5 business days.', SENT, opts)[0]!.dueAt.toISOString()).toBe(
      '2026-03-16T14:00:00.000Z',
    );
  });

  it('never returns a due time in the past ("end of day" promised after closing)', () => {
    const late = new Date('2026-03-10T22:00:00Z');
    const [p] = detectPromises("We'll get back to you by end of day.", late, { timezone: 'UTC' });
    expect(p!.dueAt.toISOString()).toBe('2026-03-10T23:59:00.000Z');
  });
});

describe('promises across a daylight-saving change', () => {
  it('a Friday promise for Monday 10am comes due at 10:00 Madrid time after the clocks change', () => {
    // Friday 27 March 2026, 11:00 in Madrid (UTC+1); Monday 30 March is UTC+2.
    const found = detectPromises("We'll call you back on Monday at 10am.", new Date('2026-03-27T10:00:00Z'), { timezone: 'Europe/Madrid' });
    expect(found.map((p) => p.dueAt.toISOString())).toEqual(['2026-03-30T08:00:00.000Z']);
  });
});
