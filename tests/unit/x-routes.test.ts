import { describe, expect, it } from 'vitest';
import { xConversationKindOf } from '../../lib/platforms/x';
import { dmConversationIdFromUrl, isProfile, isTweetThread, tweetIdFromUrl, userIdsOfPair, xRouteDetectors } from '../../lib/platforms/x/routes';

const u = (s: string) => new URL(s);

describe('X routes', () => {
  it('reserved first segments are not handles', () => {
    for (const path of ['home', 'explore', 'notifications', 'messages', 'i', 'settings', 'compose', 'search']) {
      expect(isProfile(u(`https://x.com/${path}`)), path).toBe(false);
      expect(isTweetThread(u(`https://x.com/${path}/status/123`)), path).toBe(false);
    }
  });

  it('handles are 1–15 of [A-Za-z0-9_]; other hosts are ignored', () => {
    expect(isTweetThread(u('https://x.com/a_very_long_handle_x/status/1'))).toBe(false);
    expect(isTweetThread(u('https://x.com/dana-example/status/1'))).toBe(false);
    expect(isTweetThread(u('https://example.com/dana/status/1'))).toBe(false);
  });

  it('exactly one X detector matches each X example', () => {
    for (const detector of xRouteDetectors) {
      for (const example of detector.examples) {
        expect(xRouteDetectors.filter((d) => d.test(u(example))).map((d) => d.name), example).toEqual([detector.name]);
      }
    }
  });

  it('reads ids and conversation kinds from URLs', () => {
    expect(tweetIdFromUrl(u('https://twitter.com/Dana/status/1859?s=20'))).toBe('1859');
    expect(dmConversationIdFromUrl(u('https://x.com/messages/11-22'))).toBe('11-22');
    expect(dmConversationIdFromUrl(u('https://x.com/i/chat/g1900'))).toBe('g1900');
    expect(userIdsOfPair('11-22')).toEqual(['11', '22']);
    expect(userIdsOfPair('g1900')).toEqual([]);
    expect(xConversationKindOf(u('https://x.com/dana/status/1'))).toBe('x-thread');
    expect(xConversationKindOf(u('https://x.com/compose/post'))).toBe('x-compose');
    expect(xConversationKindOf(u('https://x.com/messages/11-22'))).toBe('x-dm');
    expect(xConversationKindOf(u('https://x.com/i/chat/11-22'))).toBe('x-chat');
    expect(xConversationKindOf(u('https://x.com/messages'))).toBeNull();
    expect(xConversationKindOf(u('https://x.com/dana'))).toBeNull();
  });
});
