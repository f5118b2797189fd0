/**
 * Template variables and fill-in fields.
 *
 *   {{customer.first_name}} {{customer.name}} {{customer.handle}} {{case.reference}}
 *   {{agent.signature}} {{agent.name}} {{agent.initials}} {{brand.name}} — filled from the context
 *   {{ask:order number}}                                      — a question the agent answers
 *
 * The agent's name and initials come from the profile of whoever sits at this browser
 * (lib/panel/agent-profile.ts). A brand's signature may hold them too ("^{{agent.initials}}",
 * the X support convention, gives "^AP"), and {{brand.name}}: {{agent.signature}} is that
 * signature with them in ({@link fillSignature}). A signature that needs a name nobody has set is left out rather than
 * blocking the insert; the checks then say how to set it.
 *
 * Anything that cannot be filled stays in the text as written and is listed in `unresolved`, and so
 * does a placeholder with a brace missing or extra ("{{customer.first_name}"), braces included;
 * {@link insertRefusal} refuses an insert while that list is not empty. Lookups go through a
 * Map / own-property checks, so hostile names such as {{constructor}} or {{__proto__}} are just
 * "unknown variable", never a prototype read.
 */
import { t } from '../i18n';

export interface VariableContext {
  customer?: { displayName?: string; handle?: string };
  case?: { reference?: string };
  agent?: AgentVariables;
  brand?: { name?: string; signature?: string };
}

/** Who the agent is, for templates; `signature` overrides the brand's. */
export interface AgentVariables {
  name?: string;
  initials?: string;
  signature?: string;
}

export interface FillResult {
  text: string;
  /** Placeholders still in `text`, as written between the braces ("customer.first_name", "ask:order number"). */
  unresolved: string[];
}

export interface FillOptions {
  /**
   * Drop an unknown customer name instead of leaving it unresolved ("Hi {{customer.first_name}}, …"
   * → "Hi, …"). Used for suggestions generalised from past replies, where the name was incidental.
   */
  dropUnknownName?: boolean;
}

export const KNOWN_VARIABLES = [
  'customer.first_name',
  'customer.name',
  'customer.handle',
  'case.reference',
  'agent.signature',
  'agent.name',
  'agent.initials',
  'brand.name',
] as const;
export type KnownVariable = (typeof KNOWN_VARIABLES)[number];

const PLACEHOLDER = /\{\{\s*([^{}]{1,120}?)\s*\}\}/gu;
const ASK_PREFIX = /^ask\s*:\s*/iu;
const TITLES = new Set('mr mrs ms miss mx dr prof sir dame lord lady rev fr sr sra srta dra ing lic dña'.split(' '));
// Spanish abbreviations written with the ordinal sign, which NFKC would turn into "Ma" and "Da":
// "Mª Carmen" is María Carmen, "Dª Carmen Ruiz" is Doña Carmen Ruiz.
const ORDINAL_ABBREVIATIONS: [RegExp, string][] = [
  [/(^|[\s,])Mª\.?(?=\s|$)/gu, '$1María'],
  [/(^|[\s,])Dª\.?(?=\s|$)/gu, '$1Doña'],
];
// After a comma, a surname first ("Smith, John 🌻") only when what follows is one or two
// capitalised words and no other word: "Sam, she/her" and "Mike, dad of two" keep Sam and Mike.
const SURNAME_FIRST = /^\s*([\p{L}'’-]+(?:\s+[\p{L}'’-]+)?)\s*,\s*(\p{Lu}[\p{L}'’-]*)(?:\s+\p{Lu}[\p{L}'’-]*)?[^\p{L}/]*$/u;
// Spanish "Don José García", but "Don Draper" is a name: a title only with two more words after it.
const TITLES_BEFORE_FULL_NAME = new Set('don dona doña'.split(' '));
// "Dana, CEO" is a name and a role, not "Surname, Name".
const ROLES = new Set('ceo cto cfo coo founder cofounder co-founder owner director manager phd md mba jr sr esq'.split(' '));

/**
 * First name from a display name: skips emoji, @handles, titles ("Dr.", "Sra.", "Dña.") and
 * initials; "Smith, John" → "John" (but "Sam, she/her" → "Sam"); "Mª Carmen" → "María".
 * Returns undefined when nothing name-like is left.
 */
