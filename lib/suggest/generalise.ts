/**
 * Turns a brand's past outgoing reply into a reusable suggestion body: what belonged to that one
 * customer becomes a variable, so the same reply can be filled in for the next customer.
 *
 *   "@jane_d Hi Jane, order 112-5550123 is on its way. DM us: https://x.com/messages/12-34 ^JD"
 *   → "Hi {{customer.first_name}}, order {{ask:order number}} is on its way. DM us: {{ask:DM link}} {{agent.signature}}"
 *
 * What is taken out, in this order (each step leaves the variables of the earlier ones alone):
 * - the leading reply @mentions X adds, the agent's sign-off, DM conversation links;
 * - e-mail addresses → {{ask:email}}, except the brand's own mailboxes (see BRAND_MAILBOX);
 * - a phone number said to be the customer's ("we'll call you on …", "te llamamos al …") →
 *   {{ask:phone}}; other phone numbers (the brand's published ones) stay;
 * - @handles written in the text: the customer's → @{{customer.handle}}, the brand's own stay,
 *   another account → @{{ask:handle}} (see generaliseReply);
 * - the customer's name as written: with surname ("Jane Smith", "Ms Smith") → {{customer.name}},
 *   the first name (with any further words of the display name after it: "María José") →
 *   {{customer.first_name}}, a surname alone ("Smith, your refund…", "Thanks Smith") →
 *   {{customer.name}}; never inside an @handle, an address or a variable;
 * - case references, order numbers, other reference-like tokens (order ids, UPS tracking numbers).
 */

export interface GeneraliseContext {
  /** The customer the reply was sent to (handle without @). */
  customerHandle?: string;
  /** That customer's display name, when known. */
  customerName?: string;
  /**
   * The brand's signature as written in its settings ("-{{agent.name}}", "^{{agent.initials}}"):
   * a past reply ending in it, signed by whichever agent sent it ("-Laura García"), has that
   * sign-off taken out as {{agent.signature}}.
   */
  brandSignature?: string;
  /**
   * The brand's name, for a signature that holds {{brand.name}}; also tells the brand's own
   * @handles and mailboxes ("@AcmeHelp", "acme.support@…") from a customer's.
   */
  brandName?: string;
  /** The brand's own account handles (without @): @mentions of them are kept as written. */
  brandHandles?: readonly string[];
}

export interface Generalised {
  body: string;
  /** Variables introduced, in order of first appearance. */
  variables: string[];
}

import { firstName } from './variables';
import { escapeRegExp } from './text';


// Greeting words after which a capitalised word is the customer's name ("Hi Jason,", "Hola María!").
// Written without the `i` flag on purpose: under /iu, \p{Lu} would match lower-case letters too.
const GREETING_WORDS = 'hi|hey|hello|hiya|dear|thanks|thank you|cheers|morning|evening|hola|buenas|buenos días|buenos dias|buenas tardes|gracias|estimado|estimada';
const GREETING = GREETING_WORDS.split('|')
  .map((g) => `[${g[0]!.toUpperCase()}${g[0]}]${g.slice(1)}`)
  .join('|');
// Compiled once: building a Unicode-property regex per call costs far more than running it.
const GREETING_NAME = new RegExp(
  `(^|[\\s.!?¡¿])(${GREETING})(,?\\s+)(\\p{Lu}[\\p{Ll}'’-]{1,20})(?=\\s*[,.!?:;)]|\\s*$)`,
  'gu',
);
// Capitalised words that follow greetings but are not names.
const NOT_NAMES = new Set(
  'there again all everyone team guys folks friend for so and we i you it the this that sorry welcome again'.split(' '),
);

// Leading reply @mentions that X adds automatically; they are re-added by the platform.
const LEADING_MENTIONS = /^(?:\s*@[\p{L}\p{N}_]{1,50})+\s*/u;
// DM conversation links with one customer (X legacy DM / chat, Messenger).
const DM_LINK =
  /\bhttps?:\/\/(?:www\.)?(?:(?:twitter|x)\.com\/(?:messages\/\d+-\d+|i\/chat\/[\w-]+)|(?:www\.)?(?:facebook\.com\/messages\/t|messenger\.com\/t)\/[\w.]+)\S*/giu;
