/**
 * Turns the time part of an English or Spanish phrase into an instant. Shared by promise
 * detection (lib/cases/promises.ts, where a time is a deadline) and the manual follow-up field
 * (lib/cases/when.ts, where a time is when to be reminded).
 *
 * chrono-node does the general work (with two parsers of ours, time-phrase-chrono.ts: "a las
 * 17h", "la próxima semana"); the phrases it gets wrong or does not know are handled here first:
 * ranges ("2–4 hours" → the upper bound), business days, end of day / EOD, end of the week,
 * "first thing", Spanish "pasado mañana", and parts of the day ("mañana por la mañana" is
 * tomorrow morning, which chrono-es reads as just "tomorrow"). A day of the month without its
 * month ("on the 12th", "el día 12") is the next one to come (time-phrase-chrono.ts). Numbers
 * before the unit of an amount ("de 10 a 12 unidades", "10 to 12 units") are not hours: see
 * withoutAmounts.
 *
 * An hour said without am/pm ("tomorrow at 3", "te llamamos a las 5") is read as the agent
 * means it: see clockTime. A range of clock times ("between 2 and 4pm", "entre las 9 y las 14h")
 * is a deadline at its end and a reminder at its start: see clockRange.
 *
 * "Tomorrow" said in the small hours, before NEW_DAY_HOUR, is the day that is starting: someone
 * still up at 01:00 who writes "I'll get back to you tomorrow" means later today, after sleep.
 */
import type * as chrono from 'chrono-node';
import { DAY_WORDS, ES_BARE_DAY_OF_MONTH, MONTH_WORDS, NEW_DAY_HOUR, WORD, chronoEn, chronoEs } from './time-phrase-chrono';
import {
  type BusinessHours,
  type Wall,
  HOUR,
  addBusinessDays,
  addWallDays,
  fromWall,
  isBusinessDay,
  toWall,
} from './clock';

export { NEW_DAY_HOUR };
export type Lang = 'en' | 'es';

const BOUNDARY = String.raw`(?:(?<!${WORD})(?=${WORD})|(?<=${WORD})(?!${WORD}))`;
/**
 * The same pattern with Unicode word boundaries and `\w`: JavaScript's `\b` treats "á" as a
 * non-letter, so /\bllamará\b/ never matches "te llamará mañana".
 */
export function u(re: RegExp): RegExp {
  const source = re.source.replaceAll(String.raw`\b`, BOUNDARY).replaceAll(String.raw`\w`, WORD);
  return new RegExp(source, re.flags.includes('u') ? re.flags : re.flags + 'u');
}
export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export interface TimeResult {
  date: Date;
  /** The words that gave the time. */
  matched: string;
  /** 'duration' "in 2 hours"; 'clock' an explicit hour; 'day' a day without hour; 'vague' "soon". */
  precision: 'duration' | 'clock' | 'day' | 'vague';
  /** A duration counted in calendar days that keeps the time of day ("3 business days"). */
  wall?: boolean;
}

export interface ResolveOptions {
  offset: number;
  businessHours: BusinessHours;
  /**
   * 'deadline': a day without hour means the close of business that day, a part of the day its
   * end ("this afternoon" → 18:00). 'start': the opening hour, a part of the day its start.
   */
  mode: 'deadline' | 'start';
  /** Language to try first; the other one is tried next. */
  lang?: Lang;
  /**
   * The zone's offset at any instant (clock.ts offsetAt). With it, a wall-clock answer ("tomorrow
   * 10am", "Monday", "in 3 business days") that lands across a DST change keeps its wall time;
   * without it, `offset` holds for the whole calculation.
   */
  offsetFor?: (instant: Date) => number;
}

const PART_HOURS: Record<'deadline' | 'start', Record<PartOfDay, number>> = {
  deadline: { morning: 12, afternoon: 18, evening: 21 },
  start: { morning: 9, afternoon: 15, evening: 19 },
};

const NUMBER_WORDS: Record<string, number> = {
  a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, ten: 10,
  un: 1, una: 1, uno: 1, dos: 2, tres: 3, cuatro: 4, cinco: 5, seis: 6, siete: 7, diez: 10,
  couple: 2, few: 3,
};
const NUM = String.raw`(\d{1,3}|an?|one|two|three|four|five|six|seven|ten|un[ao]?|dos|tres|cuatro|cinco|seis|siete|diez)`;
const toNumber = (s: string) => NUMBER_WORDS[s.toLowerCase()] ?? Number(s);

