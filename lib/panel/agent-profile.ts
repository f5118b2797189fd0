/**
 * Who sits at this browser: the agent's name ("Ana Pérez") and initials ("AP"). They fill
 * {{agent.name}} and {{agent.initials}} in templates and in a brand's signature
 * ("^{{agent.initials}}" → "^AP"), and sign the notes the agent writes.
 *
 * Kept in extension storage (browser.storage.local), not in the database: it belongs to the
 * browser, not to the brands' data, so a backup does not carry it and restoring a colleague's
 * backup does not change who you are. The panel and the options page follow it live
 * (useAgentProfile).
 */
import { browser } from 'wxt/browser';
import { z } from 'zod';
import { t } from '../i18n';
import { fillSignature, type AgentVariables } from '../suggest/variables';
import { useStoredValue } from './use-stored-value';

export const AGENT_PROFILE_KEY = 'agentProfile';
export const AGENT_NAME_MAX = 80;
export const AGENT_INITIALS_MAX = 6;

// Curly braces would read as a template variable once the name is in a reply; control
// characters (line breaks) have no place in a name or a signature.
const NAME_CHARS = /^[^{}\p{Cc}]*$/u;
const INITIALS_CHARS = /^[^\s{}\p{Cc}]*$/u;
/**
 * A sign-off symbol typed in front of the initials ("^AP"): the brand's signature carries it
 * ("^{{agent.initials}}"), so the initials would sign "^^AP".
 */
const LEADING_SYMBOL = /^[\^~*\-–—]/u;

export const AgentProfileSchema = z.object({
  name: z.string().trim().min(1).max(AGENT_NAME_MAX).regex(NAME_CHARS),
  initials: z.string().trim().min(1).max(AGENT_INITIALS_MAX).regex(INITIALS_CHARS).refine((s) => !LEADING_SYMBOL.test(s)),
});
export type AgentProfile = z.infer<typeof AgentProfileSchema>;

/** What the agent typed in the options page. */
export interface AgentProfileInput {
  name: string;
  initials: string;
}

export type AgentField = keyof AgentProfileInput;

export type AgentProfileCheck =
  /** `profile` null: both fields empty, the profile is cleared. */
  | { ok: true; profile: AgentProfile | null }
  | { ok: false; problems: { field: AgentField; message: string }[] };

/**
 * Initials taken from a name: the first letter of each of its first three words, upper case.
 * Lower-case particles are skipped when the name has capitalised words ("Ana de la Fuente" → "AF").
 * A hyphenated first name gives both its parts ("Jean-Luc Picard" → "JLP", "Marie-Ève Côté" →
 * "MÈC"). "Ana Pérez" → "AP", "María José López" → "MJL"; '' when the name has no letter.
 */
export function initialsOf(name: string): string {
  const firstLetter = (w: string) => w.match(/\p{L}/u)?.[0];
  const words = name.normalize('NFC').trim().split(/\s+/u).filter((w) => firstLetter(w));
  const capitalised = words.filter((w) => {
    const c = firstLetter(w)!;
    return c !== c.toLocaleLowerCase();
  });
  const [first, ...rest] = capitalised.length ? capitalised : words;
  if (!first) return '';
  const parts = [...first.split(/[-‐]/u).filter((p) => firstLetter(p)), ...rest];
  return parts
    .map((w) => firstLetter(w)!)
    .slice(0, 3)
    .join('')
    .toLocaleUpperCase();
}

/** A profile as typed, checked: the problems in the agent's words, per field. */
export function checkAgentProfile(input: AgentProfileInput): AgentProfileCheck {
  const name = input.name.trim();
  const typedInitials = input.initials.trim();
  if (!name && !typedInitials) return { ok: true, profile: null };
  const parsed = AgentProfileSchema.safeParse({ name, initials: typedInitials || initialsOf(name) });
  if (parsed.success) return { ok: true, profile: parsed.data };
  const problems: { field: AgentField; message: string }[] = [];
  const fields = new Set(parsed.error.issues.map((issue) => issue.path[0]));
  if (fields.has('name'))
    problems.push({
      field: 'name',
      message: name ? t('agent.problem.name', { max: AGENT_NAME_MAX }) : t('agent.problem.nameMissing'),
    });
  // A missing name already says what to do; initials that cannot be taken from it are a problem
  // only when there is a name to take them from.
  if (fields.has('initials') && (typedInitials || (name && !fields.has('name')))) {
    const symbol = typedInitials.match(LEADING_SYMBOL)?.[0];
    problems.push({
      field: 'initials',
      message: symbol
        ? t('agent.problem.initialsSymbol', { symbol })
        : typedInitials
          ? t('agent.problem.initials', { max: AGENT_INITIALS_MAX })
          : t('agent.problem.initialsUnknown'),
    });
  }
  return { ok: false, problems };
}

/** A profile the options page could not save: the message names each field's problem. */
export class AgentProfileError extends Error {
  override readonly name = 'AgentProfileError';
  constructor(readonly problems: { field: AgentField; message: string }[]) {
    super(problems.map((p) => p.message).join(' '));
  }
}

/** A stored value as a profile; anything unreadable (edited by hand, an older shape) is "not set". */
function readProfile(value: unknown): AgentProfile | null {
  if (!value || typeof value !== 'object') return null;
  const { name, initials } = value as { name?: unknown; initials?: unknown };
  if (typeof name !== 'string') return null;
  // Initials saved with their sign-off symbol before it was refused ("^AP") sign as "AP".
  const stored = typeof initials === 'string' ? initials.trim().replace(/^[\^~*\-–—]+/u, '') : '';
  const checked = checkAgentProfile({ name, initials: stored });
  return checked.ok ? checked.profile : null;
}

export async function loadAgentProfile(): Promise<AgentProfile | null> {
  const stored = await browser.storage.local.get(AGENT_PROFILE_KEY);
  return readProfile(stored[AGENT_PROFILE_KEY]);
}

/**
 * Saves the profile as typed (empty initials are taken from the name; both fields empty clears
 * it) and returns what was stored. Throws AgentProfileError, writing nothing, when a field is wrong.
 */
export async function saveAgentProfile(input: AgentProfileInput): Promise<AgentProfile | null> {
  const checked = checkAgentProfile(input);
  if (!checked.ok) throw new AgentProfileError(checked.problems);
  if (checked.profile) await browser.storage.local.set({ [AGENT_PROFILE_KEY]: checked.profile });
  else await browser.storage.local.remove(AGENT_PROFILE_KEY);
  return checked.profile;
}

/**
 * The agent's profile, following changes made anywhere (the options page while the panel is
 * open): undefined while it is read, null when not set.
 */
export const useAgentProfile = (): AgentProfile | null | undefined => useStoredValue(AGENT_PROFILE_KEY, readProfile);

/**
 * The agent part of a template's fill context: name, initials, and the brand's signature with
 * them in ('' when it needs them and no profile is set; the checks then say where to set it).
 * Without `brandName`, a {{brand.name}} in the signature stays for fillTemplate, which fills it
 * from the context's brand.
 */
export function agentVariables(
  profile: AgentProfile | null | undefined,
  brandSignature: string | undefined,
  brandName?: string,
): AgentVariables & { signature: string } {
  const who = profile ? { name: profile.name, initials: profile.initials } : {};
  return { ...who, signature: fillSignature(brandSignature, who, brandName).text };
}
