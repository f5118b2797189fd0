/**
 * formatRelative counts days on the calendar, in the user's timezone: a follow-up due on
 * Wednesday seen late on Monday is "in 2 days", not "tomorrow" (35 hours rounded to one day);
 * an overdue one from Monday night seen early on Wednesday is "2 days ago", not "yesterday".
 * Under a day the wording stays in hours and minutes.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { formatRelative } from '../../lib/i18n';

const setLanguage = (language: string) => vi.spyOn(navigator, 'language', 'get').mockReturnValue(language);
afterEach(() => {
  vi.restoreAllMocks();
  process.env.TZ = 'UTC'; // vitest.config.ts
});

/** Monday 1 June 2026, 23:00 (UTC, the test runner's zone). */
const MON_23 = Date.UTC(2026, 5, 1, 23);
/** Wednesday 3 June 2026, 10:00. */
const WED_10 = Date.UTC(2026, 5, 3, 10);
/** Monday 22:00 and Wednesday 08:00. */
const MON_22 = Date.UTC(2026, 5, 1, 22);
const WED_08 = Date.UTC(2026, 5, 3, 8);

describe('formatRelative from a day on: calendar days', () => {
  it('English: Wednesday seen on Monday night is in 2 days; Monday night seen on Wednesday morning is 2 days ago', () => {
    setLanguage('en-US');
    expect(formatRelative(WED_10, MON_23)).toBe('in 2 days');
    expect(formatRelative(MON_22, WED_08)).toBe('2 days ago');
  });

  it('Spanish: "pasado mañana" / "anteayer" (Intl\'s own words for ±2 days), then "dentro de 3 días"', () => {
    setLanguage('es-ES');
    expect(formatRelative(WED_10, MON_23)).toBe('pasado mañana');
    expect(formatRelative(MON_22, WED_08)).toBe('anteayer');
    // Thursday 09:00 seen Monday 23:00: 58 hours would round to 2 days; it is 3 calendar days.
    expect(formatRelative(Date.UTC(2026, 5, 4, 9), MON_23)).toBe('dentro de 3 días');
  });

  it('tomorrow and yesterday are the next and the previous calendar day', () => {
    setLanguage('en-US');
    // Tuesday 23:30 seen Monday 23:00: 24.5 hours, the next day.
    expect(formatRelative(Date.UTC(2026, 5, 2, 23, 30), MON_23)).toBe('tomorrow');
    expect(formatRelative(MON_23, Date.UTC(2026, 5, 2, 23, 30))).toBe('yesterday');
    setLanguage('es-ES');
    expect(formatRelative(Date.UTC(2026, 5, 2, 23, 30), MON_23)).toBe('mañana');
    expect(formatRelative(MON_23, Date.UTC(2026, 5, 2, 23, 30))).toBe('ayer');
  });

  it('under a day the wording stays in hours and minutes', () => {
    setLanguage('en-US');
    expect(formatRelative(Date.UTC(2026, 5, 2, 10), MON_23)).toBe('in 11 hours');
    expect(formatRelative(MON_23 + 20 * 60_000, MON_23)).toBe('in 20 minutes');
  });

  it("counts the days of the user's timezone, not of UTC", () => {
    process.env.TZ = 'Europe/Madrid'; // UTC+2 in June
    setLanguage('en-US');
    // Monday 22:30 UTC is already Tuesday 00:30 in Madrid; Wednesday 08:00 UTC is 10:00 there.
    expect(formatRelative(WED_08, Date.UTC(2026, 5, 1, 22, 30))).toBe('tomorrow');
    // Monday 21:30 UTC is Monday 23:30 in Madrid: two calendar days before Wednesday.
    expect(formatRelative(WED_08, Date.UTC(2026, 5, 1, 21, 30))).toBe('in 2 days');
  });
});
