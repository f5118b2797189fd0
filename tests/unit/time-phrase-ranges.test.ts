/**
 * Clock-time ranges (lib/cases/time-phrase.ts clockRange): "between 2 and 4pm", "entre las 9 y
 * las 14h", "by Friday between 10-12", "9–5". A promise ("we'll call you between 2 and 4pm") is
 * kept if done by the end of the range, so its deadline is the end; the manual follow-up field
 * reminds at the start (as "this afternoon" reminds at 15:00 but is due at 18:00), or at the end
 * once the window has begun.
 *
 * Clock: Tuesday 2026-03-10 15:00 in Madrid (UTC+1, 14:00Z); business hours 09:00–17:00.
 */
import { describe, expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');
const TZ = 'Europe/Madrid';
/** Madrid wall time on a March 2026 day → ISO instant. */
const iso = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+01:00`).toISOString();
const when = (text: string, now = NOW) => parseWhen(text, now, { timezone: TZ })?.toISOString() ?? null;
const due = (text: string, now = NOW) => detectPromises(text, now, { timezone: TZ }).map((p) => p.dueAt.toISOString());

describe('a promise with a range of clock times is due at its end', () => {
  it.each([
    ["We'll call you tomorrow between 2 and 4pm.", iso('11', '16:00')],
    ["We'll call you between 2 and 4pm tomorrow.", iso('11', '16:00')],
    ["We'll call you tomorrow from 2 to 4pm.", iso('11', '16:00')],
    ["We'll call you tomorrow 2-4pm.", iso('11', '16:00')],
    ["We'll call you tomorrow, 2pm to 4pm.", iso('11', '16:00')],
    ["We'll call you tomorrow between 10am and 12pm.", iso('11', '12:00')],
    ["We'll call you tomorrow between 11 and 1.", iso('11', '13:00')],
    ["We'll call you tomorrow 10:00-12:30.", iso('11', '12:30')],
    ["We'll call you by Friday between 10-12.", iso('13', '12:00')],
    ["We'll call you tomorrow 9–5.", iso('11', '17:00')],
    ["A technician will call you on Monday from 9 till 5.", iso('16', '17:00')],
    // Said at 15:00 with no day: today's window is still open until 16:00.
    ["We'll call you between 2 and 4pm.", iso('10', '16:00')],
  ])('%s', (text, expected) => {
    expect(due(text)).toEqual([expected]);
  });

  it.each([
    ['Te llamamos mañana entre las 9 y las 14h.', iso('11', '14:00')],
    ['Te llamamos mañana de 9 a 14h.', iso('11', '14:00')],
    ['Te llamamos mañana de 10 a 12.', iso('11', '12:00')],
    ['Te llamaremos el viernes entre las 10 y las 12.', iso('13', '12:00')],
    ['Te llamamos mañana entre las 4 y las 6 de la tarde.', iso('11', '18:00')],
    ['Te llamamos mañana desde las 10 hasta las 12:30.', iso('11', '12:30')],
    ['Un técnico te llamará el lunes de 9h a 14h.', iso('16', '14:00')],
    // No day, said at 15:00: today, 16:00–18:00.
    ['Te llamamos entre las 16 y las 18h.', iso('10', '18:00')],
  ])('%s', (text, expected) => {
    expect(due(text)).toEqual([expected]);
  });
});

describe('the follow-up field reminds at the start of a range', () => {
  it.each([
    ['tomorrow 2-4pm', iso('11', '14:00')],
    ['tomorrow between 2 and 4pm', iso('11', '14:00')],
    ['tomorrow 9–5', iso('11', '09:00')],
    ['Friday between 10-12', iso('13', '10:00')],
    ['mañana entre las 9 y las 14h', iso('11', '09:00')],
    ['mañana de 10 a 12', iso('11', '10:00')],
    ['el viernes entre las 4 y las 6 de la tarde', iso('13', '16:00')],
  ])('%s', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it('once the window has begun, at its end rather than tomorrow', () => {
    // 15:00: "between 2 and 4pm" began at 14:00 and is open until 16:00.
    expect(when('between 2 and 4pm')).toBe(iso('10', '16:00'));
    expect(when('entre las 14 y las 16h')).toBe(iso('10', '16:00'));
  });
});

describe('noon and midnight as an end of a range', () => {
  it.each([
    ["We'll call you tomorrow between noon and 2pm.", iso('11', '14:00')],
    ["We'll call you tomorrow between midday and 2pm.", iso('11', '14:00')],
    ["We'll call you tomorrow from noon to 3pm.", iso('11', '15:00')],
    ["We'll call you tomorrow between 12 noon and 2pm.", iso('11', '14:00')],
    ["We'll call you tomorrow noon-2pm.", iso('11', '14:00')],
    ['Te llamamos mañana entre el mediodía y las 14h.', iso('11', '14:00')],
    ['Te llamamos mañana desde el mediodía hasta las 15h.', iso('11', '15:00')],
    ['Te llamamos mañana de 12 a 14h.', iso('11', '14:00')],
    // Midnight ends the day it is said on ("to midnight": 23:59) and starts the one after it.
    ["We'll call you tomorrow between 10pm and midnight.", iso('11', '23:59')],
    ["We'll call you tomorrow between midnight and 2am.", iso('11', '02:00')],
  ])('a promise is due at the end: %s', (text, expected) => {
    expect(due(text)).toEqual([expected]);
  });

  it.each([
    ['tomorrow between noon and 2pm', iso('11', '12:00')],
    ['tomorrow from noon to 3pm', iso('11', '12:00')],
    ['mañana entre el mediodía y las 14h', iso('11', '12:00')],
    ['mañana de 12 a 14h', iso('11', '12:00')],
    ['tomorrow between 10pm and midnight', iso('11', '22:00')],
  ])('the follow-up field reminds at the start: %s', (text, expected) => {
    expect(when(text)).toBe(expected);
  });

  it('said in the morning with no day: today, at the end as a deadline and the start as a reminder', () => {
    const morning = new Date('2026-03-10T09:00:00Z'); // Tue 10:00 Madrid
    expect(due("We'll call you between noon and 2pm.", morning)).toEqual([iso('10', '14:00')]);
    expect(due("We'll call you between midday and 2pm.", morning)).toEqual([iso('10', '14:00')]);
    expect(due("We'll call you from noon to 3pm.", morning)).toEqual([iso('10', '15:00')]);
    expect(due('Te llamamos entre el mediodía y las 14h.', morning)).toEqual([iso('10', '14:00')]);
    expect(due('Te llamamos de 12 a 14h.', morning)).toEqual([iso('10', '14:00')]);
    expect(when('between noon and 2pm', morning)).toBe(iso('10', '12:00'));
    expect(when('entre el mediodía y las 14h', morning)).toBe(iso('10', '12:00'));
  });

  it('noon alone is still noon', () => {
    expect(due("We'll call you tomorrow at noon.")).toEqual([iso('11', '12:00')]);
    expect(when('mañana a mediodía')).toBe(iso('11', '12:00'));
  });
});

describe('ranges across a daylight-saving change (Europe/Madrid)', () => {
  it('a Friday promise for Monday between 9 and 11am is due at 11:00 Madrid time after the clocks change', () => {
    // Friday 27 March 2026, 11:00 in Madrid (UTC+1); Monday 30 March is UTC+2.
    const friday = new Date('2026-03-27T10:00:00Z');
    expect(due("We'll call you on Monday between 9 and 11am.", friday)).toEqual(['2026-03-30T09:00:00.000Z']);
    expect(when('Monday between 9 and 11am', friday)).toBe('2026-03-30T07:00:00.000Z');
  });
});

describe('what is not a range of clock times is read as before', () => {
  it('durations keep their upper bound', () => {
    expect(due('A manager will call you back within 2–4 hours.')).toEqual([iso('10', '19:00')]);
    expect(due('Te contestamos en un plazo de 2 a 4 horas.')).toEqual([iso('10', '19:00')]);
    expect(due('Te respondemos en 24-48h.')).toEqual([iso('12', '15:00')]);
    expect(due('Te respondemos en un plazo de 24 a 48h.')).toEqual([iso('12', '15:00')]);
    expect(due('We will reply within 1 to 2 business days.')).toEqual([iso('12', '15:00')]);
  });

  it('counts, dates and numbers are not clock times', () => {
    // "2-3 replacement options" is a count: "tomorrow" alone gives the time (close of business).
    expect(due("We'll send you 2-3 replacement options tomorrow.")).toEqual([iso('11', '17:00')]);
    expect(due('Te enviamos entre 2 y 3 opciones mañana.')).toEqual([iso('11', '17:00')]);
    expect(due('Te enviamos 2-3 opciones mañana.')).toEqual([iso('11', '17:00')]);
    expect(due("We'll process the refund of 10-20 euros tomorrow.")).toEqual([iso('11', '17:00')]);
    expect(when('2026-03-12')).toBe(iso('12', '09:00'));
    // Order numbers next to a day are not a range either.
    expect(due("We'll update you on order 3-4 tomorrow.")).toEqual([iso('11', '17:00')]);
    expect(due('Te escribimos sobre el pedido 3-4 mañana.')).toEqual([iso('11', '17:00')]);
  });

  it('a single time or a half hour stays as it was', () => {
    expect(due('Te llamamos mañana a las 5 y media.')).toEqual([iso('11', '17:30')]);
    expect(due("We'll call you tomorrow at 10am.")).toEqual([iso('11', '10:00')]);
  });
});

describe('a Spanish range written with "h" and no day is clock times, not a duration', () => {
  const MORNING = new Date('2026-03-10T09:00:00Z'); // Tue 10:00 Madrid
  const dueAt10 = (text: string) => detectPromises(text, MORNING, { timezone: TZ }).map((p) => p.dueAt.toISOString());
  it.each([
    ['Te llamaremos de 16 a 18h.', iso('10', '18:00')],
    ['Un técnico pasará de 8 a 14h.', iso('10', '14:00')],
  ])('%s', (text, expected) => {
    expect(dueAt10(text)).toEqual([expected]);
  });

  it('keeps durations: "en un plazo de 24 a 48h", "tarda de 2 a 4h"', () => {
    expect(dueAt10('Te respondemos en un plazo de 24 a 48h.')).toEqual([iso('12', '10:00')]);
    expect(dueAt10('Te escribimos, el envío tarda de 2 a 4h.')).toEqual([iso('10', '14:00')]);
  });
});

describe('counts after a day word are not clock ranges', () => {
  it.each([
    ["We'll send it tomorrow, between 2 and 4 items.", iso('11', '17:00')],
    ["We'll call you Monday 3-4 times.", iso('16', '17:00')],
  ])('%s: due as the day alone', (text, expected) => {
    expect(due(text)).toEqual([expected]);
  });
});
