/**
 * Business Suite inbox, review fixes: only Facebook Messenger threads are read (WhatsApp, comment
 * and Instagram threads of the same inbox are refused as unsupported), and a pane still showing
 * the previous conversation after a click in the list is "not rendered", never filed under the new id.
 */
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { businessThreadRefusal } from '../../lib/platforms/facebook/routes';
import type { ExtractResult } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { snapshotOf as snap } from './fixture-expect';

const cases = loadFixtures('facebook');
const byName = (name: string): FixtureCase => cases.find((c) => c.name === name) ?? (() => { throw new Error(`no fixture ${name}`); })();
const run = (c: FixtureCase, html = c.html, url = c.url): ExtractResult => facebookAdapter.extract(documentFromHtml(html, url), url, { now: FIXTURE_NOW });
const BASE = 'https://business.facebook.com/latest/inbox';
const IDS = 'asset_id=100064000000001&mailbox_id=100064000000001&selected_item_id=24681357902468';

describe('Business Suite channels other than Messenger (bug 4)', () => {
  const refused = [
    `${BASE}/whatsapp?${IDS}&thread_type=WA_MESSAGE`,
    `${BASE}/whatsapp?${IDS}`,
    `${BASE}/all?${IDS}&thread_type=WA_MESSAGE`,
    `${BASE}/all?${IDS}&thread_type=FB_COMMENT`,
    `${BASE}/facebook?${IDS}&thread_type=FB_COMMENT`,
    `${BASE}/instagram?${IDS}&thread_type=IG_MESSAGE`,
  ];
  for (const href of refused) {
    it(`refuses ${href.replace(BASE, '…').replace(IDS, '…')} as unsupported`, () => {
      const c = byName('business-inbox-thread');
      const result = run(c, c.html, new URL(href));
      expect(result).toMatchObject({ ok: false, code: 'unsupported' });
    });
  }

  it('reads FB_MESSAGE threads on the all and facebook paths (and without a thread type)', () => {
    const c = byName('business-inbox-thread');
    for (const href of [`${BASE}/all?${IDS}&thread_type=FB_MESSAGE`, `${BASE}/facebook?${IDS}&thread_type=FB_MESSAGE`, `${BASE}/?${IDS}&thread_type=FB_MESSAGE`, `${BASE}/all?${IDS}`]) {
      expect(businessThreadRefusal(new URL(href)), href).toBeNull();
      expect(snap(run(c, c.html, new URL(href))).messages, href).toHaveLength(5);
    }
  });
});

describe('Business Suite pane not yet switched (bug 7)', () => {
  it("the URL selects Leah while the pane still shows Jamie's thread: not rendered", () => {
    const c = byName('business-inbox-thread');
    const url = new URL(c.url.href.replace('selected_item_id=24681357902468', 'selected_item_id=13579246801357'));
    expect(run(c, c.html, url)).toMatchObject({ ok: false, code: 'not-rendered' });
  });

  it('a list row marked selected for another conversation: not rendered', () => {
    const c = byName('business-inbox-thread');
    const html = c.html.replace('selected_item_id=11223344556677&amp;thread_type=FB_MESSAGE" role="link"', 'selected_item_id=11223344556677&amp;thread_type=FB_MESSAGE" role="link" aria-current="page"');
    expect(html).not.toBe(c.html);
    expect(run(c, html)).toMatchObject({ ok: false, code: 'not-rendered' });
  });

  it('no list in view (or the row scrolled away): no evidence, the thread is read', () => {
    const c = byName('business-inbox-thread');
    const doc = documentFromHtml(c.html, c.url);
    doc.querySelector('[aria-label="Conversation list"]')!.remove();
    expect(snap(facebookAdapter.extract(doc, c.url, { now: FIXTURE_NOW })).messages).toHaveLength(5);
    const unlisted = new URL(c.url.href.replace('selected_item_id=24681357902468', 'selected_item_id=99999999999999'));
    expect(snap(run(c, c.html, unlisted)).customer?.userId).toBe('99999999999999');
  });
});
