/**
 * Finds the promises in an agent's outgoing reply ("we'll get back to you tomorrow", "te
 * llamamos mañana") and when each falls due, so Caseside can propose a follow-up. Real case:
 * a manager call-back promised "within 2–4 hours" came 48 hours later (docs/product.md).
 *
 * Rules, sentence by sentence:
 * - A promise needs a commitment: a future form with an agent-side subject ("we'll", "I will",
 *   "someone will", "our team is going to", "you'll hear from us", "expect a reply") or a
 *   Spanish first-person/third-person form ("te llamamos", "te escribiremos", "recibirás").
 * - Not promises: questions, sentences opening with a condition ("if you DM us…", "si nos
 *   envías…"), negations ("we won't be able to call"), past events ("we called you
 *   yesterday", "ya te escribimos"), customer-style first-person plans ("I'll wait").
 * - The due time comes from the sentence (lib/cases/time-phrase.ts, deadline mode): ranges use
 *   the upper bound ("within 2–4 hours", "between 2 and 4pm", "entre las 9 y las 14h": the
 *   promise is kept if done by then), a day without an hour is due at closing time, "end of
 *   day" at closing. "Tomorrow" said before 04:00 is the day then starting (NEW_DAY_HOUR).
 * - Without a time, the default per kind (DEFAULT_DUE_HOURS): dm 1 h, callback 4 h,
 *   update 24 h, generic 24 h.
 * - Timezone: `opts.timezone` (IANA name or minutes east of UTC); the system zone otherwise.
 */
import { type BusinessHours, type TimeZone, DEFAULT_BUSINESS_HOURS, HOUR, offsetAt } from './clock';
import { type Lang, guessLanguage, resolveTimePhrase, u } from './time-phrase';

export type PromiseKind = 'callback' | 'dm' | 'update' | 'generic';

export interface DetectedPromise {
  /** The sentence holding the promise, trimmed (suitable as the follow-up's reason). */
  phrase: string;
  dueAt: Date;
  /** 0–1: 0.9 with an explicit time, 0.7 with the kind's default time. */
  confidence: number;
  kind: PromiseKind;
}
/** The brief's name for the type; `Promise` itself would shadow the global. */
export type { DetectedPromise as Promise };

export interface DetectOptions {
  businessHours?: Partial<BusinessHours>;
  timezone?: TimeZone;
}

export const DEFAULT_DUE_HOURS: Record<PromiseKind, number> = {
  dm: 1,
  callback: 4,
  update: 24,
  generic: 24,
};

