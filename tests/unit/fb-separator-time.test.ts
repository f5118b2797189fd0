/** Messenger time separators ("Today 10:02", "Hier 18:30", "12 March 2026, 10:02") → ISO times. */
import { describe, expect, it } from 'vitest';
import { parseSeparatorTime } from '../../lib/platforms/facebook/separator-time';

// Separators are shown in the viewer's timezone: build the expectations in local time too.
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();

/** Monday 24 November 2025, noon local. */
const now = new Date(2025, 10, 24, 12, 0);
/** Friday 2 January 2026, 09:00 local: just after a year boundary. */
const newYear = new Date(2026, 0, 2, 9, 0);

describe('parseSeparatorTime', () => {
  it.each([
    ['Today 10:02', local(2025, 11, 24, 10, 2)],
    ['10:02', local(2025, 11, 24, 10, 2)],
    ['Yesterday 18:30', local(2025, 11, 23, 18, 30)],
    ['Yesterday at 6:30 PM', local(2025, 11, 23, 18, 30)],
    ['Today 12:05 AM', local(2025, 11, 24, 0, 5)],
    ['Mon 10:02', local(2025, 11, 17, 10, 2)],
    ['Sunday 9:15 AM', local(2025, 11, 23, 9, 15)],
    ['Thu 16:40', local(2025, 11, 20, 16, 40)],
    ['12 March 2026, 10:02', local(2026, 3, 12, 10, 2)],
    ['Mar 2, 2026, 18:20', local(2026, 3, 2, 18, 20)],
    ['November 3, 10:02 PM', local(2025, 11, 3, 22, 2)],
    ['3 Dec, 10:02', local(2024, 12, 3, 10, 2)],
    ['Hoy 10:02', local(2025, 11, 24, 10, 2)],
    ['Ayer a las 18:30', local(2025, 11, 23, 18, 30)],
    ['lun. 10:02', local(2025, 11, 17, 10, 2)],
    ['mar 10:02', local(2025, 11, 18, 10, 2)],
    ['sáb 8:05 p. m.', local(2025, 11, 22, 20, 5)],
    ['12 de marzo de 2026, 10:02', local(2026, 3, 12, 10, 2)],
    ['mié, 5 nov, 10:02', local(2025, 11, 5, 10, 2)],
    ["Aujourd'hui 10:02", local(2025, 11, 24, 10, 2)],
    ['Aujourd’hui à 10:02', local(2025, 11, 24, 10, 2)],
    ['Hier 18:30', local(2025, 11, 23, 18, 30)],
    ['Hier à 18 h 30', local(2025, 11, 23, 18, 30)],
    ['dim. 10:02', local(2025, 11, 23, 10, 2)],
    ['1er mars 2026 à 10:02', local(2026, 3, 1, 10, 2)],
    ['12 févr. 2026, 10:02', local(2026, 2, 12, 10, 2)],
    ['Today\u00a010:02\u202fAM', local(2025, 11, 24, 10, 2)],
  ])('%s → %s', (label, iso) => expect(parseSeparatorTime(label, now)).toBe(iso));

  it.each([
    ['Today 10:02', local(2026, 1, 2, 10, 2)],
    ['Yesterday 23:50', local(2026, 1, 1, 23, 50)],
    ['Hier 18:30', local(2026, 1, 1, 18, 30)],
    ['Tue 10:02', local(2025, 12, 30, 10, 2)],
    ['Fri 10:02', local(2025, 12, 26, 10, 2)],
    ['vie 10:02', local(2025, 12, 26, 10, 2)],
    ['28 Dec, 10:02', local(2025, 12, 28, 10, 2)],
    ['28 de diciembre, 10:02', local(2025, 12, 28, 10, 2)],
    ['31 déc. à 23:59', local(2025, 12, 31, 23, 59)],
    ['Jan 1, 10:02', local(2026, 1, 1, 10, 2)],
    ['Dec 28, 2024, 10:02', local(2024, 12, 28, 10, 2)],
  ])('across the year boundary: %s → %s', (label, iso) => expect(parseSeparatorTime(label, newYear)).toBe(iso));

  it.each([
    '',
    'Seen',
    'Today',
    'Yesterday',
    '12 March 2026',
    'Messages and calls are secured with end-to-end encryption.',
    'Tomorrow 10:02',
    'Montag 10:02',
    'Monkey 10:02',
    '12/03/2026, 10:02',
    '2026-03-12 10:02',
    '31 June 2026, 10:02',
    '30 feb, 10:02',
    'March 10:02',
    'Today 25:00',
    'Today 10:75',
    'Today 13:02 PM',
    'Today 0:10 AM',
    'Jamie Rivera 10:02',
    '12 March 5 2026, 10:02',
  ])('%j → null', (label) => expect(parseSeparatorTime(label, now)).toBeNull());

  it('gives null without a valid clock', () => {
    expect(parseSeparatorTime('Today 10:02', undefined)).toBeNull();
    expect(parseSeparatorTime('Today 10:02', new Date(Number.NaN))).toBeNull();
    expect(parseSeparatorTime(null, now)).toBeNull();
  });
});
