/**
 * The chrono-node parsers time-phrase.ts uses: chrono's casual English and Spanish, each with
 * two extra parsers for forms chrono does not know.
 *
 * - A clock time written with "h" ("a las 17h", "las 9:30 h", "a las 17 horas", "mañana 15h",
 *   "at 17h"): chrono reads "17h" as a duration ("in 17 hours"). After "las", "at" or a day
 *   it is the 24-hour clock, so "a las 7h" is 07:00 (19:00 would be written "19h"). A bare
 *   "15h" stays a duration, as in "respuesta en 24h" and the follow-up field's "2h".
 * - Spanish "la próxima semana", "la semana que viene", "el mes que viene", "el año próximo":
 *   one week / month / year from now, as chrono's English reads "next week".
 * - Quarters and halves ("a las 5 y media", "quarter to 6").
 *
 * And a refiner: "tomorrow" / "mañana" said before NEW_DAY_HOUR is the day now starting.
 */
import * as chrono from 'chrono-node';

export const WORD = String.raw`[\p{L}\p{N}_]`;
/** Words that name a day, English and Spanish (time-phrase.ts uses them too). */
export const DAY_WORDS =
  'hoy|mañana|manana|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo|' +
  'today|tomorrow|tmrw|tonight|monday|tuesday|wednesday|thursday|friday|saturday|sunday';

const H_CLOCK = new RegExp(
  String.raw`(?:(?<!${WORD})(?:(?:a\s+)?las|at|around|before|until|till)\s+|(?<=(?<!${WORD})(?:${DAY_WORDS}),?\s+))` +
    String.raw`([01]?\d|2[0-3])(?:[:.]([0-5]\d))?\s*(?:h(?:([0-5]\d))?|hrs?|horas)(?!${WORD})`,
  'iu',
);

const hClockParser: chrono.Parser = {
  pattern: () => H_CLOCK,
  extract: (context, match) => {
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? match[3] ?? 0);
    return context
      .createParsingComponents({
        hour,
        minute,
        meridiem: hour >= 12 ? chrono.Meridiem.PM : chrono.Meridiem.AM,
      })
      .addTag('parser/caseside/hClock');
  },
};

/**
 * Quarters and halves: "a las 5 y media", "las 9 y cuarto", "a las 6 menos cuarto", "half past
 * 4", "quarter past 9", "quarter to 6". chrono reads only the hour (or nothing). Am or pm is
 * left open, as for "a las 5" (time-phrase.ts decides).
 */
const QUARTER_CLOCK = new RegExp(
  String.raw`(?<!${WORD})(?:(?:a\s+)?las?\s+(\d{1,2})\s+(y\s+media|y\s+cuarto|menos\s+cuarto)|(half|(?:a\s+)?quarter)\s+(past|to)\s+(\d{1,2}))(?!${WORD})`,
  'iu',
);

const quarterClockParser: chrono.Parser = {
  pattern: () => QUARTER_CLOCK,
  extract: (context, match) => {
    const said = Number(match[1] ?? match[5]);
    if (said < 1 || said > 12) return null;
    const how = (match[2] ?? `${match[3]} ${match[4]}`).toLowerCase().replace(/\s+/g, ' ');
    const half = how.includes('media') || how.startsWith('half');
    const before = how.includes('menos') || how.endsWith(' to');
    const hour = before ? (said === 1 ? 12 : said - 1) : said;
    const minute = before ? 45 : half ? 30 : 15;
    return context.createParsingComponents({ hour, minute }).addTag('parser/caseside/quarterClock');
  },
};

const ES_UNITS: Record<string, 'week' | 'month' | 'year'> = { semana: 'week', mes: 'month', año: 'year' };
const ES_NEXT_UNIT = new RegExp(
  String.raw`(?<!${WORD})(?:(?:la|el)\s+)?(?:(?:próxim[oa]|proxim[oa]|siguiente)\s+(semana|mes|año)|(semana|mes|año)\s+(?:que\s+viene|próxim[oa]|proxim[oa]|siguiente|entrante))(?!${WORD})`,
  'iu',
);

