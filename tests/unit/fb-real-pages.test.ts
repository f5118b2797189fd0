/**
 * The real saved Facebook page in ../shared/data (m.facebook.com, 2021, logged out, 108 comments;
 * read in place, never copied). Decision: the mobile site is not supported — the extension's
 * host permissions cover only the desktop hosts and the markup is a different, server-rendered
 * one (`data-sigil="comment"`, no roles). So it must be refused with a clear reason, under its
 * own URL and under a desktop URL, without throwing.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { documentFromHtml } from '../fixtures/load-fixtures';

const FILE = path.resolve(__dirname, '../../../shared/data/social-dom-fixtures/facebook/facebook-scraper__m.facebook.com_Nintendo_story_2021-06-08.html');

describe('real m.facebook.com page (shared data)', () => {
  it('is present beside the clone (CI has shared/ next to the repo)', () => {
    expect(existsSync(FILE), FILE).toBe(true);
  });

  const html = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
  const mobileUrl = new URL('https://m.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711');

  it('really is the mobile comment markup', () => {
    const doc = documentFromHtml(html, mobileUrl);
    expect(doc.querySelectorAll('[data-sigil="comment"]').length).toBe(108);
    expect(doc.querySelectorAll('[role="article"]').length).toBe(0);
  });

  it('is not handled on its own host, with a clear reason', () => {
    expect(facebookAdapter.handles(mobileUrl)).toBe(false);
    const result = facebookAdapter.extract(documentFromHtml(html, mobileUrl), mobileUrl);
    expect(result).toEqual({ ok: false, code: 'unsupported', reason: 'mobile site (m.facebook.com) is not supported: open the post on www.facebook.com' });
  });

  it('is refused as mobile markup even under a desktop URL', () => {
    const url = new URL('https://www.facebook.com/story.php?story_fbid=3065154550235644&id=119240841493711');
    const result = facebookAdapter.extract(documentFromHtml(html, url), url);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain('mobile (m.facebook.com) markup');
  });
});
