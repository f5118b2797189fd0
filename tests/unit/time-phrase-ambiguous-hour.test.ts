/**
 * An hour said without am/pm ("tomorrow at 3", "call you back at 5", "a las 4") is read as the
 * agent means it (lib/cases/time-phrase.ts clockTime): of the readings still ahead, the one
 * nearest business hours. Clock: Tuesday 2026-03-10 15:00 in Madrid (UTC+1, 14:00Z); business
 * hours default to 09:00–17:00.
 */
import { describe, expect, it } from 'vitest';
import type { BusinessHours } from '../../lib/cases/clock';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');
const TZ = 'Europe/Madrid';
const when = (text: string, businessHours?: Partial<BusinessHours>) =>
  parseWhen(text, NOW, { timezone: TZ, businessHours })?.toISOString() ?? null;
const due = (text: string) => detectPromises(text, NOW, { timezone: TZ }).map((p) => p.dueAt.toISOString());

describe('an hour without am/pm', () => {
  it('on a named day is the afternoon hour when the morning one is before opening ("tomorrow at 3" → 15:00)', () => {
    expect(when('tomorrow at 3')).toBe('2026-03-11T14:00:00.000Z');
    expect(when('tomorrow at 6')).toBe('2026-03-11T17:00:00.000Z');
    expect(when('Monday at 3')).toBe('2026-03-16T14:00:00.000Z');
    expect(when('el viernes a las 5')).toBe('2026-03-13T16:00:00.000Z');
    // Within (or just before) business hours the morning hour stays; am/pm said stays as said.
    expect(when('tomorrow at 9')).toBe('2026-03-11T08:00:00.000Z');
    expect(when('tomorrow at 11')).toBe('2026-03-11T10:00:00.000Z');
    expect(when('tomorrow at 8')).toBe('2026-03-11T07:00:00.000Z');
    expect(when('tomorrow at 3am')).toBe('2026-03-11T02:00:00.000Z');
    expect(when('mañana a las 08:00')).toBe('2026-03-11T07:00:00.000Z');
  });

  it('"today at 6" said at 15:00 is 18:00 today, not "an hour from now"', () => {
    expect(when('today at 6')).toBe('2026-03-10T17:00:00.000Z');
  });

  it('without a day, a morning hour already past is this afternoon\'s ("We\'ll call you back at 5." → 17:00 today)', () => {
    expect(due("We'll call you back at 5.")).toEqual(['2026-03-10T16:00:00.000Z']);
    expect(due('Te llamamos a las 4.')).toEqual(['2026-03-10T15:00:00.000Z']);
    expect(due("We'll call you at 2:30 tomorrow.")).toEqual(['2026-03-11T13:30:00.000Z']);
    // 22:00 is far outside business hours: "at 10" said at 15:00 is tomorrow morning.
    expect(when('at 10')).toBe('2026-03-11T09:00:00.000Z');
  });

  it('depends on the business hours ("tomorrow at 7" is 19:00 when open 08–20, 07:00 when open 07–15)', () => {
    expect(when('tomorrow at 7', { start: 8, end: 20 })).toBe('2026-03-11T18:00:00.000Z');
    expect(when('tomorrow at 7', { start: 7, end: 15 })).toBe('2026-03-11T06:00:00.000Z');
  });
});
