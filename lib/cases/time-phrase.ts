/**
 * Turns the time part of an English or Spanish phrase into an instant. Shared by promise
 * detection (lib/cases/promises.ts, where a time is a deadline) and the manual follow-up field
 * (lib/cases/when.ts, where a time is when to be reminded).
 *
 * chrono-node does the general work (with two parsers of ours, time-phrase-chrono.ts: "a las
 * 17h", "la próxima semana"); the phrases it gets wrong or does not know are handled here first:
 * ranges ("2–4 hours" → the upper bound), business days, end of day / EOD, end of the week,
 * "first thing", Spanish "pasado mañana", and parts of the day ("mañana por la mañana" is
 * tomorrow morning, which chrono-es reads as just "tomorrow").
 *
 * An hour said without am/pm ("tomorrow at 3", "te llamamos a las 5") is read as the agent
 * means it: see clockTime.
 */
import type * as chrono from 'chrono-node';
import { chronoEn, chronoEs } from './time-phrase-chrono';
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

export type Lang = 'en' | 'es';

const WORD = String.raw`[\p{L}\p{N}_]`;
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

export function partOfDay(text: string): PartOfDay | null {
  const t = text.toLowerCase();
  if (/\b(tonight|this evening|in the evening|evening)\b|\b(esta|por la|en la|de la) noche\b/.test(t)) return 'evening';
  if (/\bafternoon\b|\b(esta|por la|en la|de la) tarde\b/.test(t)) return 'afternoon';
  if (/\bmorning\b|\b(por|en|de) la mañana\b|\bmañana temprano\b/.test(t)) return 'morning';
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
      return { date: fromWall(addWallDays(toWall(ref, o.offset), 2), hour, 0, o.offset), matched: m[0], precision: 'day' };
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
 * week; people mean the coming Friday (as chrono's English does for "next friday").
 */
function spanishDayFixes(text: string): string {
  return text
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
  const clean = upperBoundRanges(text.replace(/\b([ap])\.m\./gi, '$1m'));
  const result = resolveRaw(clean, ref, o);
  if (!result) return null;
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
    // and midnight included ("mañana a mediodía").
    const timed = results.find(
      (x) => x.start.isCertain('hour') || x.tags().has('casualReference/noon') || x.tags().has('casualReference/midnight'),
    );
    if (timed) {
      const dayResult = hasDay(timed) ? timed : r;
      return { date: clockTime(timed, dayResult, text, ref, o), matched, precision: 'clock' };
    }
    const hour = partHour ?? (o.mode === 'deadline' ? o.businessHours.end : o.businessHours.start);
    return { date: dayAt(r.date(), hour, o), matched, precision: 'day' };
  }
  if (partHour !== null) {
    // "this afternoon" without a day: today, or tomorrow once that part of the day has passed.
    let date = dayAt(ref, partHour, o);
    if (date <= ref && o.mode === 'start') date = dayAt(new Date(ref.getTime() + 24 * HOUR), partHour, o);
    return { date, matched: part!, precision: 'day' };
  }
  return null;
}
