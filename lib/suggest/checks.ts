/**
 * Checks run on a reply before it is inserted into the platform's composer. Pure: the panel shows
 * the list, a `block` disables Insert, a `fix` offers a replacement text in one click.
 * Cases behind them: docs/product.md ("Public vs private", "Tone", "Promises get forgotten").
 */
import twitter from 'twitter-text';
import { detectPromises } from '../cases/promises';
import type { Tone } from '../db/records';
import type { Platform } from '../platforms/snapshot';
import { findSignOff } from './generalise';
import { escapeRegExp, fold, wholeToken } from './text';
import { readTone, type Mood } from './tone';
import { agentField, fillSignature, firstName, insertRefusal, placeholders } from './variables';
import { t, type MessageKey } from '../i18n';

/** A personal-data kind ("address") in the interface language. */
const kindLabel = (kind: string) => t(`check.kind.${kind}` as MessageKey);

export type CheckId =
  | 'unresolved-variables'
  | 'personal-data-in-public'
  | 'x-length'
  | 'missing-name'
  | 'missing-signature'
  | 'agent-not-set'
  | 'self-praise-to-upset'
  | 'promise-without-follow-up'
  | 'avoid-word';

export interface CheckResult {
  id: CheckId;
  severity: 'warn' | 'block';
  message: string;
  fix?: { label: string; text: string };
}

export interface CheckInput {
  text: string;
  platform: Platform;
  isPublic: boolean;
  customer?: { displayName?: string; handle?: string };
  /** The customer's recent messages (mood is read from them) or a mood already read. */
  customerMessages?: readonly string[];
  mood?: Mood;
  brand: { name?: string; signature?: string; tone?: Partial<Tone> };
  /** The agent's own signature; falls back to the brand's. */
  agentSignature?: string;
  /**
   * Who the agent is (lib/panel/agent-profile.ts): fills {{agent.name}} / {{agent.initials}} in the
   * signature before it is looked for. Not set, a signature that needs them is not asked for: the
   * agent is told where to set their name instead.
   */
  agent?: { name?: string; initials?: string };
  /** A follow-up is already set for this conversation/case. */
  followUpSet: boolean;
  language?: 'en' | 'es';
}

export const X_MAX_WEIGHTED_LENGTH = 280;

