/**
 * Retention prunes old messages, not what the agent said about a person: a customer linked to
 * another identity ("the same person") or tagged stays when all of their messages are pruned, so
 * the surviving identity's link never points at a missing id and the tags are not lost. The
 * options page's preview (planPruneBrand) counts the same.
 */
import { describe, expect, it } from 'vitest';
import { createDb } from '../../lib/db/schema';
import { planPruneBrand, pruneBrand } from '../../lib/db/retention';
import { linkCustomers } from '../../lib/panel/queries';
import type { Customer, Message } from '../../lib/db/records';

const NOW = Date.UTC(2026, 2, 1, 12);
const DAY = 86_400_000;

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({
    id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: 1, createdAt: 0,
  });
  const customer = (id: string, platform: 'x' | 'facebook', at: number, extra: Partial<Customer> = {}): Customer => ({
    id, brandId: 'b1', displayName: id, identities: [{ platform, handle: id }], identityKeys: [`b1|${platform}:${id}`],
    tags: [], linkedCustomerIds: [], firstSeenAt: at, lastSeenAt: at, ...extra,
  });
  const withHistory = async (c: Customer, platform: 'x' | 'facebook', at: number) => {
    const conversationId = `b1/${platform}:c:${c.id}`;
    await db.customers.put(c);
    await db.conversations.put({ id: conversationId, brandId: 'b1', customerId: c.id, platform, kind: platform === 'x' ? 'x-dm' : 'fb-messenger', nativeId: c.id, url: `https://example.com/${c.id}`, lastMessageAt: at });
    const message: Message = {
      id: `b1/${platform}:m:${c.id}`, conversationId, customerId: c.id, brandId: 'b1', platform, nativeId: c.id,
      direction: 'in', author: c.id, text: `hello from ${c.id}`, sentAt: at, capturedAt: at,
    };
    await db.messages.put(message);
    return message;
  };
  return { db, customer, withHistory };
}

describe('pruneBrand keeps the customers the agent linked or tagged', () => {
  it('a linked, tagged identity whose messages all fall outside retention stays, and the link holds', async () => {
    const { db, customer, withHistory } = await setup();
    await withHistory(customer('onX', 'x', NOW - 2 * DAY), 'x', NOW - 2 * DAY);
    const old = await withHistory(customer('onFb', 'facebook', NOW - 90 * DAY, { tags: ['vip'] }), 'facebook', NOW - 90 * DAY);
    await linkCustomers(db, 'onX', 'onFb');

    const plan = await planPruneBrand(db, 'b1', NOW);
    const result = await pruneBrand(db, 'b1', NOW);
    expect(plan).toEqual(result);
    expect(result).toMatchObject({ messages: 1, customers: 0 });

    expect(await db.messages.get(old.id)).toBeUndefined();
    const onFb = await db.customers.get('onFb');
    expect(onFb?.tags).toEqual(['vip']);
    const onX = await db.customers.get('onX');
    expect(onX?.linkedCustomerIds).toEqual(['onFb']);
    for (const id of onX!.linkedCustomerIds!) expect(await db.customers.get(id)).toBeDefined();
  });

  it('a link alone keeps the customer (no tags)', async () => {
    const { db, customer, withHistory } = await setup();
    await withHistory(customer('onX', 'x', NOW - 2 * DAY), 'x', NOW - 2 * DAY);
    await withHistory(customer('onFb', 'facebook', NOW - 90 * DAY), 'facebook', NOW - 90 * DAY);
    await linkCustomers(db, 'onX', 'onFb');
    const plan = await planPruneBrand(db, 'b1', NOW);
    expect(await pruneBrand(db, 'b1', NOW)).toEqual(plan);
    expect(await db.customers.get('onFb')).toBeDefined();
    expect((await db.customers.get('onX'))?.linkedCustomerIds).toEqual(['onFb']);
  });

  it('a tag alone keeps the customer; one with neither goes, as before', async () => {
    const { db, customer, withHistory } = await setup();
    await withHistory(customer('tagged', 'x', NOW - 90 * DAY, { tags: ['refund'] }), 'x', NOW - 90 * DAY);
    await withHistory(customer('plain', 'facebook', NOW - 90 * DAY), 'facebook', NOW - 90 * DAY);
    const plan = await planPruneBrand(db, 'b1', NOW);
    const result = await pruneBrand(db, 'b1', NOW);
    expect(result).toEqual(plan);
    expect(result).toMatchObject({ messages: 2, conversations: 2, customers: 1 });
    expect((await db.customers.get('tagged'))?.tags).toEqual(['refund']);
    expect(await db.customers.get('plain')).toBeUndefined();
  });
});