const SPANISH_HINT =
  u(/[ñ¿¡]|\b(te|le|os|nos|los|las|del|en|por|para|mañana|hoy|horas?|días?|semana|antes|próxim[oa]s?|llam\w+|escrib\w+|lunes|martes|miércoles|jueves|viernes|sábado|domingo|tarde|noche)\b/gi);
const ENGLISH_HINT =
  u(/\b(we|you|the|to|will|in|by|within|hours?|days?|tomorrow|today|tonight|next|monday|tuesday|wednesday|thursday|friday|call|get|back|i'll|we'll)\b/gi);

export function guessLanguage(text: string): Lang {
  const es = text.match(SPANISH_HINT)?.length ?? 0;
  const en = text.match(ENGLISH_HINT)?.length ?? 0;
  return es > en ? 'es' : 'en';
}

/** "2–4 hours" / "2 to 4 hours" / "entre 2 y 4 horas" / "24-48h" → the upper bound alone. */
export function upperBoundRanges(text: string): string {
  return text.replace(
    /\b(?:entre\s+)?(\d{1,3})\s*(?:-|–|—|to|or|a|o|y)\s*(\d{1,3})(?=\s*(?:h\b|hrs?\b|hours?|horas?|min|days?|días?|business|working|weeks?|semanas?))/gi,
    (_m, _a: string, b: string) => b,
  );
}

/** Said in the small hours, before NEW_DAY_HOUR: "tomorrow" is the coming daytime. */
function inSmallHours(ref: Date, o: ResolveOptions): boolean {
  return toWall(ref, o.offset).hour < NEW_DAY_HOUR;
}

/** Noon and midnight as one end of a range: "between noon and 2pm", "entre el mediodía y las 14h". */
const NOON = String.raw`(?:12\s+)?(?:noon|midday)|(?:el\s+)?mediod[íi]a`;
const MIDNIGHT = String.raw`midnight|(?:la\s+)?medianoche`;
/** One end of a range: "2", "4pm", "10:30", "14h", "9h30", "las 12", "noon", "medianoche". */
const RANGE_TIME = String.raw`(?:(?:las?\s+)?\d{1,2}(?:[:.]\d{2})?(?:\s*(?:am|pm|horas|hrs?|h(?:\d{2})?))?|${NOON}|${MIDNIGHT})(?!${WORD})`;
/** The unit of a count or a sum: "10-20 €", "2-4 items", "de 10 a 12 unidades", "3-4 times". */
const AMOUNT_UNIT =
  String.raw`(?:[%€$£]|(?:euros?|dólares|dolares|dollars?|usd|eur|pounds?|libras?|items?|units?|unidades?|pieces?|piezas?|people|persons?|personas?|times|veces|kg|kilos?|cm|mm|km|packages?|paquetes?|bultos?|boxes|cajas?|orders?|pedidos?|options?|opciones|products?|productos?|articles?|artículos?|articulos?)(?!${WORD}))`;
/** What follows two numbers that are not clock times: "2-4 hours", "10-12 March", "10-20 €". */
const NOT_CLOCK_AFTER =
  String.raw`\s*(?:[-–/.:]?\d|${AMOUNT_UNIT}|(?:hours?|horas?|hrs?|h|mins?|minutes?|minutos?|secs?|seconds?|segundos?|days?|días?|dias?|weeks?|semanas?|months?|mes(?:es)?|years?|años?|business|working|hábiles|habiles|laborables|(?:of|de)\s+(?:${MONTH_WORDS})|${MONTH_WORDS}|st|nd|rd|th)(?!${WORD}))`;
/**
 * A number, or a range of them, before the unit of an amount: "de 10 a 12 unidades", "10 to 12
 * units", "12 €". clockRange does not take it (NOT_CLOCK_AFTER), but chrono would: its time
 * parsers read "de 10 a 12", "10 to 12" and "mañana 12" as hours. resolveTimePhrase takes it out
 * of the phrase first. (A range of hours or days is a duration: upperBoundRanges.)
 */