// A personal-data noun, EN + ES (folded: no accents), as the object of a request. `weak` nouns
// name the data only as the customer's own ("your email", "tu teléfono": not "the email we sent",
// "qué teléfono tienes"); the others name it whatever comes before them.
interface DataNoun {
  re: RegExp;
  kind: string;
  weak?: boolean;
  /** The word also names a device ("which phone you used"): only "your phone" asks for the number. */
  device?: boolean;
}
const PERSONAL_DATA: readonly DataNoun[] = [
  { re: /\b(?:(?:credit|debit) )?card (?:number|details|no)\b|\bcvv\b|\bcvc\b|\bsecurity code\b|\b(?:numero|datos) de (?:la |tu |su )?tarjeta\b|\btarjeta\b/gu, kind: 'card details' },
  // "the last four digits of your card", "a photo of your ID": named as the customer's own.
  { re: /\b(?:your|ur|tu|tus|su|sus)\s+(?:[\p{L}-]+\s+){0,2}?(?:card|tarjeta)s?\b/gu, kind: 'card details' },
  { re: /\bpassport\b|\bpasaporte\b|\bid (?:number|card)\b|\bdni\b|\bnie\b|\bssn\b|\bsocial security\b|\bdriver'?s licen[cs]e\b|\bcarne de conducir\b/gu, kind: 'ID document' },
  { re: /\b(?:your|ur|tu|tus|su|sus)\s+(?:[\p{L}-]+\s+){0,2}?(?:id|ids|identificacion|documento)\b/gu, kind: 'ID document' },
  { re: /\baccount number\b|\bbank (?:details|account)\b|\biban\b|\bsort code\b|\brouting number\b|\bnumero de cuenta\b|\bcuenta bancaria\b|\bdatos bancarios\b/gu, kind: 'account number' },
  // "address" the verb ("we'll address it") is not an address; "email address" is an email.
  {
    re: /(?<!\be-?mail )\b(?:(?:home|postal|mailing|shipping|billing|delivery|full) )?address\b(?! (?:it|this|that|these|those|them|the|your|our|any|all|each|every|his|her|their)\b)|\bdireccion\b(?! de (?:correo|e-?mail)| electronica)|\bdomicilio\b|\bcodigo postal\b|\bpost ?code\b|\bzip code\b/gu,
    kind: 'address',
  },
  { re: /\b(?:tele)?phone (?:number|no)\b|\b(?:mobile|cell) (?:number|no)\b|\bnumero de (?:telefono|movil|celular|contacto)\b/gu, kind: 'phone number' },
  // "your phone" is the number unless it is the device ("your phone model", "give your phone a restart").
  { re: /\b(?:tele)?phone\b(?! (?:model|app|apps|settings|screen|a|an|some|make|brand|version|type|os|software|update|case|battery)\b)|\btelefono\b|\bcelular\b/gu, kind: 'phone number', weak: true, device: true },
  { re: /\be-?mail address\b|\bcorreo electronico\b|\bdireccion de (?:correo|e-?mail)\b/gu, kind: 'email' },
  { re: /\be-?mail\b|\bcorreo\b/gu, kind: 'email', weak: true },
  { re: /\bdate of birth\b|\bdob\b|\bbirthday\b|\bfecha de nacimiento\b/gu, kind: 'date of birth' },
  { re: /\bpassword\b|\bpasscode\b|\bpin\b|\bcontrasena\b|\bclave\b/gu, kind: 'password' },
];
// A verb asking the customer to give something (not "please check your email").
const ES_GIVE = '(?:enviar|mandar|pasar|indicar|facilitar|dar|decir|compartir|confirmar|proporcionar|dejar|escribir|comunicar)';
const ASKING = new RegExp(
  [
    "\\b(?:send|share|provide|give|reply with|respond with|tell (?:us|me)|confirm|include|post|need|what'?s|what is|let (?:us|me) know|leave|drop|type|enter|(?:can|could|may) (?:we|i) (?:get|have)",
    // Spanish imperatives, with and without "me"/"nos", tú and usted: "envíanos", "dime", "indíquenos".
    '(?:envia|manda|pasa|indica|facilita|da|di|comparte|confirma|proporciona|escribe|comunica)(?:me|nos)|dejanos|envia|manda|indica|facilita|comparte|confirma|proporciona|escribe|deja',
    '(?:envie|mande|indique|facilite|comparta|confirme|proporcione|escriba|deje|de|diga)(?:me|nos)|envie|indique|facilite|proporcione',
    'necesitamos|cual es|(?:cuenta|comenta)nos|haz(?:me|nos) saber',
    // "would you mind sharing your address", not "thanks for sharing your address".
    'mind (?:sending|sharing|providing|giving|confirming|telling (?:us|me)|letting (?:us|me) know)',
    // "necesitamos que nos indiques tu dirección".
    '(?:me|nos) (?:indiques|envies|mandes|pases|des|digas|facilites|compartas|confirmes|proporciones|dejes|escribas|comuniques)',
    // "¿me pasas…?", "¿nos indicas…?", and "¿puedes enviarnos…?", "¿nos podrías pasar…?".
    '(?:me|nos) (?:indicas|envias|mandas|pasas|das|dices|facilitas|compartes|confirmas|dejas|escribes|proporcionas|comunicas)',
    `(?:(?:me|nos) )?(?:puedes|podrias|puede|podria|podeis|pueden|podrian|necesitamos|tienes que|debes) ${ES_GIVE}(?:me|nos)?`,
    `${ES_GIVE}nos)\\b`,
  ].join('|'),
  'gu',
);
// A word between the verb and the data that ends its object: a new clause ("let us know if the
// app works on your phone", "confirm you received the email", "dinos qué modelo…", "si te ha
// llegado el correo") or a destination ("we'll send it to your address").
const CLAUSE_WORD = new Set(
  (
    'if whether when once after before how what which who where why that because since while until unless so and or but to ' +
    'you we i it they he she this these those is are was were be been has have had do does did will would can could should ' +
    'si que cuando como donde cual quien porque para pero y e o u te se lo le les ha han has es esta estan tienes tiene'
  ).split(' '),
);
// …or a place right before the data: "envía tu pedido a tu dirección", "works on your phone".
const PLACE = new Set(['a', 'al', 'en', 'on', 'at', 'in', 'into', 'from', 'desde', 'by', 'via']);
// Before the verb, in its clause: "please don't share your password", "never give your PIN".
const NEGATOR = new Set(['not', "don't", 'dont', 'never', 'no', 'nunca', 'jamas', 'ni', 'cannot', "can't", 'cant']);
const POSSESSIVE = new Set(['your', 'ur', 'tu', 'tus', 'su', 'sus', 'vuestro', 'vuestra', 'vuestros', 'vuestras']);
// Between one item asked for and the next: "your card number and date of birth".
const LIST_JOIN = new Set(['and', 'or', 'y', 'e', 'o', 'plus', 'also', 'your', 'ur', 'tu', 'tus', 'su', 'sus', 'the', 'el', 'la', 'los', 'las', 'a', 'an', 'un', 'una']);
// …but privately, which is fine. (Times such as "5 pm" are removed before this is tested.)
const PRIVATE_CHANNEL = /\b(?:dm|dms|direct message|private message|privately|in private|pm|inbox|md|mensaje (?:directo|privado)|por privado|en privado|por interno)\b/u;
const CLOCK_TIME = /\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b/gu;
// The brand's own contact details are not the customer's data: "email us at help@acme.com",
// "call our phone line on 0800 123 456", "nuestro correo", addresses and numbers written out.
const OWN_CONTACT =
  /\b(?:our|nuestro|nuestra|nuestros|nuestras)\s+(?:[\p{L}-]+\s+){0,2}?(?:e-?mail|correo|phone|telefono|address|direccion|line|linea|number|numero)(?:\s+(?:address|number|line|electronico))?\b|\b(?:e-?mail|call|phone|text|ring|contact|write to|llamanos|contactanos)\s+us\b|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}|\+?\d[\d\s().-]{6,}\d/gu;

