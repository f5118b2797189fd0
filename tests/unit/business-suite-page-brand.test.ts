/**
 * Business Suite: the Page is the URL's `asset_id`. The navigation can still show another Page's
 * link (a Page switch, a link opened from another Page's inbox); that Page's vanity name must not
 * join the URL's Page id, or brand B's Page conversations would be recorded under brand A (the
 * brand listing the vanity name). And an agent whose Page id is one brand's and handle another's
 * has no brand — never the one created first.
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { brandForAgent } from '../../lib/brands/resolve';
import { brandFor, recordForTab } from '../../lib/background/record';
import { createRouter } from '../../lib/background/router';
import { getTabState } from '../../lib/background/tab-state';
import { saveBrand } from '../../lib/db/repositories/brands';
import { createDb } from '../../lib/db/schema';
import type { Agent, ConversationSnapshot } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf as snap } from './fixture-expect';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const PAGE_A = '100064000000001';
const PAGE_B = '200000000000002';

/** The inbox fixture with the URL naming `pageId` while the navigation still shows Page A. */
function businessThread(pageId = PAGE_B, html?: (h: string) => string): ConversationSnapshot {
  const c = byName('business-inbox-thread');
  const url = new URL(c.url.href.replaceAll(PAGE_A, pageId));
  const source = html ? html(c.html) : c.html;
  return snap(facebookAdapter.extract(documentFromHtml(source, url), url, { now: FIXTURE_NOW }));
}

async function brands() {
  const db = createDb(`t-${crypto.randomUUID()}`);
  // A is created first: "first brand listing either id wins" would pick it.
  const a = await saveBrand(db, { name: 'Acme', referencePrefix: 'ACME', accounts: [{ platform: 'facebook', handle: 'acmeoutdoor' }] });
  const b = await saveBrand(db, { name: 'Bolt', referencePrefix: 'BOLT', accounts: [{ platform: 'facebook', pageId: PAGE_B }] });
  return { db, a, b };
}

describe("Business Suite: the URL's Page, not the navigation's", () => {
  it("Page B's inbox while the navigation still links Page A: the agent is Page B alone, and its brand is B", async () => {
    const { db, a, b } = await brands();
    const snapshot = businessThread();
    expect(snapshot.agent).toEqual({ platform: 'facebook', pageId: PAGE_B });
    expect(brandForAgent([a, b], snapshot.agent)?.id).toBe(b.id);
    expect((await brandFor(db, snapshot)).brandId).toBe(b.id);
  });

  it("the navigation proven to be the URL's Page keeps its vanity name and name", async () => {
    const { db, a } = await brands();
    // Its Business Suite links all carry the URL's asset_id: the Page link there is that Page.
    const same = businessThread(PAGE_A);
    expect(same.agent).toEqual({ platform: 'facebook', handle: 'acmeoutdoor', pageId: PAGE_A, displayName: 'Acme Outdoor' });
    expect((await brandFor(db, same)).brandId).toBe(a.id);
    // A numeric Page link with the URL's id is that Page, whatever the other links carry.
    const numeric = businessThread(PAGE_B, (h) => h.replace('href="https://www.facebook.com/acmeoutdoor"', `href="https://www.facebook.com/profile.php?id=${PAGE_B}"`));
    expect(numeric.agent).toEqual({ platform: 'facebook', pageId: PAGE_B, displayName: 'Acme Outdoor' });
    // A numeric Page link with another id is another Page.
    const other = businessThread(PAGE_B, (h) => h.replace('href="https://www.facebook.com/acmeoutdoor"', `href="https://www.facebook.com/profile.php?id=${PAGE_A}"`));
    expect(other.agent).toEqual({ platform: 'facebook', pageId: PAGE_B });
  });

  it('a navigation whose Business Suite links name two Pages proves nothing', () => {
    const snapshot = businessThread(PAGE_A, (h) => h.replace(`content_calendar?asset_id=${PAGE_A}`, `content_calendar?asset_id=${PAGE_B}`));
    expect(snapshot.agent).toEqual({ platform: 'facebook', pageId: PAGE_A });
  });
});

describe('an agent whose ids point at different brands', () => {
  const mixed: Agent = { platform: 'facebook', handle: 'acmeoutdoor', pageId: PAGE_B, displayName: 'Acme Outdoor' };

  it('has no brand, in either brand order; the Page id is looked up across all brands', async () => {
    const { a, b } = await brands();
    expect(brandForAgent([a, b], mixed)).toBeNull();
    expect(brandForAgent([b, a], mixed)).toBeNull();
    // Each id alone still names its brand ("@" and case as accounts are keyed).
    expect(brandForAgent([a, b], { platform: 'facebook', pageId: PAGE_B })?.id).toBe(b.id);
    expect(brandForAgent([a, b], { platform: 'facebook', handle: '@AcmeOutdoor' })?.id).toBe(a.id);
    // A Page id no brand lists leaves the handle to decide.
    expect(brandForAgent([a, b], { platform: 'facebook', handle: 'acmeoutdoor', pageId: '999' })?.id).toBe(a.id);
  });

  it('records nothing and says why; tracking it under either brand is refused', async () => {
    const { db, a, b } = await brands();
    const snapshot: ConversationSnapshot = { ...businessThread(), agent: mixed };
    // A tracking row left from another page does not decide either.
    await db.meta.put({ key: `track:facebook:${snapshot.conversationId}`, value: a.id });
    const { patch } = await recordForTab(db, snapshot, null, FIXTURE_NOW.getTime());
    expect(patch.brandId).toBeNull();
    expect(patch.notRecordedReason).toMatch(/more than one brand \((Acme, Bolt|Bolt, Acme)\)/);
    expect(await db.messages.count()).toBe(0);

    const log = vi.fn();
    const route = createRouter({ db, log });
    const tab = { id: 31 } as never;
    await route({ type: 'page/snapshot', url: snapshot.url, result: { ok: true, snapshot } }, { id: fakeBrowser.runtime.id, tab, frameId: 0, url: snapshot.url });
    expect((await getTabState(31)).brandId).toBeNull();
    const panel = { id: fakeBrowser.runtime.id, tab, frameId: 3, url: fakeBrowser.runtime.getURL('/panel.html') };
    for (const brand of [a, b]) expect(await route({ type: 'panel/track', brandId: brand.id }, panel)).toHaveProperty('error');
    expect(await db.messages.count()).toBe(0);
  });
});