const AMOUNT = new RegExp(
  String.raw`(?<![\p{L}\p{N}_:.,])\d+(?:[.,]\d+)?(?:\s*(?:[-–—]|to|or|and|a|o|y|hasta)\s*\d+(?:[.,]\d+)?)?(?=\s*${AMOUNT_UNIT})`,
  'giu',
);
const withoutAmounts = (text: string) => text.replace(AMOUNT, '');
const CLOCK_RANGE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_:./#º-])(?:(between|from|entre|de|desde)\s+)?(${RANGE_TIME})(\s*[-–—]\s*|\s+(?:and|to|till|until|through|thru|y|a|hasta)\s+)(${RANGE_TIME})(?!${NOT_CLOCK_AFTER})`,
  'giu',
);
/** A day just before the range: "tomorrow 9–5", "by Friday between 10-12", "mañana de 9 a 14h". */
const DAY_BEFORE = new RegExp(String.raw`(?<!${WORD})(?:${DAY_WORDS})(?:\s+(?:morning|afternoon|evening|(?:por|de|en) la (?:mañana|tarde|noche)))?\s*,?\s*$`, 'iu');
/** What may come just before a bare "9–5" for it to be clock times: "call you 9–5", "around 2-3". */
const CLOCK_WORD_BEFORE = new RegExp(
  String.raw`(?:^|(?<!${WORD})(?:at|around|about|approx(?:imately)?|by|until|till|you|us|me|hacia|sobre|hasta|te|le|os|nos|[.!?:;]))\s*$`,
  'iu',
);
/** What may follow a range of bare numbers for them to be clock times: "between 10 and 12.", "9–5 tomorrow". */
const CLOCK_AFTER = new RegExp(
  String.raw`^\s*(?:$|[.,;!?)\]]|(?:${DAY_WORDS}|on|this|next|o'?clock|en punto|el|este|esta|in the (?:morning|afternoon|evening)|(?:de|por) la (?:mañana|tarde|noche)|local|cet|cest|gmt|utc)(?!${WORD}))`,
  'iu',
);
/** Just before a number that is a day of the month: "el día 12", "el 12", "del 3". */
const DAY_OF_MONTH_BEFORE = new RegExp(String.raw`(?<!${WORD})(?:el|del|d[íi]a)\s+$`, 'iu');
const SAID_TIME = /^(?:(las?)\s+)?(\d{1,2})(?:[:.](\d{2}))?(?:\s*(am|pm|horas|hrs?|h)(\d{2})?)?$/iu;

interface SaidTime {
  /** The hours (0–24) it can be: [14] for "2pm" or "14h", [2, 14] for a bare "2". */
  hours: number[];
  minute: number;
  /** Said with am/pm, minutes or "las": a clock time, whatever follows. */
  clockLike: boolean;
  /** Said with "h" / "horas" alone, which is also how durations are written ("24-48h"). */
  hourSuffix: boolean;
}

const SAID_NOON = new RegExp(String.raw`^(?:${NOON})$`, 'iu');
const SAID_MIDNIGHT = new RegExp(String.raw`^(?:${MIDNIGHT})$`, 'iu');

function saidTime(s: string): SaidTime | null {
  // Midnight starts a day ("from midnight to 2am") and ends one ("10pm to midnight"): 0 or 24.
  if (SAID_NOON.test(s.trim())) return { hours: [12], minute: 0, clockLike: true, hourSuffix: false };
  if (SAID_MIDNIGHT.test(s.trim())) return { hours: [0, 24], minute: 0, clockLike: true, hourSuffix: false };
  const m = SAID_TIME.exec(s.trim());
  if (!m) return null;
  const hour = Number(m[2]);
  const minute = Number(m[3] ?? m[5] ?? 0);
  const suffix = m[4]?.toLowerCase();
  if (hour > 24 || minute > 59 || (hour === 24 && minute > 0)) return null;
  const meridiem = suffix === 'am' || suffix === 'pm';
  if (meridiem && (hour < 1 || hour > 12)) return null;
  const hours =
    suffix === 'am' ? [hour % 12]
    : suffix === 'pm' ? [(hour % 12) + 12]
    : suffix || hour === 0 || hour > 12 || /^0\d/.test(m[2]!) ? [hour]
    : [hour % 12, (hour % 12) + 12];
  return { hours, minute, clockLike: meridiem || m[3] !== undefined || m[1] !== undefined, hourSuffix: !!suffix && !meridiem };
}

