/**
 * The X extractor on real saved markup from ../shared/data (read in place, never copied into
 * the repo; see that folder's PROVENANCE.md). The tweetyoink files are single `<article>`
 * fragments of a logged-in x.com page: the URL supplies the route context.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { xAdapter } from '../../lib/platforms/x';
import { snapshotOf } from '../tools/snapshot';
import { documentFromHtml, FIXTURE_NOW } from '../fixtures/load-fixtures';

const SHARED = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../shared/data/social-dom-fixtures/x-twitter');
const read = (file: string) => {
  const full = path.join(SHARED, file);
  if (!existsSync(full)) throw new Error(`shared fixture missing: ${full} (CI copies /work/shared beside the clone)`);
  return readFileSync(full, 'utf8');
};

describe('real x.com quote-tweet fragments (tweetyoink)', () => {
  const cases = [
    {
      file: 'tweetyoink__x-tweet-quote.html',
      url: 'https://x.com/TestQuoter/status/1983130065320780162',
      expect: { id: '1983130065320780162', handle: 'TestQuoter', displayName: 'Test Quoter', sentAt: '2025-10-28T11:13:47.000Z', text: 'This is a quote tweet with additional commentary' },
    },
    {
      file: 'tweetyoink__x-tweet-quote-video.html',
      url: 'https://x.com/QuotingUser/status/1983128852952998358',
      expect: { id: '1983128852952998358', handle: 'QuotingUser', displayName: 'Quoting User', sentAt: '2025-10-28T11:08:57.000Z', text: 'How to share Example.com links' },
    },
  ];

  for (const c of cases) {
    it(`${c.file}: the outer tweet, not the quoted one`, () => {
      const result = snapshotOf(read(c.file), new URL(c.url), FIXTURE_NOW);
      if (!result.ok) throw new Error(result.reason);
      expect(result.snapshot.messages).toHaveLength(1);
      const [m] = result.snapshot.messages;
      expect(m).toMatchObject({ id: c.expect.id, sentAt: c.expect.sentAt, text: c.expect.text, author: { handle: c.expect.handle, displayName: c.expect.displayName } });
      expect(m!.text).not.toMatch(/original|Original/);
      expect(result.snapshot.customer?.handle).toBe(c.expect.handle);
      // Logged-in page, but the fragment holds no nav: agent unknown, direction unknown.
      expect(result.snapshot.agent).toBeNull();
      expect(m!.direction).toBe('unknown');
    });
  }

  it('a video inside the quoted tweet (placementTracking) does not make the tweet "promoted"', () => {
    const result = snapshotOf(read('tweetyoink__x-tweet-quote-video.html'), new URL('https://x.com/QuotingUser/status/1983128852952998358'));
    expect(result.ok && result.snapshot.messages.length).toBe(1);
  });

  it('a fragment under an unrelated status URL still yields its own tweet id', () => {
    const result = snapshotOf(read('tweetyoink__x-tweet-quote.html'), new URL('https://x.com/someone/status/1'));
    expect(result.ok && result.snapshot.messages[0]?.id).toBe('1983130065320780162');
  });
});

describe('real pages that hold no readable conversation', () => {
  for (const [file, url] of [
    ['metascraper__twitter-gif_input.html', 'https://twitter.com/Kikobeats/status/880139124791029763'],
    ['metascraper__twitter-image_input.html', 'https://twitter.com/UaSmart/status/934106870834454529'],
  ] as const) {
    it(`${file}: logged-out shell → not recognised (logged out)`, () => {
      const result = xAdapter.extract(documentFromHtml(read(file), url), new URL(url), { now: FIXTURE_NOW });
      expect(result).toEqual({ ok: false, code: 'logged-out', reason: expect.stringContaining('logged out') });
    });
  }

  for (const [file, url] of [
    ['metascraper__legacy_tweet_2018.html', 'https://twitter.com/_developit/status/955905369242513414'],
    ['postlight__twitter.com_2016.html', 'https://twitter.com/kingbeyoncestan/status/745276948213968896'],
  ] as const) {
    it(`${file}: pre-React twitter.com → not recognised, no throw`, () => {
      const result = xAdapter.extract(documentFromHtml(read(file), url), new URL(url), { now: FIXTURE_NOW });
      expect(result.ok).toBe(false);
    });
  }
});
