/**
 * Brands: each with its platform accounts, signature, tone and retention. A brand is the wall
 * between a freelancer's clients: every other table carries brandId.
 */
import type { CasesideDb } from '../schema';
import { BrandSchema, type Brand, type BrandAccount } from '../records';
import { newId } from '../ids';
import { t } from '../../i18n';
import type { z } from 'zod';
import { formatIssue } from '../../import-export/backup-schema';
import { signatureProblems } from '../../suggest/variables';

/** A brand the form cannot save as written; the message is the agent's, in the interface language. */
export class BrandInputError extends Error {
  override readonly name = 'BrandInputError';
}

/** What is wrong with a field of the brand form, named as the form names it. */
function brandProblem(issue: z.core.$ZodIssue, input: BrandInput): string {
  switch (issue.path[0]) {
    case 'name':
      return t('brands.problem.name');
    case 'referencePrefix':
      return t('brands.problem.prefix', { value: (input.referencePrefix ?? '').trim().slice(0, 40) });
    case 'signature':
      return t('brands.problem.signature', { count: (input.signature ?? '').length.toLocaleString() });
    case 'retentionMonths':
      return t('brands.problem.retention');
    case 'accounts':
      return issue.path.length === 1 ? t('brands.problem.accounts') : formatIssue(issue);
    case 'tone':
      return issue.path[1] === 'avoidWords' ? t('brands.problem.avoidWords') : formatIssue(issue);
    default:
      return formatIssue(issue);
  }
}

/**
 * "x:acme", "x:ACME" and "x:@acme" (or the same page id twice) are one account: as brandForAgent
 * compares them (no "@", any case, no surrounding spaces).
 */
const accountKeys = (a: BrandAccount): string[] => {
  const handle = a.handle?.trim().replace(/^@/, '').toLowerCase();
  const pageId = a.pageId?.trim();
  return [...(handle ? [`${a.platform}:${handle}`] : []), ...(pageId ? [`${a.platform}#${pageId}`] : [])];
};

/** The first account listed twice in one brand, as written, or null. */
export function duplicateAccount(accounts: BrandAccount[]): string | null {
  const seen = new Set<string>();
  for (const a of accounts) {
    for (const key of accountKeys(a)) {
      if (seen.has(key)) return `${a.platform}:${a.handle ?? `#${a.pageId}`}`;
      seen.add(key);
    }
  }
  return null;
}

const sameName = (a: string, b: string) => a.trim().normalize('NFC').toLocaleLowerCase() === b.trim().normalize('NFC').toLocaleLowerCase();

export interface BrandInput {
  name: string;
  referencePrefix?: string;
  accounts: BrandAccount[];
  signature?: string;
  tone?: Partial<Brand['tone']>;
  retentionMonths?: number | null;
}

/**
 * The brand's words to avoid as the agent types them, one per line or separated by commas:
 * trimmed, blanks dropped, each kept once (case-insensitively, as the check compares them).
 */
export function parseAvoidWords(text: string): string[] {
  const seen = new Set<string>();
  return text
    .split(/[\n,]/)
    .map((w) => w.trim())
    .filter((w) => w && !seen.has(w.toLocaleLowerCase()) && seen.add(w.toLocaleLowerCase()));
}

/** "Acme Shoes" → "ACME"; used when the agent does not choose a prefix. */
export function defaultPrefix(name: string): string {
  const letters = name.normalize('NFD').replace(/[^A-Za-z0-9]/g, '').toUpperCase();
  return (letters.slice(0, 4) || 'CASE').padEnd(2, 'X');
}

/** Accounts are stored without "@" and trimmed; empty rows are dropped. */
export function normaliseAccounts(accounts: BrandAccount[]): BrandAccount[] {
  return accounts
    .map((a) => ({
      platform: a.platform,
      ...(a.handle?.trim() ? { handle: a.handle.trim().replace(/^@/, '') } : {}),
      ...(a.pageId?.trim() ? { pageId: a.pageId.trim() } : {}),
    }))
    .filter((a) => a.handle || a.pageId);
}