interface ClockRange {
  /**
   * The phrase with the range replaced by its end as a 24-hour time: "tomorrow at 16:00",
   * "mañana las 14:00" (not "a las": after a number chrono-es reads "12 a" as 12 a.m.).
   */
  text: string;
  start: { hour: number; minute: number };
  end: { hour: number; minute: number };
  /** The end is on the day after the start ("10pm–2am"). */
  overnight: boolean;
}

/**
 * A range of clock times in the phrase: "between 2 and 4pm", "from 9 till 5", "2-4pm", "10:00–12:30",
 * "between noon and 2pm", "10pm to midnight",
 * "by Friday between 10-12", "9–5", "entre las 9 y las 14h", "de 10 a 12", "desde las 10 hasta las
 * 12". A time without am/pm takes its half of the day from the other end ("2 and 4pm" is 14–16,
 * "9–5" is 09–17, "10am to 2" is 10–14) or, when neither says, from the part of the day and then
 * the business hours, as a single hour does (clockTime): "between 2 and 4" is 14–16.
 *
 * Bare numbers ("de 10 a 12") are clock times only next to a day ("mañana de 10 a 12") or at the
 * end of the sentence; with "h" alone ("de 9 a 14h") only next to a day, since "24-48h" and "en un
 * plazo de 2 a 4h" are durations (upperBoundRanges). Counts, sums and dates are not ranges ("2-3
 * options", "10-20 €", "10-12 March").
 */
function clockRange(text: string, o: Pick<ResolveOptions, 'businessHours'>): ClockRange | null {
  for (const m of text.matchAll(CLOCK_RANGE)) {
    const [whole, prefix, first, separator, second] = m as unknown as [string, string | undefined, string, string, string];
    const a = saidTime(first);
    const b = saidTime(second);
    if (!a || !b) continue;
    const before = text.slice(0, m.index);
    const after = text.slice(m.index + whole.length);
    // "el día 12 a las 10", "el 12 a las 10": a day of the month, then the hour.
    if (!prefix && DAY_OF_MONTH_BEFORE.test(before)) continue;
    const dayBefore = DAY_BEFORE.test(before);
    if (!a.clockLike && !b.clockLike && !dayBefore) {
      const hClock = (a.hourSuffix || b.hourSuffix) && afternoonHClock(prefix, before, a, b);
      if (!hClock && (a.hourSuffix || b.hourSuffix || !CLOCK_AFTER.test(after))) continue;
      // Bare "3-4" after a word is too often a count or a number ("order 3-4 tomorrow").
      if (!prefix && !(/[-–—]/.test(separator) && CLOCK_WORD_BEFORE.test(before))) continue;
    }
    const pair = rangeHours(a, b, partOfDay(text), o.businessHours);
    if (!pair) continue;
    const [start, end] = pair;
    // 24:00 is the last minute of the day.
    const endAt = end.hour === 24 ? { hour: 23, minute: 59 } : end;
    const clock = `${String(endAt.hour).padStart(2, '0')}:${String(endAt.minute).padStart(2, '0')}`;
    const lead = /^(?:between|from)$/i.test(prefix ?? '') ? 'at ' : prefix ? 'las ' : '';
    return {
      text: text.slice(0, m.index) + lead + clock + after,
      start: { hour: start.hour % 24, minute: start.minute },
      end: endAt,
      overnight: start.hour * 60 + start.minute >= end.hour * 60 + end.minute,
    };
  }
  return null;
}

/** Words after which "de 2 a 4h" is how long something takes: "tarda", "en un plazo", "within". */
const DURATION_BEFORE = new RegExp(
  String.raw`(?<!${WORD})(?:en|plazo|dentro|tarda\p{L}*|dura\p{L}*|lleva\p{L}*|within|in|takes?|taking|lasts?|about|around|unas|aprox\p{L}*)\s*$`,
  'iu',
);

/**
 * "Te llamaremos de 16 a 18h", "un técnico pasará de 8 a 14h": with "de / entre / desde / from /
 * between" before it, not after a duration word, and an afternoon hour in it (an end of 13 or
 * more, none past 24), "h" is the 24-hour clock; "en un plazo de 24 a 48h" and "tarda de 2 a 4h"
 * stay durations (upperBoundRanges).
 */
