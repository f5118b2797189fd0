/**
 * "Tomorrow" said in the small hours (lib/cases/time-phrase.ts NEW_DAY_HOUR): someone still up
 * at 00:40 or 02:00 who writes "I'll get back to you tomorrow" means the day that is about to
 * start, not the one after it. Before 04:00 local time "tomorrow" / "mañana" is the coming
 * daytime; from 04:00 on it is the calendar tomorrow again.
 *
 * Also parts of the day named with "this" / "esta" ("this morning", "esta mañana", "this
 * afternoon"): today's, even when chrono's own reading of that part has begun.
 *
 * Timezone Europe/Madrid (UTC+1 in March). Tuesday 2026-03-10 → Wednesday 2026-03-11.
 */
import { describe, expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const TZ = 'Europe/Madrid';
/** A wall time in Madrid (UTC+1) as an instant: madrid('11', '00:40'). */
const madrid = (day: string, time: string) => new Date(new Date(`2026-03-${day}T${time}:00+01:00`).getTime());
const iso = (day: string, time: string) => madrid(day, time).toISOString();
const when = (text: string, now: Date) => parseWhen(text, now, { timezone: TZ })?.toISOString() ?? null;
const due = (text: string, now: Date) => detectPromises(text, now, { timezone: TZ }).map((p) => p.dueAt.toISOString());

describe('"tomorrow" after midnight is the coming day', () => {
  for (const at of ['00:40', '02:00', '03:59']) {
    const now = madrid('11', at); // Wednesday, small hours
    it(`said at ${at} on Wednesday, English: Wednesday`, () => {
      expect(due("I'll get back to you tomorrow.", now)).toEqual([iso('11', '17:00')]);
      expect(due("We'll call you tomorrow at 10am.", now)).toEqual([iso('11', '10:00')]);
      expect(due("We'll call you first thing tomorrow morning.", now)).toEqual([iso('11', '10:00')]);
      expect(when('tomorrow', now)).toBe(iso('11', '09:00'));
      expect(when('tomorrow morning', now)).toBe(iso('11', '09:00'));
      expect(when('tomorrow afternoon', now)).toBe(iso('11', '15:00'));
      expect(when('first thing tomorrow', now)).toBe(iso('11', '09:00'));
      // "The day after tomorrow" moves with it: Thursday.
      expect(when('the day after tomorrow', now)).toBe(iso('12', '09:00'));
    });

    it(`said at ${at} on Wednesday, Spanish: miércoles`, () => {
      expect(due('Te llamamos mañana.', now)).toEqual([iso('11', '17:00')]);
      expect(due('Te llamaremos mañana a las 10.', now)).toEqual([iso('11', '10:00')]);
      expect(when('mañana a las 10', now)).toBe(iso('11', '10:00'));
      // "mañana por la mañana": the coming morning (chrono-es alone reads "tomorrow").
      expect(due('Mañana por la mañana te llamamos.', now)).toEqual([iso('11', '12:00')]);
      expect(when('mañana por la mañana', now)).toBe(iso('11', '09:00'));
      expect(when('mañana por la tarde', now)).toBe(iso('11', '15:00'));
      expect(due('Lo escalamos y te damos respuesta mañana a primera hora.', now)).toEqual([iso('11', '10:00')]);
      expect(when('pasado mañana', now)).toBe(iso('12', '09:00'));
      // "por la mañana" / "esta mañana" without "mañana" as a day: this morning, as before.
      expect(due('Te llamamos por la mañana.', now)).toEqual([iso('11', '12:00')]);
      expect(when('esta mañana', now)).toBe(iso('11', '09:00'));
    });
  }

  it('from 04:00 on, "tomorrow" is the calendar tomorrow again', () => {
    const now = madrid('11', '04:00');
    expect(due("I'll get back to you tomorrow.", now)).toEqual([iso('12', '17:00')]);
    expect(when('mañana', now)).toBe(iso('12', '09:00'));
    expect(when('pasado mañana', now)).toBe(iso('13', '09:00'));
  });

  it('late in the evening, before midnight, "tomorrow" is the next day as always', () => {
    const now = madrid('10', '23:30');
    expect(due("I'll get back to you tomorrow.", now)).toEqual([iso('11', '17:00')]);
    expect(when('mañana a las 10', now)).toBe(iso('11', '10:00'));
  });

  it('"tomorrow at 1am" said at 00:40 is the next night, not twenty minutes from now', () => {
    expect(due("We'll call you tomorrow at 1am.", madrid('11', '00:40'))).toEqual([iso('12', '01:00')]);
  });

  it('durations are not affected ("in 2 hours" at 01:00 is 03:00)', () => {
    expect(when('in 2 hours', madrid('11', '01:00'))).toBe(iso('11', '03:00'));
    expect(due('Te respondemos en 24 horas.', madrid('11', '01:00'))).toEqual([iso('12', '01:00')]);
  });
});

describe('"this morning" / "esta mañana" / "this afternoon" are today\'s', () => {
  it('said at 08:00: this morning, not tomorrow morning', () => {
    const now = madrid('10', '08:00');
    expect(due("We'll call you this morning.", now)).toEqual([iso('10', '12:00')]);
    expect(due('Te llamamos esta mañana.', now)).toEqual([iso('10', '12:00')]);
    expect(when('esta mañana', now)).toBe(iso('10', '09:00'));
    expect(when('this morning', now)).toBe(iso('10', '09:00'));
  });

  it('said at 16:00, "this afternoon" is due at 18:00 today, not tomorrow', () => {
    const now = madrid('10', '16:00');
    expect(due('Someone will call you back this afternoon.', now)).toEqual([iso('10', '18:00')]);
    expect(due('Un técnico te llamará esta tarde.', now)).toEqual([iso('10', '18:00')]);
  });

  it('"por la mañana" said in the afternoon is tomorrow morning, as "in the morning" is', () => {
    const now = madrid('10', '15:00');
    expect(due("We'll call you in the morning.", now)).toEqual([iso('11', '12:00')]);
    expect(due('Te llamamos por la mañana.', now)).toEqual([iso('11', '12:00')]);
    expect(due('Mañana por la mañana te llamamos.', now)).toEqual([iso('11', '12:00')]);
  });
});