export function buildBrand(input: BrandInput, existing?: Brand, now = Date.now()): Brand {
  const parsed = BrandSchema.safeParse({
    id: existing?.id ?? newId(),
    name: input.name.trim(),
    referencePrefix: (input.referencePrefix?.trim().toUpperCase() || existing?.referencePrefix || defaultPrefix(input.name)).slice(0, 8),
    accounts: normaliseAccounts(input.accounts),
    signature: input.signature ?? existing?.signature ?? '',
    tone: { ...(existing?.tone ?? {}), ...(input.tone ?? {}) },
    retentionMonths: input.retentionMonths === undefined ? (existing?.retentionMonths ?? null) : input.retentionMonths,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
  });
  // One sentence per problem, in the interface language, naming the field as the form does.
  const problems = parsed.success ? [] : parsed.error.issues.map((i) => brandProblem(i, input));
  // A signature is filled once per agent, for any customer: only who signs and the brand's name
  // may be in it ({{agent.signature}} in it would be itself). Checked here, not in BrandSchema,
  // so an older backup that has one still restores; the form asks for it to be fixed on save.
  const foreign = signatureProblems(input.signature ?? existing?.signature);
  if (foreign.length) problems.push(t('brands.problem.signatureVariables', { names: foreign.map((v) => `{{${v}}}`).join(', ') }));
  if (!parsed.success || problems.length) throw new BrandInputError([...new Set(problems)].join(' '));
  return parsed.data;
}

/**
 * The accounts of `brand` that another of `brands` lists too, as "<account> (<brand>)", compared
 * by accountKeys ("@ACME" is "acme"). An account may belong to one brand only, or the active
 * brand would be ambiguous.
 */
export function accountsTakenBy(brand: Brand, brands: readonly Brand[]): string[] {
  const taken: string[] = [];
  for (const a of brand.accounts) {
    const keys = new Set(accountKeys(a));
    for (const o of brands) {
      if (o.id !== brand.id && o.accounts.some((b) => accountKeys(b).some((k) => keys.has(k)))) taken.push(`${a.handle ?? a.pageId} (${o.name})`);
    }
  }
  return taken;
}

/** The accounts of `brand` another stored brand lists (see accountsTakenBy). */
export async function accountConflicts(db: CasesideDb, brand: Brand): Promise<string[]> {
  return accountsTakenBy(brand, await db.brands.toArray());
}

export async function saveBrand(db: CasesideDb, input: BrandInput, existingId?: string): Promise<Brand> {
  // Check and write in one transaction: two saves at once (a double click) cannot both claim
  // the same account.
  return db.transaction('rw', db.brands, async () => {
    const existing = existingId ? await db.brands.get(existingId) : undefined;
    const others = (await db.brands.toArray()).filter((b) => b.id !== existingId);
    // No prefix chosen: the name's, made unique ("ACME", then "ACME2"…), so references never clash.
    let prefixed = input;
    if (!input.referencePrefix?.trim() && !existing) {
      const base = defaultPrefix(input.name);
      const taken = new Set(others.map((b) => b.referencePrefix));
      let prefix = base;
      for (let n = 2; taken.has(prefix) && n < 10_000; n++) prefix = `${base.slice(0, 8 - String(n).length)}${n}`;
      prefixed = { ...input, referencePrefix: prefix };
    }
    const brand = buildBrand(prefixed, existing);
    const twice = duplicateAccount(brand.accounts);
    if (twice) throw new BrandInputError(t('brands.duplicateAccount', { account: twice }));
    const conflicts = await accountConflicts(db, brand);
    if (conflicts.length) throw new Error(t('brands.accountsTaken', { accounts: conflicts.join(', ') }));
    const namesake = others.find((b) => sameName(b.name, brand.name));
    if (namesake) throw new BrandInputError(t('brands.nameTaken', { name: namesake.name }));
    const prefixOwner = others.find((b) => b.referencePrefix === brand.referencePrefix);
    if (prefixOwner) throw new BrandInputError(t('brands.prefixTaken', { prefix: brand.referencePrefix, name: prefixOwner.name }));
    await db.brands.put(brand);
    return brand;
  });
}