function afternoonHClock(prefix: string | undefined, before: string, a: SaidTime, b: SaidTime): boolean {
  if (!prefix || DURATION_BEFORE.test(before)) return false;
  const hours = [...a.hours, ...b.hours];
  return Math.max(...hours) >= 13 && Math.max(...hours) <= 24;
}

/** `x` sorts before `y`, comparing element by element. */
function sortsBefore(x: number[], y: number[]): boolean {
  const i = x.findIndex((v, j) => v !== y[j]);
  return i >= 0 && x[i]! < y[i]!;
}

/**
 * The hours of a range's two ends: of the readings that keep the start before the end, the one
 * that agrees with the part of the day said, then nearest business hours, then the shortest,
 * then the afternoon one. Across midnight only when both ends say so ("10pm–2am").
 */
function rangeHours(
  a: SaidTime,
  b: SaidTime,
  part: PartOfDay | null,
  bh: BusinessHours,
): [{ hour: number; minute: number }, { hour: number; minute: number }] | null {
  const conflicts = (t: SaidTime, hour: number) =>
    t.hours.length > 1 && part !== null && (part === 'morning' ? hour >= 12 : hour < 12) ? 1 : 0;
  let best: { a: number; b: number; key: number[] } | null = null;
  for (const ha of a.hours) {
    for (const hb of b.hours) {
      const span = hb * 60 + b.minute - (ha * 60 + a.minute);
      if (span <= 0) continue;
      const key = [conflicts(a, ha) + conflicts(b, hb), outsideHours(ha, bh) + outsideHours(hb, bh), span, -ha];
      if (!best || sortsBefore(key, best.key)) best = { a: ha, b: hb, key };
    }
  }
  if (best) return [{ hour: best.a, minute: a.minute }, { hour: best.b, minute: b.minute }];
  if (a.hours.length === 1 && b.hours.length === 1) return [{ hour: a.hours[0]!, minute: a.minute }, { hour: b.hours[0]!, minute: b.minute }];
  return null;
}

export function partOfDay(text: string): PartOfDay | null {
  const t = text.toLowerCase();
  if (/\b(tonight|this evening|in the evening|evening)\b|\b(esta|por la|en la|de la) noche\b/.test(t)) return 'evening';
  if (/\bafternoon\b|\b(esta|por la|en la|de la) tarde\b/.test(t)) return 'afternoon';
  if (/\bmorning\b|\b(por|en|de) la mañana\b|\besta mañana\b|\bmañana temprano\b/.test(t)) return 'morning';
  return null;
}

/** Last working day of the week `w` falls in (the week ending on Sunday), at closing time. */
function endOfWeek(w: Wall, offset: number, bh: BusinessHours): Date {
  let last = w;
  for (let i = 1; i <= 7 - (w.weekday === 0 ? 7 : w.weekday); i++) {
    const d = addWallDays(w, i);
    if (isBusinessDay(d, bh)) last = d;
  }
  return fromWall(last, bh.end, 0, offset);
}

type Special = (m: RegExpExecArray, ref: Date, o: ResolveOptions) => TimeResult | null;

