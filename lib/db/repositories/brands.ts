/**
 * Brands: each with its platform accounts, signature, tone and retention. A brand is the wall
 * between a freelancer's clients: every other table carries brandId.
 */
import type { CasesideDb } from '../schema';
import { BrandSchema, type Brand, type BrandAccount } from '../records';
import { newId } from '../ids';
import { t } from '../../i18n';

export interface BrandInput {
  name: string;
  referencePrefix?: string;
  accounts: BrandAccount[];
  signature?: string;
  tone?: Partial<Brand['tone']>;
  retentionMonths?: number | null;
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
  return BrandSchema.parse({
    id: existing?.id ?? newId(),
    name: input.name.trim(),
    referencePrefix: (input.referencePrefix?.trim().toUpperCase() || existing?.referencePrefix || defaultPrefix(input.name)).slice(0, 8),
    accounts: normaliseAccounts(input.accounts),
    signature: input.signature ?? existing?.signature ?? '',
    tone: { ...(existing?.tone ?? {}), ...(input.tone ?? {}) },
    retentionMonths: input.retentionMonths === undefined ? (existing?.retentionMonths ?? null) : input.retentionMonths,
    createdAt: existing?.createdAt ?? now,
  });
}

/** An account may belong to one brand only, or the active brand would be ambiguous. */
export async function accountConflicts(db: CasesideDb, brand: Brand): Promise<string[]> {
  const others = (await db.brands.toArray()).filter((b) => b.id !== brand.id);
  const taken: string[] = [];
  for (const a of brand.accounts) {
    for (const o of others) {
      if (
        o.accounts.some(
          (b) =>
            b.platform === a.platform &&
            ((a.handle && b.handle?.toLowerCase() === a.handle.toLowerCase()) || (a.pageId && b.pageId === a.pageId)),
        )
      )
        taken.push(`${a.handle ?? a.pageId} (${o.name})`);
    }
  }
  return taken;
}

export async function saveBrand(db: CasesideDb, input: BrandInput, existingId?: string): Promise<Brand> {
  // Check and write in one transaction: two saves at once (a double click) cannot both claim
  // the same account.
  return db.transaction('rw', db.brands, async () => {
    const existing = existingId ? await db.brands.get(existingId) : undefined;
    const brand = buildBrand(input, existing);
    const conflicts = await accountConflicts(db, brand);
    if (conflicts.length) throw new Error(t('brands.accountsTaken', { accounts: conflicts.join(', ') }));
    await db.brands.put(brand);
    return brand;
  });
}
