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

// A personal-data noun, EN + ES (folded: no accents).
const PERSONAL_DATA: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:credit|debit)? ?card (?:number|details|no)\b|\bcard number\b|\bcvv\b|\bcvc\b|\bsecurity code\b|\b(?:numero de )?tarjeta\b/u, 'card details'],
  [/\bpassport\b|\bpasaporte\b|\bid (?:number|card)\b|\bdni\b|\bnie\b|\bssn\b|\bsocial security\b|\bdriver'?s licen[cs]e\b|\bcarne de conducir\b/u, 'ID document'],
  [/\baccount number\b|\bbank (?:details|account)\b|\biban\b|\bsort code\b|\brouting number\b|\bnumero de cuenta\b|\bcuenta bancaria\b/u, 'account number'],
  [/\b(?:home |postal |mailing |shipping |billing )?address\b|\bdireccion\b|\bdomicilio\b|\bcodigo postal\b|\bpostcode\b|\bzip code\b/u, 'address'],
  [/\bphone(?: number)?\b|\bmobile number\b|\bcell number\b|\btelefono\b|\bmovil\b|\bcelular\b/u, 'phone number'],
  [/\be-?mail(?: address)?\b|\bcorreo(?: electronico)?\b/u, 'email'],
  [/\bdate of birth\b|\bdob\b|\bbirthday\b|\bfecha de nacimiento\b/u, 'date of birth'],
  [/\bpassword\b|\bpin\b|\bcontrasena\b|\bclave\b/u, 'password'],
];
// The sentence asks the customer to give it (a verb of giving, not "please check your email").
const ASKING =
  /\b(?:send|share|provide|give|reply with|respond with|tell (?:us|me)|confirm|include|post|need|what'?s|what is|let us know|leave|drop|type|enter|envia|envianos|enviar|comparte|compartenos|indica|indicanos|facilita|facilitanos|danos|dinos|necesitamos|cual es|confirma|confirmanos|proporciona|proporcionanos|escribe|escribenos|mandanos|pasanos|deja|dejanos|nos (?:indicas|envias|mandas|pasas|das|dices|facilitas|compartes|confirmas|dejas|escribes))\b/u;
// …but privately, which is fine. (Times such as "5 pm" are removed before this is tested.)
const PRIVATE_CHANNEL = /\b(?:dm|dms|direct message|private message|privately|in private|pm|inbox|md|mensaje (?:directo|privado)|por privado|en privado|por interno)\b/u;
const CLOCK_TIME = /\b\d{1,2}(?:[:.]\d{2})?\s?(?:am|pm)\b/gu;
// The brand's own contact details are not the customer's data: "email us at help@acme.com",
// "call our phone line on 0800 123 456", "nuestro correo", addresses and numbers written out.
const OWN_CONTACT =
  /\b(?:our|nuestro|nuestra|nuestros|nuestras)\s+(?:[\p{L}-]+\s+){0,2}?(?:e-?mail|correo|phone|telefono|address|direccion|line|linea|number|numero)(?:\s+(?:address|number|line|electronico))?\b|\b(?:e-?mail|call|phone|text|ring|contact|write to|llamanos|contactanos)\s+us\b|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}|\+?\d[\d\s().-]{6,}\d/gu;
// Data named as the customer's own: "the last four digits of your card", "a photo of your ID".
const YOURS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\b(?:your|ur|tu|tus|su|sus)\s+(?:[\p{L}-]+\s+){0,2}?(?:card|tarjeta)s?\b/u, 'card details'],
  [/\b(?:your|ur|tu|tus|su|sus)\s+(?:[\p{L}-]+\s+){0,2}?(?:id|ids|identificacion|documento)\b/u, 'ID document'],
];

const SELF_PRAISE =
  /(?<![\p{L}\p{N}])#1(?!\d)|\b(?:we(?:'re| are) (?:so |very )?proud|award[- ]winning|number one|no\.? ?1\b|best[- ]in[- ]class|industry[- ]leading|world[- ]class|market[- ]leading|leading provider|estamos (?:muy )?orgullosos|galardonad[oa]s?|premiad[oa]s?|numero 1|n\.?o ?1|lideres del sector|el mejor servicio)/u;

/** A greeting that opens a sentence, up to its comma: "Hi Dana, ", "Hola Ana, ". */
const GREETING_LEAD = /^\s*(?:hi|hello|hey|hiya|dear|good (?:morning|afternoon|evening)|hola|buenas|buenos d[ií]as|estimad[oa])\b[^,.!?¡¿\n]{0,40},\s*/iu;

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
    if (!ASKING.test(f) || PRIVATE_CHANNEL.test(f)) continue;
    let hit = false;
    for (const [re, kind] of [...PERSONAL_DATA, ...YOURS]) {
      if (re.test(f)) {
        hit = true;
        if (!kinds.includes(kind)) kinds.push(kind);
      }
    }
    if (hit) hits.push(s);
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
    const asked = personalDataRequested(text);
    if (asked.kinds.length) {
      const invite = es
        ? 'Por favor, envíanos un mensaje directo y lo revisamos allí, así tus datos quedan en privado.'
        : "Please send us a DM and we'll take it from there, so your details stay private.";
      let fixed = text;
      asked.sentences.forEach((s, i) => {
        // "Hi Dana, could you share your address?" keeps its greeting (and the customer's name).
        const lead = i === 0 ? (s.match(GREETING_LEAD)?.[0] ?? '') : '';
        fixed = fixed.replace(s, i > 0 ? '' : lead ? `${lead}${invite.charAt(0).toLowerCase()}${invite.slice(1)}` : invite);
      });
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
  if ((input.brand.tone?.useFirstName ?? true) && first && !fold(text).includes(fold(first))) {
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