/** Phrases handled before chrono, in order. */
const SPECIALS: { re: RegExp; resolve: Special }[] = [
  {
    // "3 business days", "2 working days", "5 días hábiles", "3 días laborables"
    re: u(new RegExp(String.raw`\b${NUM}\s+(?:business|working)\s+days?\b|\b${NUM}\s+días?\s+(?:hábiles|laborables)\b`, 'i')),
    resolve: (m, ref, o) => {
      const n = toNumber((m[1] ?? m[2])!);
      return { date: addBusinessDays(ref, n, o.offset, o.businessHours), matched: m[0], precision: 'duration', wall: true };
    },
  },
  {
    // End of (business) day: EOD, COB, "close of business", "a lo largo del día", "hoy mismo"
    re: u(/\b(?:end of (?:the |business |the business )?day|eod|cob|close of (?:business|play)|end of today|al final del día|antes de que (?:acabe|termine) el día|a lo largo del (?:día|de hoy)|hoy mismo|durante el día de hoy|durante el día|antes del cierre)\b/i),
    resolve: (m, ref, o) => {
      const close = fromWall(toWall(ref, o.offset), o.businessHours.end, 0, o.offset);
      // Promised "today" after closing: still today, before midnight.
      const date = close > ref ? close : fromWall(toWall(ref, o.offset), 23, 59, o.offset);
      return { date: date > ref ? date : new Date(ref.getTime() + HOUR), matched: m[0], precision: 'day' };
    },
  },
  {
    re: u(/\b(?:(?:by |before )?(?:the )?end of (?:the |this )?week|later this week|this week|(?:a |para )?finales de (?:esta )?semana|antes del fin de semana|esta semana|a lo largo de la semana)\b/i),
    resolve: (m, ref, o) => {
      const w = toWall(ref, o.offset);
      let date = endOfWeek(w, o.offset, o.businessHours);
      if (date <= ref) date = endOfWeek(addWallDays(w, 7 - w.weekday + 1), o.offset, o.businessHours);
      return { date, matched: m[0], precision: 'day' };
    },
  },
  {
    re: u(/\b(?:pasado mañana|(?:the )?day after tomorrow)\b/i),
    resolve: (m, ref, o) => {
      const part = partOfDay(m.input.replace(m[0], ''));
      const hour = part ? PART_HOURS[o.mode][part] : o.mode === 'deadline' ? o.businessHours.end : o.businessHours.start;
      const days = inSmallHours(ref, o) ? 1 : 2;
      return { date: fromWall(addWallDays(toWall(ref, o.offset), days), hour, 0, o.offset), matched: m[0], precision: 'day' };
    },
  },
  {
    // "first thing (tomorrow / Friday / in the morning)", "el lunes a primera hora", "a primera
    // hora (de mañana)": the opening hour of the day the rest of the sentence names, or of the
    // next working day to come.
    re: u(/\bfirst thing(?: in the morning)?|\ba primera hora(?: de la mañana| del día)?/i),
    resolve: (m, ref, o) => {
      const bh = o.businessHours;
      const w = toWall(ref, o.offset);
      const rest = `${m.input.slice(0, m.index)} ${m.input.slice(m.index + m[0].length)}`;
      let day = namedDay(rest, ref, o);
      if (!day) {
        // No day named: the next opening to come, on a working day (Friday evening → Monday).
        day = w.hour >= bh.start ? addWallDays(w, 1) : w;
        for (let i = 0; i < 6 && bh.days.length && !isBusinessDay(day, bh); i++) day = addWallDays(day, 1);
      }
      // "First thing" is a deadline an hour after opening; as a reminder, the opening itself.
      const hour = o.mode === 'deadline' ? bh.start + 1 : bh.start;
      return { date: fromWall(day, hour, 0, o.offset), matched: m[0], precision: 'clock' };
    },
  },
  {
    re: u(/\b(?:soon|shortly|asap|as soon as possible|right away|in a (?:bit|moment|minute|sec)|momentarily|en breve|lo antes posible|cuanto antes|enseguida|en seguida|en un momento|en un rato|ahora mismo)\b/i),
    resolve: (m, ref) => ({ date: new Date(ref.getTime() + HOUR), matched: m[0], precision: 'vague' }),
  },
];

function chronoFor(lang: Lang): chrono.Chrono {
  return lang === 'es' ? chronoEs : chronoEn;
}

function languages(text: string, o: ResolveOptions): Lang[] {
  const first = o.lang ?? guessLanguage(text);
  return first === 'es' ? ['es', 'en'] : ['en', 'es'];
}

function parse(text: string, lang: Lang, ref: Date, o: ResolveOptions): chrono.ParsedResult[] {
  const input = lang === 'es' ? spanishDayFixes(text) : text;
  return chronoFor(lang).parse(input, { instant: ref, timezone: o.offset }, { forwardDate: true });
}

/** The result names a day ("mañana", "Friday", "el 15"), not only a time. */
function hasDay(r: chrono.ParsedResult): boolean {
  return r.start.isCertain('day') || r.start.isCertain('weekday');
}

/**
 * The day a phrase names, if any ("Te escribimos el lunes" → Monday); "next week" names its
 * Monday. Durations in hours do not count.
 */
function namedDay(text: string, ref: Date, o: ResolveOptions): Wall | null {
  for (const lang of languages(text, o)) {
    const hit = parse(text, lang, ref, o).find((r) => hasDay(r) && !r.tags().has('result/relativeDateAndTime'));
    if (!hit) continue;
    const w = toWall(hit.date(), o.offset);
    return hit.tags().has('result/relativeDate') && u(/\b(?:week|semana)\b/i).test(hit.text)
      ? addWallDays(w, 1 - (w.weekday || 7))
      : w;
  }
  return null;
}

