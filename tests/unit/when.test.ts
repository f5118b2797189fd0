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
