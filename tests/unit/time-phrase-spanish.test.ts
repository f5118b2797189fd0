/**
 * Spanish time phrases chrono-es reads wrongly or not at all (lib/cases/time-phrase.ts and
 * time-phrase-chrono.ts). Clock: Tuesday 2026-03-10 15:00 in Madrid (UTC+1, 14:00Z).
 */
import { describe, expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');
const TZ = 'Europe/Madrid';
const when = (text: string) => parseWhen(text, NOW, { timezone: TZ })?.toISOString() ?? null;
const due = (text: string) => detectPromises(text, NOW, { timezone: TZ }).map((p) => p.dueAt.toISOString());

describe('Spanish time phrases', () => {
  it('"de la tarde" / "de la noche" make the hour p.m., as "in the afternoon" does', () => {
    expect(when('tomorrow at 4 in the afternoon')).toBe('2026-03-11T15:00:00.000Z');
    expect(when('mañana a las 4 de la tarde')).toBe('2026-03-11T15:00:00.000Z');
    expect(when('mañana a las 10 de la noche')).toBe('2026-03-11T21:00:00.000Z');
    expect(due('Te llamamos mañana a las 7 de la mañana.')).toEqual(['2026-03-11T06:00:00.000Z']);
  });

  it('"a las 17h" / "a las 17 horas" is 17:00, not "in 17 hours"', () => {
    expect(when('a las 17h')).toBe('2026-03-10T16:00:00.000Z');
    expect(when('a las 17 horas')).toBe('2026-03-10T16:00:00.000Z');
    expect(when('mañana a las 9:30h')).toBe('2026-03-11T08:30:00.000Z');
    expect(due('Te respondemos antes de las 17h.')).toEqual(['2026-03-10T16:00:00.000Z']);
    // "h" is the 24-hour clock: "a las 7h" is 07:00 (tomorrow, 07:00 today has passed).
    expect(when('a las 7h')).toBe('2026-03-11T06:00:00.000Z');
    // After "en" (or bare) it stays a duration.
    expect(due('Te respondemos en 12h.')).toEqual(['2026-03-11T02:00:00.000Z']);
  });

  it('quarters and halves: "a las 5 y media", "las 9 y cuarto", "a las 6 menos cuarto", "half past 4"', () => {
    // Am or pm as for a bare hour: the reading nearest business hours (09–17).
    expect(when('a las 5 y media')).toBe('2026-03-10T16:30:00.000Z');
    expect(when('mañana a las 9 y cuarto')).toBe('2026-03-11T08:15:00.000Z');
    expect(when('a las 6 menos cuarto')).toBe('2026-03-10T16:45:00.000Z');
    expect(when('mañana a las 4 y media de la tarde')).toBe('2026-03-11T15:30:00.000Z');
    expect(when('tomorrow at half past 4')).toBe('2026-03-11T15:30:00.000Z');
    expect(when('tomorrow at quarter to 10')).toBe('2026-03-11T08:45:00.000Z');
    expect(due('Te llamamos mañana a las 10 y media.')).toEqual(['2026-03-11T09:30:00.000Z']);
  });

  it('"el lunes a las 9h" / "mañana 15h" keep the day', () => {
    expect(when('el lunes a las 9h')).toBe('2026-03-16T08:00:00.000Z');
    expect(when('mañana 15h')).toBe('2026-03-11T14:00:00.000Z');
  });

  it('"mañana a mediodía" is noon and "antes de medianoche" midnight', () => {
    expect(when('tomorrow at noon')).toBe('2026-03-11T11:00:00.000Z');
    expect(when('mañana a mediodía')).toBe('2026-03-11T11:00:00.000Z');
    expect(due('Te llamamos antes de medianoche.')).toEqual(['2026-03-10T23:00:00.000Z']);
  });

  it('"la próxima semana", "la semana que viene", "el mes que viene" are understood, as "next week" is', () => {
    expect(when('next week')).toBe('2026-03-17T14:00:00.000Z');
    expect(when('la próxima semana')).toBe('2026-03-17T14:00:00.000Z');
    expect(when('la semana que viene')).toBe('2026-03-17T14:00:00.000Z');
    // 10 April is in summer time (UTC+2): still 15:00 in Madrid.
    expect(when('el mes que viene')).toBe('2026-04-10T13:00:00.000Z');
  });
});