const esNextUnitParser: chrono.Parser = {
  pattern: () => ES_NEXT_UNIT,
  extract: (context, match) => {
    const unit = ES_UNITS[(match[1] ?? match[2])!.toLowerCase()]!;
    return chrono.ParsingComponents.createRelativeFromReference(context.reference, { [unit]: 1 }).addTag(
      'parser/caseside/esNextUnit',
    );
  },
};

/**
 * Before this hour (local time), "tomorrow" / "mañana" is the day now starting, not the calendar
 * day after it: at 01:00 on Wednesday "we'll call you tomorrow" means Wednesday, after some
 * sleep (and "pasado mañana", time-phrase.ts, Thursday). At 04:00 few are still up from the
 * night before and few are up yet for the new day; from then on "tomorrow" is the calendar
 * tomorrow again.
 */
export const NEW_DAY_HOUR = 4;

function previousDay(c: chrono.ParsingComponents): void {
  const d = new Date(Date.UTC(c.get('year')!, c.get('month')! - 1, c.get('day')! - 1));
  c.assign('year', d.getUTCFullYear());
  c.assign('month', d.getUTCMonth() + 1);
  c.assign('day', d.getUTCDate());
  if (c.get('weekday') !== null) c.assign('weekday', d.getUTCDay());
}

const smallHoursTomorrowRefiner: chrono.Refiner = {
  refine: (context, results) => {
    const offset = context.reference.getTimezoneOffset();
    const local = new Date(context.reference.instant.getTime() + offset * 60_000);
    if (local.getUTCHours() >= NEW_DAY_HOUR) return results;
    for (const r of results) {
      if (!r.tags().has('casualReference/tomorrow')) continue;
      // "Tomorrow at 1am" said at 00:30 is the next night, not in half an hour.
      if (r.start.isCertain('meridiem') && r.start.get('hour')! < NEW_DAY_HOUR) continue;
      for (const c of [r.start, r.end]) if (c) previousDay(c);
      r.addTag('refiner/caseside/smallHoursTomorrow');
    }
    return results;
  },
};

/**
 * Spanish "a" after an hour is mostly the preposition, not a.m.: chrono-es reads "a las 5 a ver
 * qué pasa" and "de 2 a 3 opciones" as 05:00 and 02:00 a.m. A lone "a" followed by another word
 * is taken back out of the result, so the hour is read as said without am/pm (time-phrase.ts
 * then decides, as for "a las 5"). "a las 5 a.m.", "a las 5 am" and a final "a las 5 a" keep it.
 */
const LONE_A_THEN_WORD = /^\s+\p{L}/u;
const esLoneARefiner: chrono.Refiner = {
  refine: (context, results) => {
    for (const r of results) {
      const lone = /(\d)\s*a$/i.exec(r.text);
      if (!lone || !r.start.isCertain('meridiem') || r.start.get('meridiem') !== chrono.Meridiem.AM) continue;
      if (!LONE_A_THEN_WORD.test(context.text.slice(r.index + r.text.length))) continue;
      r.text = r.text.slice(0, lone.index + 1);
      r.start.delete('meridiem');
      r.start.imply('meridiem', chrono.Meridiem.AM);
      r.addTag('refiner/caseside/esLoneA');
    }
    return results;
  },
};

function extend(base: chrono.Chrono, parsers: chrono.Parser[], refiners: chrono.Refiner[] = []): chrono.Chrono {
  const c = base.clone();
  // First, so that on a tie in length (chrono keeps the earlier of two overlapping results)
  // "15h" after a day is the clock time, not the duration.
  c.parsers.unshift(...parsers);
  c.refiners.push(...refiners, smallHoursTomorrowRefiner);
  return c;
}

export const chronoEn = extend(chrono.en.casual, [hClockParser, quarterClockParser]);
export const chronoEs = extend(chrono.es.casual, [hClockParser, quarterClockParser, esNextUnitParser], [esLoneARefiner]);