// An indirect question after the verb: "tell us what your address is", "could you confirm which
// email you used", "confírmanos qué correo usaste". "que" is also "that" ("confírmanos que tu
// dirección es correcta"): as a question word only right before the data ("qué correo").
const QUESTION_WORD = new Set(['what', 'which', 'cual', 'cuales', 'que']);
// …and one opening the clause (the match ends before it): "Which email…", "¿Con qué correo…".
const CLAUSE_QUESTION = /(?:^|[,.;:!?¿¡()])\s*(?:(?:con|a|en|de|to|for|on|with) )?(?=(?:what|which|que|cual) )/gu;
const BE = new Set(['is', 'are', 'was', 'es', 'son']);
// After the data in such a question, the verb it waits for: "what your address is", "which
// address is best".
const BE_AFTER = /^\s+(?:is|are|was|es|son)\b/u;
// After the data, a clause making it the customer's own, whatever came before it: "which email
// you used", "the email you signed up with", "the address you'd like it sent to", "the email
// linked to your account", "which address should we send it to", "qué correo usaste", "el correo
// con el que te registraste". Not after "phone", which may be the device ("which phone you used").
const OWNED_AFTER =
  /^\s+(?:(?:you|u)(?:'d|'ve|'re)?\s+(?:(?:originally|first|last|normally|usually|would|did|have|had)\s+)?(?:used?|using|signed|registered|gave|given|provided|entered|put|ordered|booked|paid|listed|added|linked|shared|like|prefer|want(?:ed)?|chose|picked)|(?:(?:that|which)\s+)?(?:(?:is|are|was|were)\s+)?(?:linked|registered|associated|attached|tied|connected|used|on (?:your|ur|the) (?:account|order|booking))|to (?:call|reach|contact|text|use|send|ship|deliver)|(?:did|do|have|would) (?:you|u) (?:use|sign|register|give|provide|enter|put|order|book|pay|list|add|link|share|like|prefer|want|choose|pick)|(?:(?:should|shall|can) we|we should) (?:use|send|ship|deliver|call|text|contact|reach)|(?:con|a|en|de) (?:el|la|los|las) que|al que|del que|donde|(?:que )?(?:te |se )?(?:usaste|utilizaste|usas|utilizas|uso|utilizo|registraste|registro|diste|dio|pusiste|puso|indicaste|indico|facilitaste|facilito|prefieres|prefiere|quieres|quiere)|(?:que )?(?:tienes|tiene) (?:registrad|asociad|vinculad)[oa]s?|(?:(?:esta|es) )?(?:registrad|asociad|vinculad)[oa]s?)\b/u;

/** The words of `gap` if it is only words and spaces (no comma, no full stop: one clause), else undefined. */
const gapWords = (gap: string): string[] | undefined => (/^[\s\p{L}\p{N}'-]*$/u.test(gap) ? gap.split(/\s+/u).filter(Boolean) : undefined);

/** Kinds of personal data one (folded) sentence asks for, with the verbs that ask. */
function askedIn(f: string): string[] {
  const verbs: { end: number; determined: boolean }[] = [];
  for (const m of f.matchAll(ASKING)) {
    const start = m.index ?? 0;
    const clause = f.slice(0, start).split(/[,.;:!?¿¡()]/u).pop() ?? '';
    const before = clause.split(/\s+/u).filter(Boolean);
    if (before.slice(-3).some((w) => NEGATOR.has(w))) continue;
    // "you'll need your password to log in" tells, it does not ask.
    if (/^need/u.test(m[0]) && /^(?:you|you'll|youll|u)$/u.test(before[before.length - 1] ?? '')) continue;
    // "what's your postcode", not "what's happening with your card".
    verbs.push({ end: start + m[0].length, determined: /^(?:what|cual)/u.test(m[0]) });
  }
  // A question opening a clause asks too: "Which email did you use?", "¿Con qué correo te registraste?"
  // (read as an indirect question with no verb before it: OWNED_AFTER must follow the data).
  for (const m of f.matchAll(CLAUSE_QUESTION)) verbs.push({ end: (m.index ?? 0) + m[0].length, determined: false });
  if (!verbs.length) return [];
  const nouns = PERSONAL_DATA.flatMap(({ re, kind, weak, device }) =>
    [...f.matchAll(re)].map((m) => ({ start: m.index ?? 0, end: (m.index ?? 0) + m[0].length, kind, weak, device })),
  );
  nouns.sort((a, b) => a.start - b.start || b.end - a.end);
  const kinds: string[] = [];
  const items: number[] = []; // ends of the items asked for so far
  const endsObject = (words: readonly string[]) => words.some((w) => CLAUSE_WORD.has(w.replace(/'.*$/u, ''))) || PLACE.has(words[words.length - 1] ?? '');
  for (const noun of nouns) {
    const after = f.slice(noun.end);
    const owned = !noun.device && OWNED_AFTER.test(after);
    const byVerb = verbs.some(({ end, determined }) => {
      if (end > noun.start) return false;
      const words = gapWords(f.slice(end, noun.start));
      if (!words || words.length > 6) return false;
      if (!determined && QUESTION_WORD.has(words[0] ?? '')) {
        // "tell us what your address is", "which email you used"; not "what happened to your
        // card", "what the email said", "which phone you have".
        const rest = words.slice(BE.has(words[1] ?? '') ? 2 : 1);
        if (rest.length > 3 || endsObject(rest) || (rest.length > 0 && (words[0] === 'que' || !LIST_JOIN.has(rest[0] ?? '')))) return false;
        return owned || (BE_AFTER.test(after) && (!noun.weak || (!noun.device && rest.some((w) => POSSESSIVE.has(w)))));
      }
      if (endsObject(words)) return false;
      if (determined && !(words.length === 0 ? /^(?:your|ur|tu|tus|su|sus)\b/u.test(f.slice(noun.start)) : LIST_JOIN.has(words[0] ?? ''))) return false;
      // "the email you signed up with" is the customer's as much as "your email".
      return !noun.weak || words.slice(-3).some((w) => POSSESSIVE.has(w)) || owned;
    });
    const inList = items.some((end) => {
      if (end > noun.start) return false;
      const gap = f.slice(end, noun.start).replace(/,/gu, ' ');
      const words = gapWords(gap);
      return !!words && words.length <= 3 && words.every((w) => LIST_JOIN.has(w));
    });
    if (!byVerb && !inList) continue;
    items.push(noun.end);
    if (!kinds.includes(noun.kind)) kinds.push(noun.kind);
  }
  return kinds;
}

const SELF_PRAISE =
  /(?<![\p{L}\p{N}])#1(?!\d)|\b(?:we(?:'re| are) (?:so |very )?proud|award[- ]winning|number one|no\.? ?1\b|best[- ]in[- ]class|industry[- ]leading|world[- ]class|market[- ]leading|leading provider|estamos (?:muy )?orgullosos|galardonad[oa]s?|premiad[oa]s?|numero 1\b|n\.?[o\u00ba\u00b0]\.? ?1\b|lideres del sector|el mejor servicio)/u;

/** A greeting that opens a sentence, up to its comma or "!": "Hi Dana, ", "Hola Ana, ", "¡Hola Ana! ", "Hi there! ". */
const GREETING_LEAD = /^\s*¡?(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|hola|buenas|buenos d[ií]as|estimad[oa])\b[^,.!?¡¿\n]{0,40}[,!]\s*/iu;

/** `token` in `text` as a whole: not run into a letter or digit on either side ("^AP", not "^APX"). */
const hasToken = (text: string, token: string): boolean => wholeToken(token).test(text);

const sentences = (text: string): string[] => text.split(/(?<=[.!?¡¿])\s+|\n+/u).filter((s) => s.trim());

/**
 * The reply with `greeting` first: a greeting it already has ("Hi there, …") is replaced, and
 * the next word keeps its capital when it must ("I'm", "ACME", the brand's name).
 */
function greeted(text: string, greeting: string, brandName?: string): string {
  const lead = text.match(GREETING_LEAD)?.[0];
  const rest = lead ? text.slice(lead.length) : text.trimStart();
  const keepCapital = /^(?:I\b|I['’]|[\p{Lu}\p{N}]{2,}\b)/u.test(rest) || (!!brandName && rest.startsWith(brandName));
  return `${greeting}${keepCapital ? rest : `${rest.charAt(0).toLowerCase()}${rest.slice(1)}`}`;
}

/** Kinds of personal data a (public) reply asks the customer for, outside a DM. */
export function personalDataRequested(text: string): { kinds: string[]; sentences: string[] } {
  const kinds: string[] = [];
  const hits: string[] = [];
  for (const s of sentences(text)) {
    const f = fold(s).replace(CLOCK_TIME, ' ').replace(OWN_CONTACT, ' ');
    if (PRIVATE_CHANNEL.test(f)) continue;
    const asked = askedIn(f);
    for (const kind of asked) if (!kinds.includes(kind)) kinds.push(kind);
    if (asked.length) hits.push(s);
  }
  return { kinds, sentences: hits };
}

/**
 * Does the reply promise something for later? Uses the promise parser of lib/cases/promises.ts
 * (due times and all); here only "is there one" matters.
 */
export function detectsPromise(text: string): boolean {
  return detectPromises(text, new Date()).length > 0;
}

export function xWeightedLength(text: string): number {
  return twitter.parseTweet(text).weightedLength;
}

export function checkReply(input: CheckInput): CheckResult[] {
  const out: CheckResult[] = [];
  const text = input.text;
  const es = input.language === 'es' || (input.customerMessages && readTone(input.customerMessages).language === 'es');

  const open = placeholders(text);
  const refusal = insertRefusal({ unresolved: open });
  if (refusal) out.push({ id: 'unresolved-variables', severity: 'block', message: refusal });

  if (input.isPublic) {
    // The sign-off is set aside and kept as it is: the last sentence may run into it ("… the voucher ^AN").
    const sign = findSignOff(text, { brandSignature: input.agentSignature ?? input.brand.signature, brandName: input.brand.name });
    const body = sign ? text.slice(0, sign.start) : text;
    const asked = personalDataRequested(body);
    if (asked.kinds.length) {
      const invite = es
        ? 'Por favor, envíanos un mensaje directo y lo revisamos allí, así tus datos quedan en privado.'
        : "Please send us a DM and we'll take it from there, so your details stay private.";
      let fixed = body;
      asked.sentences.forEach((s, i) => {
        // "Hi Dana, could you share your address?" keeps its greeting (and the customer's name).
        const lead = i === 0 ? (s.match(GREETING_LEAD)?.[0] ?? '') : '';
        const after = lead && !lead.trimEnd().endsWith('!') ? `${invite.charAt(0).toLowerCase()}${invite.slice(1)}` : invite;
        fixed = fixed.replace(s, i > 0 ? '' : `${lead}${after}`);
      });
      if (sign) fixed = `${fixed.trimEnd()}${body.slice(body.trimEnd().length) || ' '}${text.slice(sign.start)}`;
      out.push({
        id: 'personal-data-in-public',
        severity: 'warn',
        message: t('check.personalData', { kinds: asked.kinds.map(kindLabel).join(', ') }),
        fix: { label: t('check.moveToDm'), text: fixed.replace(/[ \t]{2,}/gu, ' ').trim() },
      });
    }
  }

  if (input.platform === 'x' && input.isPublic) {
    const length = xWeightedLength(text);
    if (length > X_MAX_WEIGHTED_LENGTH) {
      out.push({
        id: 'x-length',
        severity: 'block',
        message: t('check.xLength', { length, max: X_MAX_WEIGHTED_LENGTH }),
      });
    }
  }

  const first = firstName(input.customer?.displayName);
  if ((input.brand.tone?.useFirstName ?? true) && first && !hasToken(fold(text), fold(first))) {
    out.push({
      id: 'missing-name',
      severity: 'warn',
      message: t('check.missingName', { name: first }),
      fix: { label: t('check.greet', { name: first }), text: greeted(text, `${es ? 'Hola' : 'Hi'} ${first}, `, input.brand.name) },
    });
  }

  const written = input.agentSignature ?? input.brand.signature ?? '';
  const filledSignature = fillSignature(written, input.agent, input.brand.name);
  const signature = filledSignature.text.trim();
  // {{agent.name}} / {{agent.initials}} still open in the reply: nobody has set them here.
  const agentOpen = open.some((p) => {
    const field = agentField(p);
    return !!field && !input.agent?.[field]?.trim();
  });
  if (filledSignature.missing.length) {
    out.push({ id: 'agent-not-set', severity: 'warn', message: t('check.agentForSignature', { signature: written.trim() }) });
  } else if (agentOpen) {
    out.push({ id: 'agent-not-set', severity: 'warn', message: t('check.agentForReply') });
  }
  if (signature && !hasToken(text, signature)) {
    // A colleague's sign-off in the brand's own form ("-Laura García", a mistyped "^APX") is
    // replaced, never followed by a second one. Only that form: a guessed "- Word" ending is the
    // reply's own text ("Mon - Fri", "- Thanks"), and the signature is added after it.
    const other = findSignOff(text, { brandSignature: input.brand.signature, brandName: input.brand.name }, true);
    const fixed = other
      ? `${text.slice(0, other.start).trimEnd()} ${signature}${text.slice(other.end)}`
      : `${text.trimEnd()} ${signature}`;
    out.push({
      id: 'missing-signature',
      severity: 'warn',
      message: t('check.missingSignature', { signature }),
      fix: { label: t('check.addSignature'), text: fixed.trim() },
    });
  }

  const mood = input.mood ?? (input.customerMessages ? readTone(input.customerMessages).mood : 'neutral');
  const opening = sentences(text).slice(0, 2);
  const praise = opening.find((s) => SELF_PRAISE.test(fold(s)));
  if (mood === 'upset' && praise) {
    const apology = es ? 'Sentimos mucho lo ocurrido.' : "We're sorry about this.";
    out.push({
      id: 'self-praise-to-upset',
      severity: 'warn',
      message: t('check.selfPraise'),
      fix: { label: t('check.openWithApology'), text: `${apology} ${text.replace(praise, '').trim()}`.trim() },
    });
  }

  if (!input.followUpSet && detectsPromise(text)) {
    out.push({
      id: 'promise-without-follow-up',
      severity: 'warn',
      message: t('check.promise'),
    });
  }

  const avoid = (input.brand.tone?.avoidWords ?? []).filter((w) => w.trim() && new RegExp(`(?<![\\p{L}])${escapeRegExp(fold(w))}(?![\\p{L}])`, 'u').test(fold(text)));
  if (avoid.length) {
    out.push({ id: 'avoid-word', severity: 'warn', message: t('check.avoidWords', { words: avoid.map((w) => `"${w}"`).join(', ') }) });
  }
  return out;
}