// Reference-like tokens: 6+ digits (optionally with dashes between digit groups, like Amazon order
// ids), letters+digits of 6+ chars containing at least 4 digits ("AB123456"), or a digit then 9+
// capitals and digits with at least 2 letters and 6 digits (UPS "1Z999AA10123456784"). Short
// numbers (times, prices, years) and the brand's dash-grouped phone numbers (1-800-275-2273) stay.
const REFERENCE =
  /(?<![\p{L}\p{N}/.])#?(?:\d{3}-\d{7}-\d{7}|\d{6,}|(?=[A-Z0-9]*\d{4})[A-Z]{1,4}-?\d[A-Z0-9]{4,}|(?=(?:[A-Z]*\d){6})(?=(?:\d*[A-Z]){2})\d[A-Z0-9]{9,})(?![\p{L}\p{N}/])/gu;
// E-mail addresses. A customer's ("jdoe1988@gmail.com") must not reach the next customer.
const EMAIL = /(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}-])/gu;
// Mailboxes that belong to an organisation, not a person: an address with one of these before the
// @ ("support@acme.com", "help@…", "atencionalcliente@…") is the brand's own, which it gives to
// every customer, and stays. So does one that holds the brand's name (BRAND_MAILBOX). Any other
// address is taken for the customer's: one reply cannot tell how many customers an address was
// given to, and a brand address made a question costs the agent one answer, while a customer's
// address left in costs that customer their privacy.
const ROLE_MAILBOX = new Set(
  ('support help helpdesk info hello contact contactus care customercare customerservice customer.service ' +
    'customer-service service services team feedback privacy dpo legal billing accounts orders returns refunds ' +
    'sales press media enquiries inquiries complaints social noreply no-reply no_reply ayuda soporte atencion ' +
    'atencionalcliente atencion.cliente atencioncliente clientes contacto reclamaciones pedidos devoluciones ' +
    'facturacion info.es hola').split(' '),
);
// A phone number the reply says is the customer's: after "call/ring/text you on|at", "your phone
// number (is)", "te llamamos al", "llamarte al", "tu número de teléfono". README: "phone numbers
// stay" — the brand's own published numbers ("call us on 0800 …", "1-800-275-2273") do; only one
// written as the customer's becomes {{ask:phone}}. 7+ digits, so "tu número 4821" is not a phone.
const CUSTOMER_PHONE =
  /(\b(?:(?:call(?:ed|ing)?|ring(?:ing)?|rang|phon(?:e|ed|ing)|text(?:ed|ing)?|reach(?:ed)?|contact(?:ed)?)\s+you(?:\s+back)?\s+(?:on|at)|your\s+(?:phone|mobile|cell|contact|telephone)(?:\s+number)?(?:\s+(?:is|as))?\s*:?|(?:te|le|os|les)\s+(?:llamamos|llamaremos|llamaré|llamare|llamará|llamara|llamó|llamo|hemos\s+llamado)\s+al?|llamar(?:te|le|os)\s+al?|(?:tu|su)\s+(?:número|numero|teléfono|telefono|móvil|movil)(?:\s+de\s+(?:teléfono|telefono|móvil|movil|contacto))?(?:\s+es)?\s*:?)[ \t]*)(\+?\(?\d[\d \t().-]{5,}\d)/giu;
// @handles written in the text (after the leading reply mentions are taken off).
const MENTION = /(?<![\p{L}\p{N}_.@])@([\p{L}\p{N}_]{1,50})(?![\p{L}\p{N}_@])/gu;
// What the name pass never looks into: variables already put in, @handles, e-mail addresses.
const PROTECTED = /\{\{[^{}]*\}\}|(?<![\p{L}\p{N}_])@[\p{L}\p{N}_.]{1,50}|[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+/gu;
// Words before a surname alone ("Ms Smith", "Sra. García"): with the surname, the customer's name.
const TITLE_WORDS = new Set('mr mrs ms miss mx dr prof sr sra srta dra don doña dona dña señor señora senor senora'.split(' '));
// Case references as Caseside writes them: the brand's prefix (capitals and digits), a dash, 4+ digits.
const CASE_REFERENCE = /(?<![\p{L}\p{N}/-])[A-Z][A-Z0-9]{0,7}-\d{4,}(?![\p{L}\p{N}/-])/gu;
// "order 48213", "order #4821", "order no. 4821", "pedido nº 48213", "orden 48213" (4–5 digits; 6+ is REFERENCE's).
const ORDER_NUMBER = /(\b(?:[Oo]rder|[Pp]edido|[Oo]rden)(?:\s+(?:number|no\.?|n[º°o]\.?|número|numero))?\s*:?\s*)#?\d{4,5}(?![\p{L}\p{N}])/gu;
// Words for comparing with the customer's first name (letters, inner apostrophes and hyphens).
const NAME_WORD = /(?<![\p{L}\p{M}])\p{L}[\p{L}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*/gu;
const POSSESSIVE = /['’]s$/iu;
const foldName = (s: string) => s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
/** Letters and digits only, folded: "@Acme_Help" → "acmehelp". */
const foldKey = (s: string) => foldName(s).replace(/[^\p{L}\p{N}]/gu, '');
/** Written with a capital where the display name has one ("Bill", not "your bill", for Bill Evans). */
const capitalisedAs = (written: string, asNamed: string): boolean => {
  const c = asNamed.charAt(0);
  return c.toLowerCase() === c || written.charAt(0) !== written.charAt(0).toLowerCase();
};
const TRAILING_URLS = /(?:\s+https?:\/\/\S+)+\s*$/u;
// Sign-offs at the very end: "^JD", "^Madison", "^lg", "^A.P.", "^LG2", "^李", "-Ann", "- Ann", "~AB",
// "–Sabi", "*JD". Used when the brand's signature (GeneraliseContext.brandSignature) is not known
// or does not match.
const SIGN_OFF = /(?:^|(?<=[\s\p{P}\p{So}]))(?:\^\s?\p{L}[\p{L}\p{N}.]{0,19}|[-–—~*]\s?[\p{Lu}][\p{L}]{0,14}(?:\s[\p{Lu}]\.?)?)\.?\s*$/u;

// What a brand signature's placeholders stand for in a past reply, signed by any of its agents.
const INITIALS_RUN = '[\\p{L}\\p{N}.]{1,6}';
// A name: one to four words, each starting with a capital (or a letter without case, "李"),
// name particles between them ("Ana de la Fuente"). Capitals, so that a sentence before a
// sign-off without punctuation is not taken for a name.
const NAME_WORD_START = '[\\p{Lu}\\p{Lt}\\p{Lo}]';
const NAME_WORD_RUN = `${NAME_WORD_START}[\\p{L}\\p{M}'’.-]{0,24}`;
const NAME_PARTICLE = '(?:de|del|della|la|las|los|le|da|das|do|dos|di|du|van|von|der|den|y)';
const NAME_RUN = `${NAME_WORD_RUN}(?:[ \\t]+(?:${NAME_PARTICLE}[ \\t]+){0,2}${NAME_WORD_RUN}){0,3}`;
const SIGNATURE_PLACEHOLDER = /\{\{\s*([^{}]{1,120}?)\s*\}\}/gu;

/** Literal signature text as a pattern: letters in either case, any run of spaces optional. */
function literalPattern(text: string): string {
  let out = '';
  for (const ch of text.replace(/\s+/gu, ' ')) {
    if (ch === ' ') {
      out += '\\s*';
      continue;
    }
    const lower = ch.toLowerCase();
    const upper = ch.toUpperCase();
    out += lower !== upper && lower.length === 1 && upper.length === 1 ? `[${lower}${upper}]` : escapeRegExp(ch);
  }
  return out;
}

/**
 * The brand's signature template as an end-anchored pattern, or null when it cannot tell a
 * sign-off from the reply: no literal text to anchor it ("{{agent.name}}" alone would take any
 * capitalised words at the end) or a placeholder a signature cannot hold.
 */
function templatePattern(template: string, brandName: string | undefined): RegExp | null {
  const written = template.trim();
  if (!written) return null;
  let pattern = '';
  let literal = '';
  let last = 0;
  for (const m of written.matchAll(SIGNATURE_PLACEHOLDER)) {
    const text = written.slice(last, m.index);
    literal += text;
    pattern += literalPattern(text);
    last = m.index + m[0].length;
    const variable = (m[1] ?? '').trim().toLowerCase();
    if (variable === 'agent.initials') pattern += INITIALS_RUN;
    else if (variable === 'agent.name') pattern += NAME_RUN;
    else if (variable === 'brand.name' && brandName?.trim()) {
      // The brand's name is fixed text as much as the signature's own words.
      literal += brandName.trim();
      pattern += literalPattern(brandName.trim());
    }
    else if (variable === 'brand.name') pattern += NAME_RUN;
    else return null;
  }
  const rest = written.slice(last);
  literal += rest;
  pattern += literalPattern(rest);
  // Fixed text that could anchor it: a letter or a sign-off mark. "{{agent.name}}." alone would
  // match any name at the end of a reply — the customer's too.
  if (!/[\p{L}^\-–—~*]/u.test(literal)) return null;
  // Starts where a word can: not inside one ("McDonald" is not "Donald").
  // Global, to be searched from the reply's second character on (signOffIn).
  return new RegExp(`(?:^|(?<=[\\s\\p{P}\\p{S}]))${pattern}\\.?\\s*$`, 'gu');
}

// Compiled per signature once: building a Unicode-property regex per reply costs far more than
// running it. A handful of brands per panel; cleared rather than grown without end.
const templatePatterns = new Map<string, RegExp | null>();
function signaturePattern(ctx: Pick<GeneraliseContext, 'brandSignature' | 'brandName'>): RegExp | null {
  if (!ctx.brandSignature?.trim()) return null;
  const key = `${ctx.brandName ?? ''}\u0000${ctx.brandSignature}`;
  let re = templatePatterns.get(key);
  if (re === undefined) {
    if (templatePatterns.size >= 64) templatePatterns.clear();
    templatePatterns.set(key, (re = templatePattern(ctx.brandSignature, ctx.brandName)));
  }
  return re;
}

/** Where the trailing sign-off of `head` (a reply without its trailing links) starts, if it has one. */
/** A thanks or greeting word (and the space after it) leading a would-be signature match. */
const SIGN_OFF_LEAD = new RegExp(`^\\s*(?:${GREETING_WORDS}|saludos|regards|best|un saludo)\\b[,!]?\\s+`, 'iu');

function signOffIn(head: string, ctx: Pick<GeneraliseContext, 'brandSignature' | 'brandName'>, brandOnly = false): RegExpMatchArray | undefined {
  const byTemplate = signaturePattern(ctx);
  if (byTemplate) {
    // The first match after the reply's start: a reply that is nothing but a sign-off keeps it,
    // and one whose first words would pass for a name ("Thanks Laura · Acme support") is read
    // from a later word.
    byTemplate.lastIndex = 1;
    let sig = byTemplate.exec(head);
    // A thanks or greeting word is not the start of a name: "Please wait. Thanks Laura García ·
    // Acme" signs "Laura García · Acme", so the search goes on from the next word.
    while (sig && sig.index !== undefined && SIGN_OFF_LEAD.test(sig[0])) {
      byTemplate.lastIndex = sig.index + (sig[0].match(SIGN_OFF_LEAD)?.[0].length ?? 1);
      sig = byTemplate.exec(head);
    }
    if (sig) return sig;
  }
  if (brandOnly) return undefined;
  const sig = head.match(SIGN_OFF);
  // A reply that is nothing but a sign-off keeps it.
  return sig && sig.index !== undefined && sig.index > 0 ? sig : undefined;
}

/**
 * The trailing sign-off of a reply as written ("^JD", "-Ann", "-Laura García" for a brand signing
 * "-{{agent.name}}"), before any trailing links: where it starts and ends in `text`, if it has one.
 */
export function findSignOff(
  text: string,
  ctx: Pick<GeneraliseContext, 'brandSignature' | 'brandName'> = {},
  /** Only what the brand's own signature pattern matches (no "- Word" guess: "Mon - Fri", "- Thanks"). */
  brandOnly = false,
): { start: number; end: number; text: string } | undefined {
  const tail = text.match(TRAILING_URLS)?.[0] ?? '';
  const head = tail ? text.slice(0, text.length - tail.length) : text;
  const sig = signOffIn(head, ctx, brandOnly);
  if (!sig || sig.index === undefined) return undefined;
  const written = sig[0].trim();
  const start = sig.index + sig[0].indexOf(written);
  return { start, end: start + written.length, text: written };
}

/** The trailing sign-off of a reply as written ("^JD", "-Ann"), if it has one. */
export function signOff(text: string, ctx: Pick<GeneraliseContext, 'brandSignature' | 'brandName'> = {}): string | undefined {
  return findSignOff(text.replace(/\r\n?/gu, '\n'), ctx)?.text;
}

/**
 * `fn` applied to the text between PROTECTED tokens (variables, @handles, addresses), which stay
 * as they are; `before` is the text ahead of the part (to tell where a sentence starts).
 */
function outsideProtected(text: string, fn: (part: string, before: string) => string): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(PROTECTED)) {
    out += fn(text.slice(last, m.index), text.slice(0, last)) + m[0];
    last = m.index + m[0].length;
  }
  return out + fn(text.slice(last), text.slice(0, last));
}

/** The brand's own @handle: one of its accounts, or one holding its name ("@AcmeHelp" for Acme). */
function isBrandHandle(written: string, ctx: GeneraliseContext): boolean {
  const h = foldKey(written);
  if (ctx.brandHandles?.some((b) => foldKey(b) === h)) return true;
  const brand = foldKey(ctx.brandName ?? '');
  return brand.length >= 3 && (h.includes(brand) || (h.length >= 4 && brand.includes(h)));
}

/**
 * The brand's own address, which stays: an organisation's mailbox ("support@…", ROLE_MAILBOX) or
 * one at a domain holding the brand's name ("returns@acme.co.uk", "laura@acme.com").
 */
function isBrandMailbox(address: string, ctx: GeneraliseContext): boolean {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at).toLowerCase();
  if (ROLE_MAILBOX.has(local)) return true;
  const brand = foldKey(ctx.brandName ?? '');
  const domain = foldKey(address.slice(at + 1).replace(/\.[^.]+$/u, ''));
  return brand.length >= 3 && domain.includes(brand);
}

interface NameParts {
  /** The first name, folded, and as the display name writes it. */
  first: string;
  firstAsNamed: string;
  /** The display name's other words (not titles), folded → as written. */
  others: Map<string, string>;
  /** Its last such word, folded (the surname, usually). */
  last?: string;
  /**
   * The other words that are taken for the customer's even when written alone ("Smith, your
   * refund…", "Thanks Smith"): not a name particle ("de", "la") nor a word of the brand's name
   * (Jane Acme writing to Acme: "Acme" stays).
   */
  surnames: Set<string>;
}

const NAME_PARTICLES = new Set(NAME_PARTICLE.replace(/^\(\?:|\)$/gu, '').split('|'));

function nameParts(displayName: string | undefined, brandName?: string): NameParts | undefined {
  const first = firstName(displayName);
  if (!displayName || !first || first.length < 2) return undefined;
  const folded = foldName(first);
  const others = new Map<string, string>();
  let last: string | undefined;
  for (const word of displayName.normalize('NFKC').match(NAME_WORD) ?? []) {
    const f = foldName(word);
    if (f === folded || word.length < 2 || TITLE_WORDS.has(f)) continue;
    others.set(f, word);
    last = f;
  }
  const brandWords = new Set((brandName?.normalize('NFKC').match(NAME_WORD) ?? []).map((w) => foldName(w.replace(POSSESSIVE, ''))));
  const surnames = new Set([...others.keys()].filter((f) => !NAME_PARTICLES.has(f) && !brandWords.has(f)));
  return { first: folded, firstAsNamed: first, others, last, surnames };
}

/** Whether a (folded) text may hold the name: its first name, or a surname a title may precede. */
const mayHoldName = (folded: string, name: NameParts): boolean =>
  folded.includes(name.first) || (name.others.size > 0 && [...name.others.keys()].some((o) => o.length >= 2 && folded.includes(o)));

const startsLower = (word: string): boolean => {
  const c = word.charAt(0);
  return c !== c.toUpperCase();
};

// Where a sentence starts: the text before a word ends with nothing, or with a full stop, "!",
// "?", "¡", "¿" or a line break (and spaces, quotes or a bracket).
const SENTENCE_START = /(?:^|[.!?¡¿…\n])[\s"“'‘(]*$/u;
// After a surname that opens a sentence, what makes it the name it is: a comma or other mark
// ("Smith, your refund…", "Smith!") or the end. "Best regards", "Hope this helps" and "Price
// changes…" for a Ms Best, Hope or Price are words there, written with a capital.
const ADDRESSED = /^\s*(?:[,!?.:;)]|$)/u;

/**
 * The customer's name in `part` as variables. The first name, with the further words of the
 * display name written after it ("Jane Smith" — Facebook starts a Page's reply with the
 * commenter's full name —, "María José" for María José García): {{customer.name}} when they reach
 * its last word, else {{customer.first_name}} (the words after it go too, so no part of the name is
 * left behind). A title and a surname ("Ms Smith", "Sra. García") → {{customer.name}}, and so
 * does a surname alone ("Smith, your refund…", "Thanks Smith"). `before`: the text ahead of `part`.
 */
function customerNameIn(part: string, name: NameParts, use: (v: string) => string, before = ''): string {
  const ms = [...part.matchAll(NAME_WORD)];
  let out = '';
  let last = 0;
  for (let i = 0; i < ms.length; i++) {
    const m = ms[i]!;
    const bare = m[0].replace(POSSESSIVE, '');
    const f = foldName(bare);
    const isFirst = f === name.first && capitalisedAs(bare, name.firstAsNamed);
    const isTitle = !isFirst && TITLE_WORDS.has(f) && !startsLower(bare);
    if (!isFirst && !isTitle) {
      // A surname alone, written as a name (capitalised, whatever the display name does: "brown"
      // stays for jane brown): {{customer.name}}, as after a title. Opening a sentence, only when
      // it is plainly the name: possessive or followed by punctuation (see ADDRESSED).
      if (!name.surnames.has(f) || startsLower(bare)) continue;
      const after = part.slice(m.index + m[0].length);
      if (SENTENCE_START.test(before + part.slice(0, m.index)) && bare === m[0] && !ADDRESSED.test(after)) continue;
      out += part.slice(last, m.index) + use('customer.name') + m[0].slice(bare.length);
      last = m.index + m[0].length;
      continue;
    }
    let end = isFirst ? i : -1;
    let full = false;
    let possessive = bare !== m[0];
    for (let k = i + 1; !possessive && k < ms.length; k++) {
      const prev = ms[k - 1]!;
      const next = ms[k]!;
      const gap = part.slice(prev.index + prev[0].length, next.index);
      if (!(k === i + 1 && isTitle ? /^\.?[ \t\u00a0]{1,3}$/u : /^[ \t\u00a0]{1,3}$/u).test(gap)) break;
      const nextBare = next[0].replace(POSSESSIVE, '');
      const nf = foldName(nextBare);
      const asNamed = name.others.get(nf);
      if (asNamed === undefined || !capitalisedAs(nextBare, asNamed)) break;
      possessive = nextBare !== next[0];
      // A run ends on a capitalised word: "Ana de nuevo" keeps "de" (a word of "Ana de la Fuente").
      if (!startsLower(nextBare)) {
        end = k;
        if (nf === name.last) full = true;
      }
    }
    if (end < 0) continue;
    const endWord = ms[end]![0];
    const endBare = endWord.replace(POSSESSIVE, '');
    out += part.slice(last, m.index) + use(isTitle || full ? 'customer.name' : 'customer.first_name') + endWord.slice(endBare.length);
    last = ms[end]!.index + endWord.length;
    i = end;
  }
  return last === 0 ? part : out + part.slice(last);
}

export function generaliseReply(text: string, ctx: GeneraliseContext = {}): Generalised {
  const variables: string[] = [];
  const use = (v: string): string => {
    if (!variables.includes(v)) variables.push(v);
    return `{{${v}}}`;
  };

  let body = text.replace(/\r\n?/gu, '\n').replace(LEADING_MENTIONS, '');

  // Trailing sign-off, looked for before any trailing links ("… ^SC https://t.co/x").
  const tail = body.match(TRAILING_URLS)?.[0] ?? '';
  let head = tail ? body.slice(0, body.length - tail.length) : body;
  const sig = signOffIn(head, ctx);
  if (sig && sig.index !== undefined) {
    head = `${head.slice(0, sig.index).trimEnd()} ${use('agent.signature')}`;
  }
  body = head + tail;

  body = body.replace(DM_LINK, () => use('ask:DM link'));

  // E-mail addresses first: "jane.doe@gmail.com" must not become "{{customer.first_name}}.doe@…".
  body = body.replace(EMAIL, (address) => (isBrandMailbox(address, ctx) ? address : use('ask:email')));
  body = body.replace(CUSTOMER_PHONE, (whole, lead: string, number: string) =>
    number.replace(/\D/gu, '').length >= 7 ? `${lead}${use('ask:phone')}` : whole,
  );

  // @handles in the text. The customer's becomes theirs; the brand's own accounts ("DM
  // @AcmeHelp") stay. Any other one, when the customer's handle is known, is someone else (a
  // third party the agent named): the agent says who (@{{ask:handle}}). When it is not known,
  // a mention in a reply is the customer it answers far more often than anyone else: theirs.
  // Either way no stranger's handle reaches the next customer, and the group key (comparison
  // words, variables and mentions left out) is the same whether the handle was known or not, so
  // a reply generalised for "already sent" matches the one learnt from the history.
  const handle = ctx.customerHandle?.replace(/^@/u, '');
  body = body.replace(MENTION, (whole, written: string) => {
    if (handle && written.toLowerCase() === handle.toLowerCase()) return `@${use('customer.handle')}`;
    if (isBrandHandle(written, ctx)) return whole;
    return `@${use(handle ? 'ask:handle' : 'customer.handle')}`;
  });

  // The customer's name as the card shows it ("Dr. Jane Smith" → Jane, "kevin_b" → kevin),
  // matched whatever its accents ("María" written "Maria"), with a capital where the display name
  // has one ("your bill" stays for Bill Evans). Never inside a variable, an @handle or an address.
  const name = nameParts(ctx.customerName, ctx.brandName);
  // (Words are compared one by one only when the name is in the text at all: most replies lack it.)
  if (name && mayHoldName(foldName(body), name)) {
    body = outsideProtected(body, (part, before) => customerNameIn(part, name, use, before));
  }
  // Also, known or not (nicknames, a display name that is a company or a handle): a capitalised
  // word right after a greeting and followed by punctuation.
  body = outsideProtected(body, (part) =>
    part.replace(
      GREETING_NAME,
      (whole, pre: string, greet: string, gap: string, word: string) =>
        NOT_NAMES.has(word.toLowerCase()) ? whole : `${pre}${greet}${gap}${use('customer.first_name')}`,
    ),
  );

  // This brand's own case references ("ACME-0042", from a {{case.reference}} template).
  body = body.replace(CASE_REFERENCE, () => use('case.reference'));
  // A number named as an order ("order 48213", "tu pedido nº 4821"): shorter than REFERENCE's 6 digits.
  body = body.replace(ORDER_NUMBER, (_m, lead: string) => `${lead}${use('ask:order number')}`);

  body = body.replace(REFERENCE, (ref, offset: number, all: string) => {
    const before = all.slice(Math.max(0, offset - 24), offset).toLowerCase();
    return use(/\b(order|pedido)\b[^.]*$/u.test(before) ? 'ask:order number' : 'ask:reference');
  });

  return { body: body.replace(/[ \t]{2,}/gu, ' ').trim(), variables };
}