/**
 * chrono's Spanish reads "por la mañana" as tomorrow, and "el próximo viernes" as Friday of next
 * week; people mean the coming Friday (as chrono's English does for "next friday"). A bare "el
 * 12" that is a date becomes "el día 12" (time-phrase-chrono.ts reads that).
 */
function spanishDayFixes(text: string): string {
  return text
    .replace(ES_BARE_DAY_OF_MONTH, '$1 día $2')
    .replace(u(/\b(por|en|de) la mañana\b/gi), ' ')
    .replace(u(/\bpróximo (lunes|martes|miércoles|jueves|viernes|sábado|domingo)\b/gi), '$1');
}

function dayAt(date: Date, hour: number, o: ResolveOptions): Date {
  return fromWall(toWall(date, o.offset), hour, 0, o.offset);
}

/** "a las 3 de la madrugada": the small hours, a.m. */
const SMALL_HOURS = u(/\b(?:madrugada|early hours)\b/i);

/** Hours outside business hours: 0 within them, 2 for 19:00 when they end at 17. */
function outsideHours(hour: number, bh: BusinessHours): number {
  return hour < bh.start ? bh.start - hour : hour > bh.end ? hour - bh.end : 0;
}

/**
 * The hours "3" can mean: 3 and 15 when nothing says which. chrono's meridiem is certain for
 * "3pm", "15:00", "a las 17h", "tonight at 8"; a part of the day decides too ("a las 4 de la
 * tarde", "tomorrow morning at 8"), and so does the 24-hour "09:00".
 */
function hourReadings(hour: number, timed: chrono.ParsedResult, text: string): number[] {
  if (hour < 1 || hour > 11 || timed.start.isCertain('meridiem')) return [hour];
  if (/(?<!\d)0\d[:.h]/.test(timed.text)) return [hour];
  const part = partOfDay(text);
  if (part === 'afternoon' || part === 'evening') return [hour + 12];
  if (part === 'morning' || SMALL_HOURS.test(text)) return [hour];
  return [hour, hour + 12];
}

/**
 * The instant of a clock time: `timed` gives the hour, `dayResult` the day if it names one
 * (else today, or tomorrow once the time has passed). An hour without am/pm is read as the
 * agent means it: of the readings still ahead, the one nearest business hours ("tomorrow at 3"
 * → 15:00, "tomorrow at 9" → 09:00 when they open at 9, "today at 6" → 18:00, "at 10" said at
 * 15:00 → tomorrow 10:00); on a tie the afternoon one ("at 7" with 09–17 hours → 19:00).
 */
function clockTime(timed: chrono.ParsedResult, dayResult: chrono.ParsedResult, text: string, ref: Date, o: ResolveOptions): Date {
  const t = toWall(timed.date(), o.offset);
  const fixed = hasDay(dayResult);
  const base = toWall(fixed ? dayResult.date() : ref, o.offset);
  const days = fixed ? [base] : [base, addWallDays(base, 1)];
  const candidates = days.flatMap((d) =>
    hourReadings(t.hour, timed, text).map((hour) => ({ hour, date: fromWall(d, hour, t.minute, o.offset) })),
  );
  const ahead = candidates.filter((c) => c.date > ref);
  if (!ahead.length) return candidates.at(-1)!.date;
  const score = (c: { hour: number }) => outsideHours(c.hour + t.minute / 60, o.businessHours);
  ahead.sort(
    (a, b) => score(a) - score(b) || Number(b.hour >= 12) - Number(a.hour >= 12) || a.date.getTime() - b.date.getTime(),
  );
  return ahead[0]!.date;
}

/**
 * The instant a phrase points at, relative to `ref`, or null when it names no time. Results at
 * or before `ref` are moved to one hour after `ref` (a deadline is never already past).
 */
