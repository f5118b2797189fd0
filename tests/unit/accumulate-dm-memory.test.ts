/**
 * What the content script keeps of the legacy DM just left (lib/content/accumulate.ts): a short
 * key per message — the hash its derived id carries (x/dm-ids.ts) — not its text, built once
 * when the readings leave the DM rather than at every reading that follows.
 */
import { describe, expect, it, vi } from 'vitest';
import { createAccumulator } from '../../lib/content/accumulate';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';
import { dmContentKey } from '../../lib/platforms/x/dm-ids';
import { loadFixtures } from '../fixtures/load-fixtures';

vi.mock(import('../../lib/platforms/x/dm-ids'), async (importOriginal) => {
  const actual = await importOriginal();
  return { ...actual, dmContentKey: vi.fn(actual.dmContentKey) };
});

const ROWS = 5000;
const LONG = 'x'.repeat(1000);

/** Dana's DM as acme_support reads it: 5,000 rows of about 1 KB each. */
function dana(): ConversationSnapshot {
  return {
    platform: 'x',
    kind: 'x-dm',
    conversationId: '1111111111-2222222222',
    url: 'https://x.com/messages/1111111111-2222222222',
    state: 'ok',
    agent: { platform: 'x', handle: 'acme_support' },
    customer: { handle: 'dana_example' },
    messages: Array.from({ length: ROWS }, (_, i) => ({
      id: `dm:1111111111-2222222222:${i}`,
      author: { handle: 'dana_example' },
      text: `${i} ${LONG}`,
      sentAt: new Date(Date.UTC(2025, 10, 1) + i * 60_000).toISOString(),
      direction: 'in' as const,
    })),
  };
}

describe("the memory of the legacy DM just left", () => {
  it('keys are the 8-hex-digit hash the derived ids carry, whatever the length of the text', () => {
    const c = loadFixtures('x').find((f) => f.name === 'dm-thread')!;
    const expected = c.expected as unknown as ConversationSnapshot;
    // An untimed row adds the hash of its context (dm-ids.ts): `-<8 hex digits>`.
    for (const m of expected.messages) expect(m.id).toMatch(new RegExp(`^dm:${expected.conversationId}:${dmContentKey(m)}(-[0-9a-f]{8})?$`));
    expect(dmContentKey({ direction: 'in', sentAt: null, text: 'y'.repeat(200_000) })).toMatch(/^[0-9a-f]{8}$/);
  });

  it('is built once per switch, not at every stale reading, and holds short keys only', () => {
    const key = vi.mocked(dmContentKey);
    key.mockClear();
    const acc = createAccumulator();
    const open = dana();
    expect(acc.merge(open).stale).toBeFalsy();
    const readings = 20;
    const shown = open.messages.slice(-10);
    for (let i = 0; i < readings; i++) {
      // Dana's pane under Robin's URL: the same rows, with Robin's conversation in their ids.
      const stale: ConversationSnapshot = {
        ...open,
        conversationId: '2222222222-4444444444',
        url: 'https://x.com/messages/2222222222-4444444444',
        messages: shown.map((m, j) => ({ ...m, id: `dm:2222222222-4444444444:${j}` })),
      };
      expect(acc.merge(stale)).toEqual({ stale: true });
    }
    // Every row of the DM left once, plus the rows each reading shows.
    expect(key.mock.calls.length).toBeGreaterThanOrEqual(ROWS);
    expect(key.mock.calls.length).toBeLessThanOrEqual(ROWS + readings * shown.length);
    expect(key.mock.results.every((r) => r.type === 'return' && /^[0-9a-f]{8}$/.test(r.value as string))).toBe(true);
  });
});
