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
/** Month names, English and Spanish (time-phrase.ts uses them too). */
export const MONTH_WORDS =
  'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|' +
  'enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre';
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
 * A day of the month said without its month: "on the 12th", "by the 3rd", "before the 1st of next
 * month", "el día 12", "para el 12", "antes del día 3 del mes que viene". chrono reads none of
 * them (chrono-es reads "día 12" as 12:00). It is the next such day still to come: this month's
 * when it is after today, else that of the first month after with the day ("on the 31st" said
 * on 5 April: 31 May). Today's own date is next month's, as "on Friday" said on a Friday is next
 * week's. The hour is left to time-phrase.ts, as for a weekday.
 *
 * Only where a date is meant: English with an ordinal after "on / by / before / until / …" and
 * before a word that goes with a date ("on the 3rd at 10", not "on the 3rd floor", "for the 2nd
 * time"); Spanish "el / del día N" (and a bare "el N" where it is a date: ES_BARE_DAY_OF_MONTH).
 */
const EN_AFTER_DATE =
  'at|in|on|to|for|between|from|by|before|after|around|about|and|or|so|when|if|with|as|then|latest|once|via|' +
  'morning|afternoon|evening|night|please|we|i|you';
const ES_AFTER_BARE_DAY =
  String.raw`(?:a|sobre|hacia|antes\s+de|desde|entre|de)\s+las?\s+\d|` +
  String.raw`(?:(?:por|de|en)\s+la\s+(?:mañana|tarde|noche)|a\s+(?:primera|última)\s+hora|a\s+mediodía|como\s+(?:muy\s+)?tarde|sin\s+falta)(?!${WORD})`;
const ES_THIS_MONTH = String.raw`de\s+este\s+mes|del\s+mes(?:\s+en\s+curso)?`;
const ES_NEXT_MONTH = String.raw`del\s+(?:mes\s+que\s+viene|(?:próximo|proximo|siguiente)\s+mes|mes\s+(?:próximo|proximo|siguiente|entrante))`;
const DAY_OF_MONTH = new RegExp(
  String.raw`(?<!${WORD})(?:` +
    // 1: the day, 2: this / next month (English)
    String.raw`(?:on|by|before|until|till|for|after|from|no later than)\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)(?:\s+of\s+(?:(this|the|next)\s+month))?` +
    String.raw`(?=\s*(?:$|[.,;:!?)\]–—-]|(?:${EN_AFTER_DATE})(?!${WORD})))` +
    // 3: the day, 4: this / next month (Spanish "el día 12")
    String.raw`|(?:el|del)\s+(?:(?:próximo|proximo)\s+)?d[íi]a\s+(\d{1,2})(?:\s+(${ES_NEXT_MONTH}|${ES_THIS_MONTH})(?!${WORD}))?(?!\s*(?:[/.:,-]?\d|%|€|h(?!${WORD})|horas|de\s+(?:${MONTH_WORDS})))` +
    String.raw`)(?!${WORD})`,
  'iu',
);

/**
 * A bare "el 12" / "del 12" that is a day of the month: at the end of the sentence, or before an
 * hour or a part of the day. time-phrase.ts makes it "el día 12" for chrono-es, which otherwise
 * reads "12 a las 10" as a range of hours.
 */
export const ES_BARE_DAY_OF_MONTH = new RegExp(
  String.raw`(?<!${WORD})(el|del)\s+(\d{1,2})(?=(?:\s+(?:${ES_NEXT_MONTH}|${ES_THIS_MONTH}))?\s*(?:$|[.,;:!?)\]]|${ES_AFTER_BARE_DAY}))`,
  'giu',
);

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

const dayOfMonthParser: chrono.Parser = {
  pattern: () => DAY_OF_MONTH,
  extract: (context, match) => {
    const day = Number(match[1] ?? match[3]);
    const which = (match[2] ?? match[4])?.toLowerCase();
    if (day < 1 || day > 31) return null;
    const local = new Date(context.reference.instant.getTime() + context.reference.getTimezoneOffset() * 60_000);
    let year = local.getUTCFullYear();
    let month = local.getUTCMonth() + 1;
    const next = () => (month === 12 ? ((month = 1), year++) : month++);
    if (which && /next|que viene|próximo|proximo|siguiente|entrante/.test(which)) {
      next();
      if (day > daysIn(year, month)) return null;
    } else if (which && /this|este/.test(which)) {
      if (day > daysIn(year, month)) return null;
    } else {
      // The first month from this one (from the next one once the day is past) that has the day.
      if (day <= local.getUTCDate()) next();
      while (day > daysIn(year, month)) next();
    }
    return context.createParsingComponents({ day, month, year }).addTag('parser/caseside/dayOfMonth');
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

export const chronoEn = extend(chrono.en.casual, [hClockParser, quarterClockParser, dayOfMonthParser]);
export const chronoEs = extend(chrono.es.casual, [hClockParser, quarterClockParser, esNextUnitParser, dayOfMonthParser], [esLoneARefiner]);
