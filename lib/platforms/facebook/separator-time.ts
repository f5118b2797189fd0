/**
 * Messenger / Business Suite time separators between message groups → ISO time. Forms seen:
 * "10:02", "Today 10:02", "Yesterday at 18:30", "Mon 10:02", "Mar 2, 2026, 18:20",
 * "12 March 2026, 10:02", "March 12, 10:02 AM", Spanish "Hoy 10:02", "Ayer a las 18:30",
 * "lun. 10:02", "12 de marzo de 2026, 10:02", French "Aujourd'hui 10:02", "Hier à 18 h 30",
 * "lun. 10:02", "1er mars 2026 à 10:02". The page shows them in the viewer's timezone, which is
 * the content script's local time, so dates are built with local-time fields.
 *
 * Resolved against `now`: a bare time is today; a weekday is the most recent such day before
 * today (1–7 days back: Messenger says "Today" for today); a date without a year is the most
 * recent one not after now; a date with a year is taken as written. Anything else → null
 * (a wrong time is worse than none). No chrono: this ships in the content script.
 */
const WEEKDAYS = [
  /^(sun(day)?|dom(ingo)?|dim(anche)?)$/,
  /^(mon(day)?|lun(es|di)?)$/,
  /^(tue(s(day)?)?|mar(tes|di)?)$/,
  /^(wed(nesday)?|mi[eé](rcoles)?|miercoles|mer(credi)?)$/,
  /^(thu(rs?(day)?)?|jue(ves)?|jeu(di)?)$/,
  /^(fri(day)?|vie(rnes)?|ven(dredi)?)$/,
  /^(sat(urday)?|s[aá]b(ado)?|sam(edi)?)$/,
];

const MONTHS = [
  /^(jan(uary|v(ier)?)?|ene(ro)?)$/,
  /^(feb(ruary|rero)?|f[eé]v(r(ier)?)?)$/,
  /^mar(ch|zo|s)?$/,
  /^(apr(il)?|abr(il)?|avr(il)?)$/,
  /^(may|mayo|mai)$/,
  /^(june?|junio|juin)$/,
  /^(july?|julio|juil(let)?)$/,
  /^(aug(ust)?|ago(sto)?|ao[uû]t?)$/,
  /^(sept?(ember|iembre|embre)?|set(iembre)?)$/,
  /^oct(ober|ubre|obre)?$/,
  /^nov(ember|iembre|embre)?$/,
  /^(dec(ember)?|dic(iembre)?|d[eé]c(embre)?)$/,
];

const TODAY = /^(today|hoy|aujourd'hui)$/;
const YESTERDAY = /^(yesterday|ayer|hier)$/;
/** Words between the parts: "at", "à", "a las", "de … de", "le". */
const FILLER = /^(at|on|à|a|las|la|de|del|le|el)$/;
/** H:MM / H h MM, optional am/pm ("10:02 AM", "10:02 p. m."). */
const TIME = /(?<!\d)(\d{1,2}) ?[:h] ?(\d{2})(?!\d)(?: ?([ap])\.? ?m\b\.?)?/;

const find = (table: RegExp[], word: string): number => table.findIndex((re) => re.test(word));

/** ISO time of a separator label, or null when it is not one we can resolve. */
export const parseSeparatorTime = (label: string | null | undefined, now: Date | undefined): string | null => {
  if (!label || !now || Number.isNaN(now.getTime())) return null;
  const text = label.toLowerCase().replace(/[\s\u202f]+/g, ' ').replace(/’/g, "'").trim();
  const time = TIME.exec(text);
  if (!time) return null;
  let hour = Number(time[1]);
  const minute = Number(time[2]);
  if (time[3]) {
    if (hour < 1 || hour > 12) return null;
    hour = (hour % 12) + (time[3] === 'p' ? 12 : 0);
  }
  if (hour > 23 || minute > 59) return null;
  const words = (text.slice(0, time.index) + ' ' + text.slice(time.index + time[0].length))
    .split(/[ ,.]+/)
    .filter((w) => w && !FILLER.test(w));
  const at = (y: number, m: number, d: number) => new Date(y, m, d, hour, minute);
  const y = now.getFullYear();
  const m = now.getMonth();
  const d = now.getDate();
  let date: Date | null = null;
  if (words.length === 0 || (words.length === 1 && TODAY.test(words[0]!))) date = at(y, m, d);
  else if (words.length === 1 && YESTERDAY.test(words[0]!)) date = at(y, m, d - 1);
  else if (words.length === 1 && find(WEEKDAYS, words[0]!) >= 0) {
    const back = (now.getDay() - find(WEEKDAYS, words[0]!) + 7) % 7 || 7;
    date = at(y, m, d - back);
  } else {
    // A date: one month word, a day (1–31, "1er", "2nd"), an optional year; weekdays ignored.
    const months = words.filter((w) => find(MONTHS, w) >= 0);
    const month = months.length ? find(MONTHS, months[months.length - 1]!) : -1;
    const numbers = words.filter((w) => /^\d/.test(w));
    const day = numbers.map((w) => /^(\d{1,2})(er|st|nd|rd|th|º)?$/.exec(w)).find(Boolean);
    const year = numbers.find((w) => /^\d{4}$/.test(w));
    const others = words.filter((w) => w !== months[months.length - 1] && !/^\d/.test(w));
    if (month < 0 || !day || numbers.length !== (year ? 2 : 1) || !others.every((w) => find(WEEKDAYS, w) >= 0)) return null;
    const dayOfMonth = Number(day[1]);
    date = at(year ? Number(year) : y, month, dayOfMonth);
    if (date.getMonth() !== month || date.getDate() !== dayOfMonth) return null; // 31 June
    if (!year && date.getTime() > now.getTime()) date = at(y - 1, month, dayOfMonth);
  }
  return date.toISOString();
};
