/**
 * Facebook route detectors: own examples accepted, every other FB detector's and every X
 * detector's examples rejected (also covered by routes-cross.test.ts across all platforms), and
 * the ids read from URLs.
 */
import { describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import { fbConversationKindOf, fbRouteDetectors, isE2eeThread, postIdFromUrl, threadIdFromUrl } from '../../lib/platforms/facebook/routes';
import { xRouteDetectors } from '../../lib/platforms/x/routes';

describe('Facebook route detectors', () => {
  for (const detector of fbRouteDetectors) {
    it(`${detector.name}: own examples yes, all others no`, () => {
      for (const example of detector.examples) expect(detector.test(new URL(example)), example).toBe(true);
      for (const other of [...fbRouteDetectors, ...xRouteDetectors]) {
        if (other === detector) continue;
        for (const example of other.examples) expect(detector.test(new URL(example)), `${detector.name} vs ${other.name}: ${example}`).toBe(false);
      }
    });
  }

  it('maps URLs to conversation kinds', () => {
    const kind = (u: string) => fbConversationKindOf(new URL(u));
    expect(kind('https://www.facebook.com/acmeoutdoor/posts/123456789012345?comment_id=1')).toBe('fb-post');
    expect(kind('https://www.facebook.com/photo/?fbid=987654321098765&set=a.1')).toBe('fb-post');
    expect(kind('https://www.messenger.com/e2ee/t/7012345678901234')).toBe('fb-messenger');
    expect(kind('https://business.facebook.com/latest/inbox/all?asset_id=1&selected_item_id=2&thread_type=FB_MESSAGE')).toBe('fb-business');
    expect(kind('https://www.facebook.com/acmeoutdoor')).toBeNull();
    expect(kind('https://www.facebook.com/acmeoutdoor/posts/')).toBeNull();
    expect(kind('https://www.facebook.com/story.php?story_fbid=abc')).toBeNull();
  });

  it('reads post and thread ids', () => {
    expect(postIdFromUrl(new URL('https://www.facebook.com/permalink.php?story_fbid=pfbid0Ab12Cd34Ef56Gh78&id=100064000000001'))).toBe('pfbid0Ab12Cd34Ef56Gh78');
    expect(postIdFromUrl(new URL('https://www.facebook.com/groups/1234567890/posts/9876543210/'))).toBe('9876543210');
    expect(postIdFromUrl(new URL('https://www.facebook.com/photo.php?fbid=987654321098765'))).toBe('987654321098765');
    expect(threadIdFromUrl(new URL('https://www.facebook.com/messages/e2ee/t/7012345678901234/'))).toBe('7012345678901234');
    expect(threadIdFromUrl(new URL('https://www.messenger.com/t/5432109876543210'))).toBe('5432109876543210');
    expect(isE2eeThread(new URL('https://www.messenger.com/e2ee/t/5432109876543210'))).toBe(true);
    expect(isE2eeThread(new URL('https://www.facebook.com/messages/t/5432109876543210'))).toBe(false);
  });

  it('handles only the desktop Facebook hosts', () => {
    for (const u of ['https://www.facebook.com/', 'https://web.facebook.com/', 'https://business.facebook.com/', 'https://www.messenger.com/']) expect(facebookAdapter.handles(new URL(u)), u).toBe(true);
    for (const u of ['https://m.facebook.com/story.php?story_fbid=1&id=2', 'https://x.com/home', 'https://facebook.com.evil.example/']) expect(facebookAdapter.handles(new URL(u)), u).toBe(false);
  });
});
