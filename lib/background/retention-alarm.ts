/** Daily pruning of history older than each brand's retention setting (Options → Brands). */
import { browser } from 'wxt/browser';
import type { CasesideDb } from '../db/schema';
import { pruneBrand } from '../db/retention';

export const RETENTION_ALARM = 'caseside-retention';

export function scheduleRetentionAlarm(): void {
  void browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 5 });
}

export async function runRetention(db: CasesideDb, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const brand of await db.brands.toArray()) {
    if (!brand.retentionMonths) continue;
    removed += (await pruneBrand(db, brand.id, now)).messages;
  }
  return removed;
}
