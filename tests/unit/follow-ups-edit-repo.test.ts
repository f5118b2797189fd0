/**
 * Fixing a follow-up set wrong (editFollowUp) and removing one added by mistake (deleteFollowUp):
 * a new due time must be ahead and makes the reminder fire again, the reason is stored as typed
 * (as addFollowUp stores it), and another brand's follow-up is refused and left as it was.
 */
import { describe, expect, it } from 'vitest';
import { deleteFollowUp, editFollowUp, InvalidFollowUpError } from '../../lib/db/repositories/follow-ups';
import { RecordNotFoundError } from '../../lib/db/errors';
import { DAY, MIN, dbWithBrand, followUp } from '../support/follow-up-fixtures';

const NOW = Date.UTC(2026, 2, 10, 12);

/** Brand b1 with follow-up f (due an hour ago, its reminder shown) and brand b2 with g. */
async function setup() {
  const db = await dbWithBrand();
  await db.brands.put({ ...(await db.brands.get('b1'))!, id: 'b2', name: 'Other' });
  await db.customers.put({ ...(await db.customers.get('c1'))!, id: 'c2', brandId: 'b2' });
  await db.followUps.bulkPut([
    followUp('f', { dueAt: NOW - 60 * MIN, notifiedAt: NOW - 60 * MIN, reason: 'Call back on Friday', createdAt: NOW - DAY, updatedAt: NOW - 60 * MIN }),
    followUp('g', { brandId: 'b2', customerId: 'c2', dueAt: NOW + DAY, reason: 'Other brand', createdAt: NOW - DAY }),
  ]);
  return db;
}

describe('editFollowUp', () => {
  it('moves the due time and changes the reason; the reminder fires again at the new time', async () => {
    const db = await setup();
    const saved = await editFollowUp(db, 'b1', 'f', { dueAt: NOW + 2 * DAY, reason: 'Call back on Thursday' }, NOW);
    expect(saved).toMatchObject({ dueAt: NOW + 2 * DAY, reason: 'Call back on Thursday', notifiedAt: null, doneAt: null, createdAt: NOW - DAY, updatedAt: NOW });
    expect(await db.followUps.get('f')).toEqual(saved);
  });

  it('refuses a due time at or before now, and writes nothing', async () => {
    const db = await setup();
    const before = await db.followUps.get('f');
    await expect(editFollowUp(db, 'b1', 'f', { dueAt: NOW - MIN, reason: 'typo fixed' }, NOW)).rejects.toBeInstanceOf(InvalidFollowUpError);
    await expect(editFollowUp(db, 'b1', 'f', { dueAt: NOW }, NOW)).rejects.toThrow('later time');
    expect(await db.followUps.get('f')).toEqual(before);
  });

  it('a reason fixed alone keeps the due time and the reminder already shown (an overdue one too)', async () => {
    const db = await setup();
    const saved = await editFollowUp(db, 'b1', 'f', { reason: 'Call back about the refund' }, NOW);
    expect(saved).toMatchObject({ dueAt: NOW - 60 * MIN, notifiedAt: NOW - 60 * MIN, reason: 'Call back about the refund' });
    expect(await editFollowUp(db, 'b1', 'f', { dueAt: NOW + DAY }, NOW)).toMatchObject({ notifiedAt: null });
    // Saved again with the due time it already has: no new due time, the reminder is not shown twice.
    await db.followUps.update('f', { notifiedAt: NOW + DAY });
    expect(await editFollowUp(db, 'b1', 'f', { dueAt: NOW + DAY, reason: 'x' }, NOW)).toMatchObject({ notifiedAt: NOW + DAY, reason: 'x' });
  });

  it('refuses an empty reason', async () => {
    const db = await setup();
    await expect(editFollowUp(db, 'b1', 'f', { reason: '  ' }, NOW)).rejects.toBeInstanceOf(InvalidFollowUpError);
    expect((await db.followUps.get('f'))!.reason).toBe('Call back on Friday');
  });

  it('stores the reason as typed, as adding one does (a reason is not a note: nothing is masked), at most 2,000 characters', async () => {
    const db = await setup();
    expect((await editFollowUp(db, 'b1', 'f', { reason: 'Call her back on +34 612 34 56 78' }, NOW)).reason).toBe('Call her back on +34 612 34 56 78');
    expect((await editFollowUp(db, 'b1', 'f', { reason: 'a'.repeat(2500) }, NOW)).reason).toHaveLength(2000);
  });

  it("refuses another brand's follow-up, and one that is gone", async () => {
    const db = await setup();
    await expect(editFollowUp(db, 'b1', 'g', { dueAt: NOW + 3 * DAY, reason: 'taken' }, NOW)).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.followUps.get('g')).toMatchObject({ brandId: 'b2', dueAt: NOW + DAY, reason: 'Other brand' });
    await expect(editFollowUp(db, 'b1', 'nope', { reason: 'x' }, NOW)).rejects.toBeInstanceOf(RecordNotFoundError);
  });
});

describe('deleteFollowUp', () => {
  it('removes the row', async () => {
    const db = await setup();
    await deleteFollowUp(db, 'b1', 'f');
    expect(await db.followUps.get('f')).toBeUndefined();
    expect(await db.followUps.count()).toBe(1);
  });

  it("refuses another brand's follow-up and leaves it; one already gone is refused as not found", async () => {
    const db = await setup();
    await expect(deleteFollowUp(db, 'b1', 'g')).rejects.toBeInstanceOf(RecordNotFoundError);
    expect(await db.followUps.get('g')).toBeDefined();
    await deleteFollowUp(db, 'b1', 'f');
    await expect(deleteFollowUp(db, 'b1', 'f')).rejects.toBeInstanceOf(RecordNotFoundError);
  });
});
