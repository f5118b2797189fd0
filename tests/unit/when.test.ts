/** The manual follow-up field. Clock: Tuesday 2026-03-10 14:00 UTC; timezones explicit. */
import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');

const CASES: [text: string, iso: string, tz?: string | number][] = [
  ['tomorrow 10am', '2026-03-11T10:00:00.000Z'],
  ['in 2 hours', '2026-03-10T16:00:00.000Z'],
  ['next monday', '2026-03-16T09:00:00.000Z'],
  ['Friday at 4:30pm', '2026-03-13T16:30:00.000Z'],
  ['tomorrow', '2026-03-11T09:00:00.000Z'],
  ['tomorrow afternoon', '2026-03-11T15:00:00.000Z'],
  ['in 3 days', '2026-03-13T14:00:00.000Z'],
  ['in 30 minutes', '2026-03-10T14:30:00.000Z'],
  ['2h', '2026-03-10T16:00:00.000Z'],
  ['45m', '2026-03-10T14:45:00.000Z'],
  ['3d', '2026-03-13T14:00:00.000Z'],
  ['end of day', '2026-03-10T17:00:00.000Z'],
  ['in 2 business days', '2026-03-12T14:00:00.000Z'],
  ['first thing tomorrow', '2026-03-11T09:00:00.000Z'],
  ['mañana a las 10', '2026-03-11T10:00:00.000Z'],
  ['en 2 horas', '2026-03-10T16:00:00.000Z'],
  ['el lunes', '2026-03-16T09:00:00.000Z'],
  ['el próximo viernes a las 12', '2026-03-13T12:00:00.000Z'],
  ['pasado mañana', '2026-03-12T09:00:00.000Z'],
  ['mañana por la tarde', '2026-03-11T15:00:00.000Z'],
  ['dentro de 3 días', '2026-03-13T14:00:00.000Z'],
  // Wall-clock times are read in the agent's timezone.
  ['tomorrow 10am', '2026-03-11T09:00:00.000Z', 'Europe/Madrid'],
  ['mañana a las 10', '2026-03-11T14:00:00.000Z', 'America/New_York'],
  // 09:00 has passed today, so the next 09:00.
  ['at 9am', '2026-03-11T09:00:00.000Z'],
  ['at 3pm', '2026-03-10T15:00:00.000Z'],
];

describe('parseWhen', () => {
  it.each(CASES)('%s (%s)', (text, iso, tz = 'UTC') => {
    expect(parseWhen(text, NOW, { timezone: tz })?.toISOString()).toBe(iso);
  });

  it.each(['', '   ', 'call the customer', 'asdf', 'pedido 12345', '0h'])('%j → null', (text) => {
    expect(parseWhen(text, NOW, { timezone: 'UTC' })).toBeNull();
  });

  it('never returns a time at or before now', () => {
    const d = parseWhen('today at 2pm', NOW, { timezone: 'UTC' });
    expect(d!.getTime()).toBeGreaterThan(NOW.getTime());
  });
});

describe('parseWhen across a daylight-saving change (Europe/Madrid)', () => {
  // Saturday 28 March 2026, 13:00 in Madrid (UTC+1); clocks go to UTC+2 at 02:00 on Sunday.
  const SAT_SPRING = '2026-03-28T12:00:00Z';
  // Saturday 24 October 2026, 14:00 in Madrid (UTC+2); back to UTC+1 at 03:00 on Sunday.
  const SAT_AUTUMN = '2026-10-24T12:00:00Z';
  it.each([
    ['tomorrow 10am', SAT_SPRING, '2026-03-29T08:00:00.000Z'],
    ['mañana a las 10', SAT_SPRING, '2026-03-29T08:00:00.000Z'],
    ['next monday', SAT_SPRING, '2026-03-30T07:00:00.000Z'],
    ['in 2 business days', SAT_SPRING, '2026-03-31T11:00:00.000Z'],
    // Days, weeks and months are counted on the calendar, not as multiples of 24 hours.
    ['in 3 days', SAT_SPRING, '2026-03-31T11:00:00.000Z'],
    ['next week', SAT_SPRING, '2026-04-04T11:00:00.000Z'],
    ['en una semana', SAT_SPRING, '2026-04-04T11:00:00.000Z'],
    ['next month', SAT_SPRING, '2026-04-28T11:00:00.000Z'],
    ['tomorrow 10am', SAT_AUTUMN, '2026-10-25T09:00:00.000Z'],
    // A duration is a duration: two hours are two hours whatever the clock says.
    ['in 2 hours', SAT_SPRING, '2026-03-28T14:00:00.000Z'],
  ])('%s from %s → %s (the wall time meant, on the far side of the change)', (text, now, iso) => {
    expect(parseWhen(text, new Date(now), { timezone: 'Europe/Madrid' })?.toISOString()).toBe(iso);
  });
});
