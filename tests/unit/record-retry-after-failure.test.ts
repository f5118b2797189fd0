/**
 * A write that fails after a capture (a full disk) must not lose the promise or the case update
 * for good: the messages, the promise proposed from them and the case lifecycle step are written
 * all or nothing, so the next reading of the page retries all of it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { createDb } from '../../lib/db/schema';
import { recordForTab } from '../../lib/background/record';
import { pendingPromises } from '../../lib/db/repositories/promises';
import { getCase, openCase } from '../../lib/db/repositories/cases';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { ConflictError } from '../../lib/db/errors';

const quota = () => Dexie.Promise.reject(new DOMException('disk full', 'QuotaExceededError')) as never;

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.put({
    id: 'b1', name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'x', handle: 'acme_support' }], signature: '',
    tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
  });
  return db;
}

const question = { id: '100', author: { handle: 'dana_example' }, text: '@Acme_Support where is my order?', sentAt: '2026-03-01T10:00:00Z', direction: 'in' as const };
const reply = { id: '101', author: { handle: 'acme_support', displayName: 'Acme' }, text: "@dana_example Sorry! We'll get back to you within 2 hours.", sentAt: '2026-03-01T10:05:00Z', direction: 'out' as const };
const snap = (messages: ConversationSnapshot['messages']): ConversationSnapshot => ({
  platform: 'x',
  kind: 'x-thread',
  conversationId: '100',
  url: 'https://x.com/dana_example/status/100',
  state: 'ok',
  agent: { platform: 'x', handle: 'acme_support' },
  customer: { handle: 'dana_example', displayName: 'Dana Example' },
  messages,
});
const NOW = Date.parse('2026-03-01T10:06:00Z');

afterEach(() => {
  vi.restoreAllMocks();
});

describe('recordForTab: a failed write is retried at the next reading', () => {
  it('the promise write fails: the agent is told, and the next reading proposes the promise', async () => {
    const db = await setup();
    const put = vi.spyOn(db.meta, 'put').mockImplementationOnce(quota);
    const first = await recordForTab(db, snap([question, reply]), null, NOW);
    expect(first.patch.storageError).toMatch(/storage for Caseside is full/);
    expect(put).toHaveBeenCalled();
    put.mockRestore();

    const second = await recordForTab(db, snap([question, reply]), null, NOW + 1000);
    expect(second.patch.storageError).toBeNull();
    const pending = await pendingPromises(db, 'b1');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.phrase).toMatch(/We'll get back to you within 2 hours/);
    expect(await db.messages.count()).toBe(2);
  });

  it("the case update fails on the agent's reply: the next reading moves the case to waiting on the customer", async () => {
    const db = await setup();
    const opened = await recordForTab(db, snap([question]), null, NOW);
    const { conversationId, customerId } = opened.patch;
    const kase = await openCase(db, { brandId: 'b1', customerId: customerId!, conversationId: conversationId! }, NOW);
    expect(kase.status).toBe('open');

    // A reply without a promise: only the case step writes after the messages.
    const plain = { ...reply, text: '@dana_example Sorry about that, it is on its way.' };
    const put = vi.spyOn(db.cases, 'put').mockImplementationOnce(quota);
    const first = await recordForTab(db, snap([question, plain]), null, NOW + 1000);
    put.mockRestore();
    expect(first.patch.storageError).toMatch(/storage for Caseside is full/);

    await recordForTab(db, snap([question, plain]), null, NOW + 2000);
    expect((await getCase(db, 'b1', kase.id))?.status).toBe('waiting-customer');
    expect(await db.messages.count()).toBe(2);
  });

  it('with a promise and a case step on the same reply, both are written once the disk has room', async () => {
    const db = await setup();
    const opened = await recordForTab(db, snap([question]), null, NOW);
    const kase = await openCase(db, { brandId: 'b1', customerId: opened.patch.customerId!, conversationId: opened.patch.conversationId! }, NOW);
    const put = vi.spyOn(db.cases, 'put').mockImplementationOnce(quota);
    const first = await recordForTab(db, snap([question, reply]), null, NOW + 1000);
    put.mockRestore();
    expect(first.patch.storageError).toMatch(/storage for Caseside is full/);
    // All or nothing: neither the reply nor its promise was kept on their own.
    expect(await db.messages.count()).toBe(1);
    expect(await pendingPromises(db, 'b1')).toHaveLength(0);

    const second = await recordForTab(db, snap([question, reply]), null, NOW + 2000);
    expect(second.added.map((m) => m.nativeId)).toEqual(['101']);
    expect(await pendingPromises(db, 'b1')).toHaveLength(1);
    expect((await getCase(db, 'b1', kase.id))?.status).toBe('waiting-customer');
  });

  it('a case step the repository refuses (not a storage failure) does not cost the messages or the promise', async () => {
    const db = await setup();
    const opened = await recordForTab(db, snap([question]), null, NOW);
    const kase = await openCase(db, { brandId: 'b1', customerId: opened.patch.customerId!, conversationId: opened.patch.conversationId! }, NOW);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(db.cases, 'put').mockImplementationOnce(() => Dexie.Promise.reject(new ConflictError('case', kase.id, 1, 2)) as never);
    const { patch, added } = await recordForTab(db, snap([question, reply]), null, NOW + 1000);
    expect(patch.storageError).toBeNull();
    expect(added.map((m) => m.nativeId)).toEqual(['101']);
    expect(await db.messages.count()).toBe(2);
    expect(await pendingPromises(db, 'b1')).toHaveLength(1);
    expect((await getCase(db, 'b1', kase.id))?.status).toBe('open');
  });
});
