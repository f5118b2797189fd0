/**
 * "first thing" / "a primera hora" (lib/cases/time-phrase.ts): the opening hour (as a promise's
 * deadline, an hour after it) of the day the sentence names, else of the next working day.
 * Clock: Tuesday 2026-03-10 15:00 in Madrid (UTC+1, 14:00Z); business hours 09:00–17:00.
 */
import { describe, expect, it } from 'vitest';
import { detectPromises } from '../../lib/cases/promises';
import { parseWhen } from '../../lib/cases/when';

const NOW = new Date('2026-03-10T14:00:00Z');
const TZ = 'Europe/Madrid';

describe('first thing on a named day', () => {
  it('"Te escribimos el lunes a primera hora." is due Monday 10:00, not tomorrow', () => {
    const [p] = detectPromises('Te escribimos el lunes a primera hora.', NOW, { timezone: TZ });
    expect(p?.dueAt.toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });

  it('"first thing Friday" in the follow-up field is Friday 09:00, not tomorrow', () => {
    expect(parseWhen('first thing Friday', NOW, { timezone: TZ })?.toISOString()).toBe('2026-03-13T08:00:00.000Z');
  });

  it('"first thing next week" / "la semana que viene a primera hora" is Monday', () => {
    expect(parseWhen('first thing next week', NOW, { timezone: TZ })?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    const [p] = detectPromises('Te contestamos la semana que viene a primera hora.', NOW, { timezone: TZ });
    expect(p?.dueAt.toISOString()).toBe('2026-03-16T09:00:00.000Z');
  });

  it('said on Friday evening, "first thing" without a day is Monday; "first thing tomorrow" stays Saturday', () => {
    const friday = new Date('2026-03-13T17:00:00Z'); // 18:00 in Madrid
    expect(parseWhen('first thing', friday, { timezone: TZ })?.toISOString()).toBe('2026-03-16T08:00:00.000Z');
    expect(parseWhen('first thing tomorrow', friday, { timezone: TZ })?.toISOString()).toBe('2026-03-14T08:00:00.000Z');
  });
});
