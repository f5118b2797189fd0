/**
 * Spanish "a" after an hour is the preposition, not a.m. (lib/cases/time-phrase-chrono.ts
 * esLoneARefiner): chrono-es read "te llamamos a las 5 a ver qué pasa" as 05:00, a promise due in
 * the small hours. The hour is now read as said without am/pm (nearest business hours).
 *
 * Clock: Tuesday 2026-03-10 10:00 in Madrid (UTC+1, 09:00Z); business hours 09:00–17:00.
 */
import { expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T09:00:00Z');
const TZ = 'Europe/Madrid';
const iso = (day: string, time: string) => new Date(`2026-03-${day}T${time}:00+01:00`).toISOString();
const due = (text: string) => detectPromises(text, NOW, { timezone: TZ }).map((p) => p.dueAt.toISOString());
const when = (text: string) => parseWhen(text, NOW, { timezone: TZ })?.toISOString() ?? null;

it.each([
  ['Te llamamos mañana a las 5 a ver qué pasa.', iso('11', '17:00')],
  ['Te escribimos a las 4 a confirmar el envío.', iso('10', '16:00')],
])('%s', (text, expected) => {
  expect(due(text)).toEqual([expected]);
});

it('keeps a.m. when it is said: "a las 5 a.m.", "a las 5 am", a final "a las 5 a"', () => {
  expect(when('mañana a las 5 a.m.')).toBe(iso('11', '05:00'));
  expect(when('mañana a las 5 am')).toBe(iso('11', '05:00'));
  expect(when('mañana a las 5 a')).toBe(iso('11', '05:00'));
});
