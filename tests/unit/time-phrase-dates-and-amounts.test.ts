/**
 * A day of the month said without its month ("on the 12th", "el día 12": time-phrase-chrono.ts
 * dayOfMonthParser) and numbers that are amounts, not hours ("mañana de 10 a 12 unidades":
 * time-phrase.ts withoutAmounts).
 *
 * Clock: Tuesday 2026-03-10 15:00 in Madrid (UTC+1, 14:00Z); business hours 09:00–17:00. Madrid
 * is UTC+2 from 29 March.
 */
import { describe, expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');
const TZ = 'Europe/Madrid';
/** Madrid wall time → ISO instant ("2026-04-03", "17:00"). */
const at = (day: string, time: string) => {
  const offset = day >= '2026-03-29' && day < '2026-10-25' ? '+02:00' : '+01:00';
  return new Date(`${day}T${time}:00${offset}`).toISOString();
};
const when = (text: string, now = NOW) => parseWhen(text, now, { timezone: TZ })?.toISOString() ?? null;
const due = (text: string, now = NOW) => detectPromises(text, now, { timezone: TZ }).map((p) => p.dueAt.toISOString());

describe('a day of the month without its month is the next such day to come', () => {
  it.each([
    // Still to come this month.
    ["We'll get back to you on the 12th.", at('2026-03-12', '17:00')],
    ["We'll get back to you by the 12th.", at('2026-03-12', '17:00')],
    ["We'll get back to you on the 31st.", at('2026-03-31', '17:00')],
    ['Te escribimos el día 12.', at('2026-03-12', '17:00')],
    ['Te escribimos antes del día 12.', at('2026-03-12', '17:00')],
    ['Te escribimos el 12.', at('2026-03-12', '17:00')],
    // Past this month (or today): next month's.
    ["We'll get back to you on the 3rd.", at('2026-04-03', '17:00')],
    ["We'll get back to you on the 10th.", at('2026-04-10', '17:00')],
    ['Te escribimos el día 3.', at('2026-04-03', '17:00')],
    // Said of next month.
    ["We'll get back to you by the 12th of next month.", at('2026-04-12', '17:00')],
    ['Te escribimos el día 12 del mes que viene.', at('2026-04-12', '17:00')],
  ])('a promise: %s', (text, expected) => {
    expect(due(text)).toEqual([expected]);
  });

  it('is due at the hour a weekday is: "on the 13th" is "on Friday"', () => {
    // Friday 13 March 2026.
    expect(due("We'll get back to you on the 13th.")).toEqual(due("We'll get back to you on Friday."));
    expect(when('on the 13th')).toBe(when('on Friday'));
    expect(due('Te escribimos el día 13.')).toEqual(due('Te escribimos el viernes.'));
    expect(when('el día 13')).toBe(when('el viernes'));
  });

  it.each([
    ['on the 12th', at('2026-03-12', '09:00')],
    ['by the 3rd', at('2026-04-03', '09:00')],
    ['el día 12', at('2026-03-12', '09:00')],
    ['el 12', at('2026-03-12', '09:00')],
  ])('the follow-up field: %s', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it('skips a month without the day: "on the 31st" said on 5 April is 31 May', () => {
    const april = new Date('2026-04-05T08:00:00Z');
    expect(due("We'll get back to you on the 31st.", april)).toEqual([at('2026-05-31', '17:00')]);
  });

  it('takes an hour or a part of the day said with it', () => {
    expect(due("We'll call you on the 12th at 3pm.")).toEqual([at('2026-03-12', '15:00')]);
    expect(due("We'll call you on the 12th in the morning.")).toEqual([at('2026-03-12', '12:00')]);
    expect(due("We'll call you on the 12th between 2 and 4pm.")).toEqual([at('2026-03-12', '16:00')]);
    expect(due('Te escribimos el día 12 a las 10.')).toEqual([at('2026-03-12', '10:00')]);
    expect(due('Te escribimos el 12 a las 10.')).toEqual([at('2026-03-12', '10:00')]);
    expect(due('Te escribimos el día 12 por la tarde.')).toEqual([at('2026-03-12', '18:00')]);
    expect(when('el día 12 entre las 10 y las 12')).toBe(at('2026-03-12', '10:00'));
  });

  it('leaves dates with a month to chrono', () => {
    expect(due("We'll get back to you on the 12th of April.")).toEqual([at('2026-04-12', '17:00')]);
    expect(due("We'll get back to you by the 1st of May.")).toEqual([at('2026-05-01', '17:00')]);
    expect(due('Te escribimos el día 12 de abril.')).toEqual([at('2026-04-12', '17:00')]);
    expect(due('Te escribimos el 12 de abril.')).toEqual([at('2026-04-12', '17:00')]);
  });

  it('is not read into ordinals and numbers that are not dates', () => {
    expect(due("We'll call you on the 3rd floor tomorrow.")).toEqual([at('2026-03-11', '17:00')]);
    expect(due("We'll call you for the 2nd time tomorrow.")).toEqual([at('2026-03-11', '17:00')]);
    expect(when('el 10 por ciento mañana')).toBe(at('2026-03-11', '09:00'));
    expect(when('the 12th')).toBeNull();
  });
});

describe('a number or a range of numbers before a unit is an amount, not a time', () => {
  it.each([
    'Te enviamos mañana de 10 a 12 unidades.',
    'Te enviamos mañana 10 a 12 unidades.',
    'Te enviamos mañana entre 10 y 12 unidades.',
    'Te enviamos mañana 10-12 unidades.',
    'Te enviamos mañana de 10 a 12 piezas.',
    'Te enviamos mañana de 10 a 12 euros.',
    'Te enviamos mañana de 10 a 12 €.',
    'Te enviamos mañana de 10 a 12%.',
    'Te enviamos mañana de 2 a 3 opciones.',
    'Te enviamos mañana de 10 a 12 días.',
    'Te enviamos mañana de 2 a 3 semanas.',
    'Te enviamos mañana 12 unidades.',
    "We'll send you 10 to 12 units tomorrow.",
    "We'll send you tomorrow 10 to 12 items.",
    "We'll send you tomorrow 10-12 pieces.",
    "We'll refund tomorrow 10 to 12 euros.",
    "We'll refund tomorrow 10 to 12%.",
    "We'll send you tomorrow, 10 to 12 days.",
    "We'll send you tomorrow 12 units.",
  ])('%s: due as the day alone', (text) => {
    expect(due(text)).toEqual([at('2026-03-11', '17:00')]);
  });

  it('the follow-up field: the day alone, at opening', () => {
    expect(when('mañana de 10 a 12 unidades')).toBe(at('2026-03-11', '09:00'));
    expect(when('tomorrow 10 to 12 units')).toBe(at('2026-03-11', '09:00'));
  });

  it('a clock range or an hour next to an amount is still read', () => {
    expect(due('Te llamamos mañana de 10 a 12.')).toEqual([at('2026-03-11', '12:00')]);
    expect(due("We'll call you tomorrow 10 to 12.")).toEqual([at('2026-03-11', '12:00')]);
    expect(due('Te enviamos 10,50 € mañana a las 10.')).toEqual([at('2026-03-11', '10:00')]);
    expect(due("We'll send 3 units tomorrow at 10am.")).toEqual([at('2026-03-11', '10:00')]);
    expect(when('mañana de 10 a 12')).toBe(at('2026-03-11', '10:00'));
  });
});