export function resolveTimePhrase(text: string, ref: Date, o: ResolveOptions): TimeResult | null {
  // "de 10 a 12 unidades" is an amount, not 10:00–12:00.
  const said = withoutAmounts(text.replace(/\b([ap])\.m\./gi, '$1m'));
  // A range of clock times is read at its end ("between 2 and 4pm" → 16:00)…
  const range = clockRange(said, o);
  const result = resolveRaw(upperBoundRanges(range?.text ?? said), ref, o);
  if (!result) return null;
  if (range && o.mode === 'start' && result.precision === 'clock') {
    // …which is a promise's deadline; a reminder is at its start, or at its end once the
    // window has begun ("between 2 and 4pm" typed at 15:00: at 16:00, not tomorrow at 14:00).
    const end = toWall(result.date, o.offset);
    if (end.hour === range.end.hour && end.minute === range.end.minute) {
      const day = range.overnight ? addWallDays(end, -1) : end;
      const start = fromWall(day, range.start.hour, range.start.minute, o.offset);
      if (start > ref) result.date = start;
    }
  }
  if (o.offsetFor && (result.precision === 'clock' || result.precision === 'day' || result.wall)) {
    // Worked out at the reference's offset; on the far side of a DST change the clock is an
    // hour apart, so move the instant back to the wall time that was meant.
    const there = o.offsetFor(result.date);
    if (there !== o.offset) result.date = new Date(result.date.getTime() + (o.offset - there) * 60_000);
  }
  if (result.date <= ref) result.date = new Date(ref.getTime() + HOUR);
  return result;
}

function resolveRaw(text: string, ref: Date, o: ResolveOptions): TimeResult | null {
  for (const s of SPECIALS) {
    const m = s.re.exec(text);
    if (m) {
      const r = s.resolve(m, ref, o);
      if (r) return r;
    }
  }
  const part = partOfDay(text);
  const partHour = part ? PART_HOURS[o.mode][part] : null;
  for (const lang of languages(text, o)) {
    const results = parse(text, lang, ref, o);
    // chrono can split "el jueves por la tarde"; the first result carries the day.
    const r = results[0];
    if (!r) continue;
    const tags = r.tags();
    const matched = results.map((x) => x.text).join(' ');
    if (tags.has('result/relativeDateAndTime') || tags.has('result/relativeDate')) {
      // "in 3 days", "next week", "en una semana" count calendar days and keep the time of day.
      const wall = !tags.has('result/relativeDateAndTime');
      return { date: r.date(), matched, precision: 'duration', ...(wall && { wall }) };
    }
    // A clock time in any of the results ("mañana antes de las 12" → mañana + las 12), noon
    // and midnight included ("mañana a mediodía"), on the day any of them names ("open 9 to 5,
    // we'll call you tomorrow": tomorrow).
    const timed = results.find(
      (x) => x.start.isCertain('hour') || x.tags().has('casualReference/noon') || x.tags().has('casualReference/midnight'),
    );
    if (timed) {
      const dayResult = hasDay(timed) ? timed : (results.find(hasDay) ?? r);
      return { date: clockTime(timed, dayResult, text, ref, o), matched, precision: 'clock' };
    }
    // "this morning" / "esta mañana" names no day: chrono's forwardDate makes it tomorrow's as
    // soon as its start (06:00) has passed.
    if (part && !hasDay(r)) return { date: partOfDayAhead(part, text, ref, o), matched, precision: 'day' };
    const hour = partHour ?? (o.mode === 'deadline' ? o.businessHours.end : o.businessHours.start);
    return { date: dayAt(r.date(), hour, o), matched, precision: 'day' };
  }
  if (part) return { date: partOfDayAhead(part, text, ref, o), matched: part, precision: 'day' };
  return null;
}

const THIS_PART = u(/\b(?:this (?:morning|afternoon|evening)|tonight|esta (?:mañana|tarde|noche))\b/i);

/**
 * A part of the day without a day ("this afternoon", "por la mañana"): today's, or tomorrow's once
 * it is over ("in the morning" said at 15:00). A reminder for a part already begun is at its end
 * ("this afternoon" typed at 16:00: 18:00), as for a range of clock times. As a deadline, "this
 * afternoon" / "esta tarde" stays today's even once over (resolveTimePhrase: an hour from now).
 */
function partOfDayAhead(part: PartOfDay, text: string, ref: Date, o: ResolveOptions): Date {
  const date = dayAt(ref, PART_HOURS[o.mode][part], o);
  if (date > ref) return date;
  const end = dayAt(ref, PART_HOURS.deadline[part], o);
  if (end > ref || (o.mode === 'deadline' && THIS_PART.test(text))) return end;
  return dayAt(new Date(ref.getTime() + 24 * HOUR), PART_HOURS[o.mode][part], o);
}