export function firstName(displayName: string | undefined): string | undefined {
  if (!displayName) return undefined;
  // NFKC: styled letters ("𝐉𝐚𝐧𝐞", fullwidth) become the letters a reply would use.
  let name = ORDINAL_ABBREVIATIONS.reduce((n, [pattern, word]) => n.replace(pattern, word), displayName).normalize('NFKC');
  const comma = name.match(SURNAME_FIRST);
  if (comma?.[2] && !ROLES.has(comma[2].toLowerCase()) && comma[2] !== comma[2].toUpperCase()) name = comma[2];
  const words = name
    .split(/[\s|/·•,]+/u)
    .filter((raw) => !raw.startsWith('@') && !raw.startsWith('#'))
    .map((raw) => raw.replace(/^[^\p{L}]+|[^\p{L}'’-]+$/gu, '').replace(/[^\p{L}'’-].*$/u, ''))
    .filter((word) => word.length >= 2 && /\p{L}/u.test(word));
  for (const [i, word] of words.entries()) {
    const bare = word.toLowerCase().replace(/\.$/u, '');
    if (TITLES.has(bare)) continue;
    if (TITLES_BEFORE_FULL_NAME.has(bare) && words.length - i > 2) continue;
    return word;
  }
  return undefined;
}

/** The variables a signature may hold: who is signing. */
const AGENT_FIELDS = new Map<string, 'name' | 'initials'>([
  ['agent.name', 'name'],
  ['agent.initials', 'initials'],
]);

/** "agent.name" → "name", "Agent.Initials" → "initials"; undefined for any other variable. */
export const agentField = (variable: string): 'name' | 'initials' | undefined => AGENT_FIELDS.get(variable.trim().toLowerCase());

export interface FilledSignature {
  /** The signature with the agent's name and initials in; '' when it needs one that is not set. */
  text: string;
  /** The agent variables it needs that are not set ("agent.initials"), as written in lower case. */
  missing: string[];
}

/** The placeholders a brand's signature may hold: who is signing, and the brand. */
export const SIGNATURE_VARIABLES = ['agent.name', 'agent.initials', 'brand.name'] as const;

/**
 * Placeholders of a signature that it may not hold ("agent.signature", "customer.name"), as
 * written between the braces: a signature is filled once, for whoever is signing, for any customer.
 */
export function signatureProblems(signature: string | undefined): string[] {
  const allowed: readonly string[] = SIGNATURE_VARIABLES;
  return [...new Set(placeholders(signature ?? '').filter((p) => !allowed.includes(p.toLowerCase())))];
}

/**
 * A signature with the agent's {{agent.name}} / {{agent.initials}} and the brand's {{brand.name}}
 * filled in: "^{{agent.initials}} · {{brand.name}}" → "^AP · Acme". Other placeholders (which the
 * brand form refuses) stay as written, and so does {{brand.name}} when no brand name is given.
 * When an agent field is needed and not set, the whole signature is left out ("^" alone, or
 * " from Acme", would be a broken signature) and `missing` says why.
 */
export function fillSignature(
  signature: string | undefined,
  agent: Pick<AgentVariables, 'name' | 'initials'> | undefined,
  brandName?: string,
): FilledSignature {
  const missing: string[] = [];
  const brand = brandName?.trim();
  const text = (signature ?? '').replace(PLACEHOLDER, (whole, rawInner: string) => {
    const variable = rawInner.trim().toLowerCase();
    if (variable === 'brand.name') return brand || whole;
    const field = agentField(rawInner);
    if (!field) return whole;
    const value = agent?.[field]?.trim();
    if (value) return value;
    if (!missing.includes(variable)) missing.push(variable);
    return whole;
  });
  return { text: missing.length ? '' : text, missing };
}

/**
 * The value of one known variable. Only the one asked for is worked out (a switch, not a table of
 * every value): the engine fills dozens of candidates per ranking, and firstName and the signature
 * are the costly ones. Unknown names (including {{constructor}} or {{__proto__}}) give undefined.
 */
function lookup(name: string, ctx: VariableContext): string | undefined {
  switch (name.toLowerCase()) {
    case 'customer.first_name':
      return firstName(ctx.customer?.displayName);
    case 'customer.name':
      return ctx.customer?.displayName?.trim() || undefined;
    case 'customer.handle':
      return ctx.customer?.handle?.replace(/^@/u, '') || undefined;
    case 'case.reference':
      return ctx.case?.reference || undefined;
    case 'agent.name':
      return ctx.agent?.name?.trim() || undefined;
    case 'agent.initials':
      return ctx.agent?.initials?.trim() || undefined;
    case 'agent.signature':
      // A missing signature is not a blocker: it resolves to '' and the signature check warns
      // (or, when it needs the agent's name and none is set, says where to set it). An agent
      // signature filled elsewhere (agentVariables) may still hold {{brand.name}}: filling it
      // again fills that and leaves the rest as it is.
      return fillSignature(ctx.agent?.signature ?? ctx.brand?.signature, ctx.agent, ctx.brand?.name).text;
    case 'brand.name':
      return ctx.brand?.name || undefined;
    default:
      return undefined;
  }
}

