/**
 * A count of days is a count of calendar days: "3d" in the follow-up field and the "confirm it's
 * fixed" follow-up that resolving proposes land at the same wall time as "in 3 days", also when
 * a daylight-saving change falls in between (a day of 23 or 25 hours). Hours and minutes stay
 * exact durations.
 *
 * Madrid: UTC+1 until 02:00 on Sunday 29 March 2026, UTC+2 after; back to UTC+1 at 03:00 on
 * Sunday 25 October 2026.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { proposeResolution } from '../../lib/cases/lifecycle';
import { parseWhen } from '../../lib/cases/when';

/** Saturday 28 March 2026, 10:00 in Madrid. */
const SAT_SPRING = new Date(Date.UTC(2026, 2, 28, 9));
/** Saturday 24 October 2026, 10:00 in Madrid. */
const SAT_AUTUMN = new Date(Date.UTC(2026, 9, 24, 8));
/** The wall time in Madrid, "31/03/2026 10:00". */
const madrid = (ms: number | Date) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Madrid', dateStyle: 'short', timeStyle: 'short' }).format(ms).replace(',', '');

describe('in the system timezone (Europe/Madrid)', () => {
  beforeEach(() => {
    process.env.TZ = 'Europe/Madrid';
  });
  afterEach(() => {
    process.env.TZ = 'UTC'; // vitest.config.ts
  });

  it('"3d" keeps the time of day across the change, as "in 3 days" does', () => {
    expect(madrid(parseWhen('3d', SAT_SPRING)!)).toBe('31/03/2026 10:00');
    expect(madrid(parseWhen('in 3 days', SAT_SPRING)!)).toBe('31/03/2026 10:00');
    expect(madrid(parseWhen('en 2d', SAT_AUTUMN)!)).toBe('26/10/2026 10:00');
  });

  it('"3h" and "90m" stay exact durations', () => {
    expect(parseWhen('3h', SAT_SPRING)!.getTime()).toBe(SAT_SPRING.getTime() + 3 * 3_600_000);
    expect(parseWhen('90m', SAT_SPRING)!.getTime()).toBe(SAT_SPRING.getTime() + 90 * 60_000);
    // 24 hours from Saturday 10:00 is Sunday 11:00 on the clock.
    expect(madrid(parseWhen('24h', SAT_SPRING)!)).toBe('29/03/2026 11:00');
  });

  it("the resolve's confirm follow-up is due at the same wall time, 3 days (or the days asked) on", () => {
    const now = SAT_SPRING.getTime();
    expect(madrid(proposeResolution({ status: 'open', reference: 'B-0001' }, now).followUp.dueAt)).toBe('31/03/2026 10:00');
    const autumn = proposeResolution({ status: 'open', reference: 'B-0001' }, SAT_AUTUMN.getTime(), { confirmAfterDays: 7 });
    expect(madrid(autumn.followUp.dueAt)).toBe('31/10/2026 10:00');
  });
});

describe('in an explicit timezone, whatever the system one', () => {
  it('"3d" and the confirm follow-up count Madrid calendar days', () => {
    expect(madrid(parseWhen('3d', SAT_SPRING, { timezone: 'Europe/Madrid' })!)).toBe('31/03/2026 10:00');
    const p = proposeResolution({ status: 'open', reference: 'B-0001' }, SAT_SPRING.getTime(), { timezone: 'Europe/Madrid' });
    expect(madrid(p.followUp.dueAt)).toBe('31/03/2026 10:00');
  });

  it('keeps the seconds of now', () => {
    const now = new Date(SAT_SPRING.getTime() + 37_500);
    expect(parseWhen('1d', now, { timezone: 'UTC' })!.getTime()).toBe(now.getTime() + 86_400_000);
  });
});
