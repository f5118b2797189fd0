/**
 * A conversation tracked under one brand (its tracking row, `track:<platform>:<id>`) is not taken
 * by another brand's tracking: tracking on a brand's own account writes no row (the account and
 * the brand's record of the conversation already say whose it is), and a row another brand holds
 * is never overwritten — the agent is told which brand tracks it.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createDb } from '../../lib/db/schema';
import { createRouter } from '../../lib/background/router';
import { getTabState } from '../../lib/background/tab-state';
import { trackKey } from '../../lib/brands/resolve';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import type { Brand } from '../../lib/db/records';

const content = (tabId: number) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 0, url: 'https://x.com/sam_celebrity/status/500' });
const panel = (tabId: number) => ({ id: fakeBrowser.runtime.id, tab: { id: tabId } as never, frameId: 3, url: fakeBrowser.runtime.getURL('/panel.html') });

/** Someone else's public thread (no brand writes in it or is mentioned), read as `account`, `n` replies in. */
function thread(account: string, n: number): ConversationSnapshot {
  return {
    platform: 'x',
    kind: 'x-thread',
    conversationId: '500',
    url: 'https://x.com/sam_celebrity/status/500',
    state: 'ok',
    agent: { platform: 'x', handle: account },
    customer: { handle: 'sam_celebrity' },
    messages: Array.from({ length: n }, (_, i) => ({
      id: String(500 + i),
      author: { handle: i ? `fan_${i}` : 'sam_celebrity' },
      text: i ? `reply ${i}` : 'My new kettle and my new bike both broke today',
      sentAt: new Date(Date.UTC(2026, 2, 1, 10, i)).toISOString(),
      direction: 'in' as const,
    })),
  };
}

const brand = (id: string, name: string, handle: string): Brand => ({
  id, name, referencePrefix: name.toUpperCase(), accounts: [{ platform: 'x', handle }], signature: '',
  tone: { formality: 'neutral', useFirstName: true, avoidWords: [] }, retentionMonths: null, createdAt: 0,
});

async function setup() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  await db.brands.bulkPut([brand('A', 'Acme', 'acme_support'), brand('B', 'Bolt', 'bolt')]);
  const log = vi.fn();
  const route = createRouter({ db, log });
  const snap = (tabId: number, snapshot: ConversationSnapshot) =>
    route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } }, content(tabId));
  return { db, log, route, snap };
}

describe("one brand's tracking never takes a conversation from another", () => {
  it("tracking on Bolt's own account leaves Acme's tracking of the thread alone", async () => {
    const { db, route, snap } = await setup();
    await snap(1, thread('me_personal', 1));
    expect(await route({ type: 'panel/track', brandId: 'A' }, panel(1))).toEqual({ ok: true });
    await snap(2, thread('bolt', 1));
    expect((await getTabState(2)).notRecordedReason).toMatch(/does not involve Bolt/);
    expect(await route({ type: 'panel/track', brandId: 'B' }, panel(2))).toEqual({ ok: true });
    // Recorded under Bolt, by its account: no row was needed for that.
    expect((await getTabState(2))).toMatchObject({ brandId: 'B', notRecordedReason: null });
    expect((await db.meta.get(trackKey('x', '500')))?.value).toBe('A');
    // Back on the personal account, the thread is still Acme's.
    await snap(3, thread('me_personal', 2));
    expect((await getTabState(3)).brandId).toBe('A');
    // And still Bolt's on Bolt's account (its record of the conversation says so).
    await snap(4, thread('bolt', 3));
    expect((await getTabState(4))).toMatchObject({ brandId: 'B', notRecordedReason: null });
    expect((await db.conversations.toArray()).map((c) => c.brandId).sort()).toEqual(['A', 'B']);
  });

  it('a row another brand holds is not overwritten: the track is refused and the tab says under which brand', async () => {
    const { db, route, snap, log } = await setup();
    // Two tabs on the thread under the personal account; the first tracks it under Acme.
    await snap(1, thread('me_personal', 1));
    await snap(2, thread('me_personal', 1));
    await route({ type: 'panel/track', brandId: 'A' }, panel(1));
    // The second tab's panel still offers Bolt.
    const refusal = (await route({ type: 'panel/track', brandId: 'B' }, panel(2))) as { error: string; message?: string };
    expect(refusal.error).toMatch(/tracked under Acme/);
    // What the panel shows is the agent's sentence (the tab's reason), not the log line.
    expect(refusal.message).toMatch(/already tracked under Acme/);
    expect(log.mock.calls.at(-1)![0]).toMatch(/tracked under Acme/);
    expect((await getTabState(2)).notRecordedReason).toMatch(/already tracked under Acme/);
    expect((await db.meta.get(trackKey('x', '500')))?.value).toBe('A');
    expect(await db.conversations.where('brandId').equals('B').count()).toBe(0);
    // Tracking again under the brand that holds it is fine.
    expect(await route({ type: 'panel/track', brandId: 'A' }, panel(2))).toEqual({ ok: true });
  });

  it('a row held by a brand that no longer exists may be taken', async () => {
    const { db, route, snap } = await setup();
    await db.meta.put({ key: trackKey('x', '500'), value: 'gone' });
    await snap(1, thread('me_personal', 1));
    expect(await route({ type: 'panel/track', brandId: 'B' }, panel(1))).toEqual({ ok: true });
    expect((await db.meta.get(trackKey('x', '500')))?.value).toBe('B');
  });
});