/** The fill-in questions of a body, in order, without duplicates: "{{ask:order number}}" → "order number". */
export function askQuestions(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(PLACEHOLDER)) {
    const inner = m[1] ?? '';
    if (!ASK_PREFIX.test(inner)) continue;
    const q = inner.replace(ASK_PREFIX, '').trim();
    if (q && !out.includes(q)) out.push(q);
  }
  return out;
}

/**
 * Braces left over once the complete placeholders are taken out: a placeholder written with one
 * brace too few or too many on a side ("{{customer.first_name}", "{ask:order number}}"), which
 * would otherwise be inserted as literal text. Each is given as written, braces included.
 */
const BROKEN = /\{\{(?:[^{}\n]{0,60}\}(?!\})|\s*[^\s{},;!?]*)|\{?[^\s{}]*\}\}/gu;

/**
 * The half-closed placeholders of a body ({@link BROKEN}), in order, without duplicates. Only the
 * body's own braces count: a value filled in (a customer's display name) is never looked at.
 */
export function brokenPlaceholders(body: string): string[] {
  const out: string[] = [];
  for (const m of body.replace(PLACEHOLDER, ' ').matchAll(BROKEN)) {
    const fragment = m[0].trim();
    if (!out.includes(fragment)) out.push(fragment);
  }
  return out;
}

/** A broken placeholder in `unresolved` ({@link brokenPlaceholders}): it holds a brace. */
const isBroken = (u: string): boolean => /[{}]/u.test(u);

/** All placeholders of a body, as written between the braces. */
export function placeholders(body: string): string[] {
  return [...body.matchAll(PLACEHOLDER)].map((m) => (m[1] ?? '').trim());
}

export function fillTemplate(
  body: string,
  ctx: VariableContext,
  answers: Readonly<Record<string, string>> = {},
  options: FillOptions = {},
): FillResult {
  const unresolved: string[] = [];
  const answer = (q: string): string | undefined =>
    Object.prototype.hasOwnProperty.call(answers, q) && typeof answers[q] === 'string' && answers[q].trim()
      ? answers[q].trim()
      : undefined;
  let text = body.replace(PLACEHOLDER, (whole, rawInner: string) => {
    const inner = rawInner.trim();
    if (ASK_PREFIX.test(inner)) {
      const value = answer(inner.replace(ASK_PREFIX, '').trim());
      if (value !== undefined) return value;
    } else {
      const value = lookup(inner, ctx);
      if (value !== undefined) return value;
      if (options.dropUnknownName && /^customer\.(first_name|name)$/iu.test(inner)) return '\u0000';
    }
    if (!unresolved.includes(inner)) unresolved.push(inner);
    return whole;
  });
  if (text.includes('\u0000')) {
    // "Hi {{name}}, thanks" → "Hi, thanks"; "Thanks {{name}}!" → "Thanks!" (NUL marks the
    // dropped name: it cannot occur in a template, which is plain text).
    // A name set off by commas takes one of them along: "sorry, {{name}}, and" → "sorry, and".
    /* eslint-disable no-control-regex */
    text = text
      .replace(/,[ \t]*\u0000[ \t]*(?=,)/gu, '')
      .replace(/[ \t]*\u0000[ \t]*(?=[,.!?;:])/gu, '')
      .replace(/[ \t]*\u0000/gu, '');
    /* eslint-enable no-control-regex */
  }
  // Braces a placeholder left unbalanced stay as written: the insert is refused until they are fixed.
  for (const broken of brokenPlaceholders(body)) if (!unresolved.includes(broken)) unresolved.push(broken);
  return { text: tidy(text), unresolved };
}

/** Collapses the spaces left by empty values (an empty signature, a dropped name). */
function tidy(text: string): string {
  return text
    .replace(/[ \t]{2,}/gu, ' ')
    .replace(/[ \t]+([,.!?;:])(?=\s|$)/gu, '$1')
    .replace(/^[ \t]*,\s*/u, '')
    .replace(/[ \t]+$/gmu, '')
    .trim();
}

/**
 * Why an insert must not happen yet, or null when it may. The message names every placeholder
 * still open, so the agent knows what to fill.
 */
export function insertRefusal(result: Pick<FillResult, 'unresolved'>): string | null {
  if (result.unresolved.length === 0) return null;
  const broken = result.unresolved.filter(isBroken);
  const open = result.unresolved.filter((u) => !isBroken(u));
  const names = open.map((u) =>
    ASK_PREFIX.test(u) ? `"${u.replace(ASK_PREFIX, '')}"` : `{{${u}}}`,
  );
  return [
    broken.length ? t('check.brokenPlaceholder', { names: broken.map((b) => `"${b}"`).join(', ') }) : '',
    names.length ? t('check.unresolved', { names: names.join(', ') }) : '',
  ]
    .filter(Boolean)
    .join(' ');
}

export function canInsert(result: Pick<FillResult, 'unresolved'>): boolean {
  return insertRefusal(result) === null;
}