// ── English ─────────────────────────────────────────────────────────────────────────────
const EN_SUBJECT = String.raw`(?:we|i|someone|somebody|one of (?:us|our \w+)|(?:a|an|our|the|my)\s+(?:\w+\s+)?(?:colleague|technician|tech|engineer|manager|supervisor|specialist|agent|team(?:\s+member)?|department|advisor|representative|rep|courier|member of (?:our|the) team)|they|he|she)`;
const EN_FUTURE = String.raw`(?:'ll|’ll|\s+will|\s+shall|\s+(?:am|is|are)\s+going\s+to|'(?:m|s|re)\s+going\s+to|’(?:m|s|re)\s+going\s+to|\s+(?:aim|promise|expect|plan)s?\s+to|\s+(?:typically|usually|normally)\s+(?:reply|respond|answer|get back))`;
const EN_COMMIT = u(new RegExp(String.raw`\b${EN_SUBJECT}${EN_FUTURE}\b(.*)$`, 'i'));
/** Forms without an agent subject: "you'll hear from us", "expect a reply", "let me check". */
const EN_OTHER_COMMIT =
  u(/\b(?:you(?:'ll|’ll| will| should| can expect to)\s+(?:hear|receive|get|have)\b|expect (?:a|an|our|to hear)\b|let me (?:check|look|find out|get back|see|dig|confirm)|(?:reply|response|answer|call|update|dm)s? (?:will|should) (?:follow|arrive|come|reach)\b|we aim to|we'll be in touch)(.*)$/i);

const EN_KIND: [PromiseKind, RegExp][] = [
  ['callback', u(/\b(?:call|ring|phone)\s+(?:you|back)\b|\bcall(?:ing)? you\b|\bgive you a (?:call|ring)\b|\b(?:a |the |our )?(?:call|phone call|callback|call-back)\b/i)],
  ['dm', u(/\b(?:dm|dms|direct message|private message|pm)\b|\bmessage you\b|\bin (?:your|the) inbox\b|\bin private\b|\bprivately\b/i)],
  ['update', u(/\bget back to you\b|\bfollow(?:ing)?[ -]up\b|\bupdate\b|\bkeep you (?:posted|updated|informed|in the loop)\b|\blet you know\b|\b(?:reply|respond|answer|write back)\b|\b(?:be|get) in touch\b|\breach out\b|\bcontact you\b|\bhear (?:back )?from\b|\bcome back to you\b|\bcircle back\b|\bemail you\b|\bconfirm\b|\breply\b|\bresponse\b|\bnews\b/i)],
  ['generic', u(/\b(?:look into|look at|check|investigate|escalate|review|fix|sort (?:it|this|that) out|resolve|process|arrange|send|refund|replace|take care|work on|raise|chase|pass (?:it|this) on|find out|see what)\b/i)],
];
/** "I will …" from a customer is a plan, not a promise: for "I" only these count. */
const EN_I_ALLOWED = u(/\b(?:(?:call|ring|phone) (?:you|back)|give you a (?:call|ring)|dm|message you|get back to you|follow[ -]up|update you|keep you|be in touch|get in touch|let you know|reply to you|respond to you|contact you|reach out|email you|look into|investigate|escalate|chase|raise|find out|confirm)\b/i);

/** Right after "we will" / "I'm going to": "we will not call", "we'll never". */
const EN_NEGATED = u(/^\s*(?:not|never|no longer|be unable|not be able)\b/i);
/** Courtesy, not a commitment: "we'll be happy to help over DM", "we'll be glad to assist". */
const EN_COURTESY = u(/^\s*(?:always\s+)?be\s+(?:more than\s+)?(?:happy|glad|pleased|delighted)\s+to\s+(?:help|assist)\b/i);
const EN_CONDITION = u(/^(?:if|unless|should you|in case|once you|when you|as soon as you|provided)\b/i);
const EN_REQUEST = u(/^(?:could|can|would|will|do|did|have|has|are|is|what|when|where|why|how|who)\b[^.]*\byou\b/i);

// ── Spanish ─────────────────────────────────────────────────────────────────────────────
const ES_PRONOUN = String.raw`(?:te|le|os|les|lo|la|nos)`;
const ES_KIND: [PromiseKind, RegExp][] = [
  ['callback', u(new RegExp(String.raw`\b${ES_PRONOUN}\s+(?:llamamos|llamaremos|llamará|llamarán|llamo|llamaré|vamos a llamar|va a llamar|van a llamar|voy a llamar|devolvemos la llamada|devolveremos la llamada|devolverá la llamada)\b|\bllamar(?:te|le|os|les)\b|\b(?:una |la )?llamada\b|\bpor teléfono\b|\btelefónicamente\b`, 'i'))],
  ['dm', u(/\b(?:por|vía|via|en|un|una|al)\s+(?:dm|md|mp|privado|mensaje (?:directo|privado)|inbox|chat privado)\b/i)],
  ['update', u(new RegExp(String.raw`\b${ES_PRONOUN}\s+(?:respondemos|responderemos|responderé|responderá|contestamos|contestaremos|contestaré|escribimos|escribiremos|escribiré|escribo|informamos|informaremos|informaré|avisamos|avisaremos|avisaré|aviso|confirmamos|confirmaremos|confirmaré|decimos|diremos|diré|digo|mantenemos|mantendremos|contactamos|contactaremos|contactará|contactarán|actualizamos|daremos|damos|pondremos al día|enviamos|enviaremos|mandamos|mandaremos)\b|\bnos pon(?:dremos|emos) en contacto\b|\brecibir(?:ás|á|éis|án)\b|\btendr(?:ás|á|éis|án) (?:una |nuestra |)(?:respuesta|noticias|novedades)\b|\b${ES_PRONOUN}?\s*(?:vamos|voy) a (?:responder|contestar|escribir|informar|avisar|confirmar|contactar|decir)\w*\b|\brespuesta\b|\bnoticias\b|\bnovedades\b`, 'i'))],
  ['generic', u(/\b(?:lo |la |le |te |)(?:revisamos|revisaremos|revisaré|miramos|miraremos|miraré|gestionamos|gestionaremos|gestionaré|investigamos|investigaremos|escalamos|escalaremos|escalaré|solucionamos|solucionaremos|resolveremos|tramitamos|tramitaremos|comprobamos|comprobaremos|comprobaré|vemos|veremos)\b|\b(?:vamos|voy) a (?:revisar|mirar|gestionar|investigar|escalar|solucionar|resolver|tramitar|comprobar|ver)\b|\bun técnico\b|\bel equipo\b/i)],
];
const ES_NEGATION = u(/\b(?:no|nunca|jamás)\s+(?:te|le|os|les|lo|la|nos|vamos|podemos|podremos|hemos|es posible|será posible|va)\b|\bno\s+(?:llamaremos|escribiremos|responderemos)\b/i);
const ES_PAST =
  u(/\b(?:ayer|anteayer|anoche|ya|la semana pasada|el (?:mes|año) pasado|el otro día|hace (?:\d+|un|una|unos|unas|dos|tres) \w+|hemos|habíamos|llamamos hace|te llamé|te escribí|te respondí)\b/i);
const ES_CONDITION = u(/^(?:si|en caso de que|cuando (?:nos|me) (?:envíes|mandes|escribas|digas|confirmes)|una vez (?:que )?(?:nos|me))\b/i);
/** Spanish commitments whose subject is the customer are rare; "un técnico te llamará" etc. */
const ES_FUTURE =
  u(/\b\w+(?:aremos|eremos|iremos|ará|erá|irá|arás|erás|irás|arán|erán|irán|aré|eré|iré|drás|drá|drán|dremos|dré)\b|\b(?:vamos|voy|va|van) a\b/i);
/** Present tense used for the near future ("te llamamos mañana"), also a past form in Spanish. */
const ES_PRESENT = u(new RegExp(String.raw`\b${ES_PRONOUN}\s+\w+(?:amos|emos|imos)\b`, 'i'));

function splitSentences(text: string): string[] {
  return text
    .replace(/\b([ap])\.m\./gi, '$1m')
    .split(/(?<=[.!?…])\s+|\n+|(?=¿)|(?<=[;])\s+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function isQuestion(s: string, lang: Lang): boolean {
  if (/\?\s*["'”)]*\s*$/.test(s) || s.startsWith('¿')) return true;
  return lang === 'en' && EN_REQUEST.test(s) && !/\b(?:we|i)(?:'ll|’ll| will)\b/i.test(s);
}

function kindOf(s: string, table: [PromiseKind, RegExp][]): PromiseKind | null {
  for (const [kind, re] of table) if (re.test(s)) return kind;
  return null;
}

/** The kind of promise in one sentence, or null when it holds none. */
function promiseKind(s: string, lang: Lang): PromiseKind | null {
  if (lang === 'en') {
    if (EN_CONDITION.test(s)) return null;
    const m = EN_COMMIT.exec(s);
    if (m) {
      const rest = m[1] ?? '';
      if (EN_NEGATED.test(rest) || EN_COURTESY.test(rest)) return null;
      const subjectIsI = u(/^\s*i\b/i).test(m[0]) && !/\bwe\b/i.test(m[0].slice(0, 4));
      if (subjectIsI && !EN_I_ALLOWED.test(rest)) return null;
      return kindOf(rest, EN_KIND);
    }
    const o = EN_OTHER_COMMIT.exec(s);
    if (o) return kindOf(o[0], EN_KIND) ?? 'update';
    return null;
  }
  if (ES_CONDITION.test(s) || ES_NEGATION.test(s)) return null;
  const kind = kindOf(s, ES_KIND);
  if (!kind) return null;
  // Bare nouns ("respuesta", "llamada", "el equipo") only count with a committing verb; the
  // present tense only when nothing marks it as past ("te llamamos ayer", "ya te escribimos").
  if (ES_FUTURE.test(s)) return kind;
  return ES_PRESENT.test(s) && !ES_PAST.test(s) ? kind : null;
}

export function detectPromises(text: string, sentAt: Date, opts: DetectOptions = {}): DetectedPromise[] {
  const businessHours: BusinessHours = { ...DEFAULT_BUSINESS_HOURS, ...opts.businessHours };
  const offset = offsetAt(opts.timezone, sentAt);
  const out: DetectedPromise[] = [];
  for (const sentence of splitSentences(text)) {
    const lang = guessLanguage(sentence);
    if (isQuestion(sentence, lang)) continue;
    // Short sentences ("Lo miraremos.") give the language guess little to go on: try both.
    const kind = promiseKind(sentence, lang) ?? promiseKind(sentence, lang === 'en' ? 'es' : 'en');
    if (!kind) continue;
    const time = resolveTimePhrase(sentence, sentAt, { offset, offsetFor: (instant) => offsetAt(opts.timezone, instant), businessHours, mode: 'deadline', lang });
    const explicit = time !== null && time.precision !== 'vague';
    out.push({
      phrase: sentence.slice(0, 300),
      dueAt: time?.date ?? new Date(sentAt.getTime() + DEFAULT_DUE_HOURS[kind] * HOUR),
      confidence: explicit ? 0.9 : time ? 0.75 : 0.7,
      kind,
    });
  }
  return out;
}
