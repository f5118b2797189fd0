/** Daily pruning of history older than each brand's retention setting (Options → Brands). */
import { browser } from 'wxt/browser';
import type { CasesideDb } from '../db/schema';
import { pruneBrand } from '../db/retention';

export const RETENTION_ALARM = 'caseside-retention';

/**
 * Created only when missing: creating an alarm of the same name replaces it, and the service
 * worker starts again every few minutes (the reminder alarm wakes it), which would push the
 * daily prune back each time so that it never ran.
 */
export async function scheduleRetentionAlarm(): Promise<void> {
  if (await browser.alarms.get(RETENTION_ALARM)) return;
  await browser.alarms.create(RETENTION_ALARM, { periodInMinutes: 24 * 60, delayInMinutes: 5 });
}

export async function runRetention(db: CasesideDb, now = Date.now()): Promise<number> {
  let removed = 0;
  for (const brand of await db.brands.toArray()) {
    if (!brand.retentionMonths) continue;
    removed += (await pruneBrand(db, brand.id, now)).messages;
  }
  return removed;
}
