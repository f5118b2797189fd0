/**
 * Default bubble geometry in Messenger-like threads (lib/platforms/facebook/thread-rows.ts) with
 * a stubbed layout: trusted when it separates the sides, ignored when it puts every bubble on
 * one side against a sure sign ("You sent", a heading naming the Page). Found end to end: the
 * fixtures served without Facebook's stylesheet lay every bubble out on the left.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { documentFromHtml, FIXTURE_NOW, loadFixtures } from '../fixtures/load-fixtures';

const cases = loadFixtures('facebook');
const fixture = (name: string) => cases.find((c) => c.name === name)!;

/** Lay out bubbles: `side(row)` → 'left' | 'right'; the grid spans 0–1000. */
function withLayout(side: (row: Element) => 'left' | 'right') {
  vi.spyOn(Element.prototype, 'getBoundingClientRect').mockImplementation(function (this: Element) {
    const rect = (left: number, width: number) => ({ left, right: left + width, width, top: 0, bottom: 10, height: 10, x: left, y: 0, toJSON: () => ({}) }) as DOMRect;
    if (this.getAttribute('role') === 'grid') return rect(0, 1000);
    const row = this.closest('[role="row"]');
    return row ? (side(row) === 'right' ? rect(700, 200) : rect(100, 200)) : rect(0, 0);
  });
}
afterEach(() => vi.restoreAllMocks());

const directions = (name: string): string[] => {
  const c = fixture(name);
  const result = facebookAdapter.extract(documentFromHtml(c.html, c.url), c.url, { now: FIXTURE_NOW });
  if (!result.ok) throw new Error(result.reason);
  return (result.snapshot as ConversationSnapshot).messages.map((m) => m.direction);
};
const expectedDirections = (name: string) => (fixture(name).expected as ConversationSnapshot).messages.map((m) => m.direction);

describe('Messenger-like thread geometry', () => {
  for (const name of ['messenger-thread', 'messenger-scroll-a', 'business-inbox-thread']) {
    it(`${name}: a layout with every bubble on the left (no styles) does not override "You sent" / the Page heading`, () => {
      withLayout(() => 'left');
      expect(directions(name)).toEqual(expectedDirections(name));
    });

    it(`${name}: a real layout (outgoing bubbles on the right) is used`, () => {
      withLayout((row) => (row.querySelector('.x13a6bvl') ? 'right' : 'left'));
      expect(directions(name)).toEqual(expectedDirections(name));
    });
  }

  it('a layout that separates the sides decides alone when the "You sent" hint is in an unknown language', () => {
    withLayout((row) => (row.querySelector('.x13a6bvl') ? 'right' : 'left'));
    const c = fixture('messenger-thread');
    const html = c.html.replaceAll('>You sent<', '>Du hast gesendet<');
    const result = facebookAdapter.extract(documentFromHtml(html, c.url), c.url, { now: FIXTURE_NOW });
    expect(result.ok && result.snapshot.messages.map((m) => m.direction)).toEqual(expectedDirections('messenger-thread'));
  });
});
