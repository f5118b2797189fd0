/** Deterministic sample records for end-to-end tests (fake people only). */
export const T0 = Date.UTC(2026, 2, 1, 9, 0, 0);

export function brand(id: string, name: string, prefix: string, accounts: { platform: 'x' | 'facebook'; handle?: string; pageId?: string }[]) {
  return {
    id,
    name,
    referencePrefix: prefix,
    accounts,
    signature: `^${prefix.slice(0, 2)}`,
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] },
    retentionMonths: null,
    createdAt: T0,
  };
}
