/**
 * Robustness of the extractors (issue 7, part 7; docs/evaluation.md §4): every fixture of both
 * platforms, damaged at random with a fixed seed, through the adapter that handles its URL.
 * The contract: extract() never throws and returns either a snapshot that passes
 * ConversationSnapshotSchema or `{ ok: false, reason }` with a non-empty reason.
 *
 * Damage kinds (1–5 per case, mixed): remove element nodes, drop attributes the selectors
 * lean on (data-testid, href, datetime, role, aria-*), replace text nodes with hostile strings,
 * shuffle siblings, truncate the markup. A failing case prints its fixture, index and seed so
 * it can be replayed (`caseSeed` is derived from SEED, the fixture name and the index).
 *
 * Hostile text (script tags, event-handler markup, `javascript:` URLs, U+202E, lone
 * surrogates, 100 KB) put into otherwise intact fixtures comes out as the same literal text.
 * Decision on size: the schema allows 200,000 characters per message; text up to that limit is
 * kept whole (asserted for 100 KB), and text over it is never cut silently — the page is
 * reported "not recognised" with a reason naming the field (asserted for 250 KB).
 *
 * Prints `robustness: extract cases tried N, failures M (…)`.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { facebookAdapter } from '../../lib/platforms/facebook';
import type { PlatformAdapter } from '../../lib/platforms/adapter';
import { ConversationSnapshotSchema, type ConversationSnapshot, type ExtractResult } from '../../lib/platforms/snapshot';
import { xAdapter } from '../../lib/platforms/x';
import { documentFromHtml, FIXTURE_NOW, isNotRecognisedCase, loadFixtures, type FixtureCase } from '../fixtures/load-fixtures';
import { reportRobustness } from '../support/robustness-report';

export const robustness = { tried: 0, failures: 0, snapshots: 0, notRecognised: 0, caughtInside: 0, hostileTried: 0, hostileFailures: 0 };

const SEED = 0x5eed_2025;
const CASES_PER_FIXTURE = 30;

import { mulberry32 } from '../../lib/bench/prng';
const hash = (s: string): number => [...s].reduce((h, ch) => Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0, 2166136261);

const KB100_END = 'END-OF-THE-100KB-MESSAGE';
/** ~100 KB of ordinary words (single spaces, so whitespace normalisation cannot shorten it). */
const HUNDRED_KB = `${'lorem ipsum dolor sit amet '.repeat(3_800)}${KB100_END}`;
export const HOSTILE = {
  script: '<script>window.top.__pwned=1</script>',
  img: '<img src=x onerror="window.top.__pwned=1">',
  svg: '"><svg onload=alert(1)>',
  jsUrl: 'javascript:alert(document.cookie)',
  anchor: '<a href="javascript:alert(1)">refund form</a>',
  rtl: 'invoice \u202Efdp.exe please open',
  surrogates: 'broken \uD800 high and \uDC00 low surrogate',
  entities: '&lt;b&gt;not bold&lt;/b&gt; &amp; &#x3C;script&#x3E;',
} as const;

const fixtures: { platform: 'x' | 'facebook'; adapter: PlatformAdapter; c: FixtureCase }[] = [
  ...loadFixtures('x').map((c) => ({ platform: 'x' as const, adapter: xAdapter, c })),
  ...loadFixtures('facebook').map((c) => ({ platform: 'facebook' as const, adapter: facebookAdapter, c })),
];

const DROPPABLE = (name: string) => ['data-testid', 'href', 'datetime', 'role', 'id', 'dir', 'alt', 'title'].includes(name) || name.startsWith('aria-') || name.startsWith('data-');
const HOSTILE_TEXTS = [...Object.values(HOSTILE), 'x'.repeat(5_000), '', '   ', '\u0000\u0001\u001f', '🌻'.repeat(300)];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/**
 * Apply 1–5 random damages to `doc` in place and return how to undo them (newest first) and
 * what was done. Undoing instead of cloning keeps 700 cases fast: cloning a 100 KB page in
 * happy-dom costs as much as parsing it. Each fixture's loop checks the undo was exact.
 */
function damage(doc: Document, random: () => number): { undo: () => void; done: string[] } {
  const done: string[] = [];
  const log: (() => void)[] = [];
  const rounds = 1 + Math.floor(random() * 5);
  for (let r = 0; r < rounds; r++) {
    const elements = Array.from(doc.body?.querySelectorAll('*') ?? []);
    if (!elements.length) break;
    const kind = random();
    if (kind < 0.3) {
      const n = 1 + Math.floor(random() * 6);
      for (let i = 0; i < n; i++) {
        const el = pick(random, elements);
        const parent = el.parentNode;
        if (!parent) continue; // already removed with an ancestor
        const next = el.nextSibling;
        el.remove();
        log.push(() => parent.insertBefore(el, next));
      }
      done.push(`remove×${n}`);
    } else if (kind < 0.55) {
      // Attributes the selectors rely on, dropped across many elements at once.
      const rate = 0.1 + random() * 0.8;
      let dropped = 0;
      for (const el of elements) {
        const original = Array.from(el.attributes, ({ name, value }) => [name, value] as const);
        const drop = original.filter(([name]) => DROPPABLE(name) && random() < rate);
        if (!drop.length) continue;
        for (const [name] of drop) el.removeAttribute(name);
        dropped += drop.length;
        // Put every attribute back in its original order.
        log.push(() => {
          for (const [name] of original) el.removeAttribute(name);
          for (const [name, value] of original) el.setAttribute(name, value);
        });
      }
      done.push(`drop-attrs×${dropped}`);
    } else if (kind < 0.8) {
      const walker = doc.createTreeWalker(doc.body!, 4 /* NodeFilter.SHOW_TEXT */);
      const texts: Text[] = [];
      for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n as Text);
      const n = Math.min(texts.length, 1 + Math.floor(random() * 8));
      for (let i = 0; i < n; i++) {
        const node = pick(random, texts);
        const before = node.data;
        node.data = pick(random, HOSTILE_TEXTS);
        log.push(() => (node.data = before));
      }
      done.push(`hostile-text×${n}`);
    } else {
      const parent = pick(random, elements);
      const original = Array.from(parent.childNodes);
      const kids = Array.from(parent.children);
      for (let i = kids.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [kids[i], kids[j]] = [kids[j]!, kids[i]!];
      }
      for (const k of kids) parent.append(k);
      log.push(() => parent.replaceChildren(...original));
      done.push(`shuffle×${kids.length}`);
    }
  }
  return { undo: () => log.reverse().forEach((step) => step()), done };
}

/** The contract every result must meet; returns what is wrong, or null. */
function contractViolation(run: () => ExtractResult): string | null {
  let result: ExtractResult;
  try {
    result = run();
  } catch (error) {
    return `threw: ${error instanceof Error ? error.stack ?? error.message : String(error)}`;
  }
  if (result.ok) {
    const parsed = ConversationSnapshotSchema.safeParse(result.snapshot);
    if (!parsed.success) return `ok but invalid snapshot: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`;
    robustness.snapshots++;
    return null;
  }
  if (typeof result.reason !== 'string' || !result.reason.trim()) return `not recognised without a reason: ${JSON.stringify(result)}`;
  robustness.notRecognised++;
  if (/extractor failed/.test(result.reason)) robustness.caughtInside++;
  return null;
}

describe('robustness: every extractor over every fixture with random damage', () => {
  it(`covers both platforms with at least 600 cases (seed ${SEED.toString(16)})`, () => {
    expect(fixtures.filter((f) => f.platform === 'x').length).toBeGreaterThanOrEqual(10);
    expect(fixtures.filter((f) => f.platform === 'facebook').length).toBeGreaterThanOrEqual(10);
    expect(fixtures.length * CASES_PER_FIXTURE).toBeGreaterThanOrEqual(600);
  });

  for (const { platform, adapter, c } of fixtures) {
    it(`${platform}/${c.name}: ${CASES_PER_FIXTURE} damaged copies → a valid snapshot or a reason, never a throw`, () => {
      const doc = documentFromHtml(c.html, c.url);
      const markup = doc.documentElement.outerHTML;
      const failures: string[] = [];
      for (let i = 0; i < CASES_PER_FIXTURE; i++) {
        const caseSeed = (SEED ^ hash(c.name) ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0;
        const random = mulberry32(caseSeed);
        let target = doc;
        let undo = () => {};
        const done: string[] = [];
        if (random() < 0.1) {
          // Truncated markup (a page saved or streamed half-way): parse a prefix, then damage it too.
          const cut = Math.floor(random() * c.html.length);
          target = documentFromHtml(c.html.slice(0, cut), c.url);
          done.push(`truncate@${cut}`);
        }
        const damaged = damage(target, random);
        if (target === doc) undo = damaged.undo;
        done.push(...damaged.done);
        robustness.tried++;
        const problem = contractViolation(() => adapter.extract(target, c.url, { now: FIXTURE_NOW }));
        undo();
        if (problem) {
          robustness.failures++;
          failures.push(`#${i} seed ${caseSeed} [${done.join(', ')}]: ${problem}`);
        }
      }
      // The damage was undone exactly (so every case started from the intact page).
      expect(doc.documentElement.outerHTML === markup, 'undo restored the page').toBe(true);
      expect(failures, failures.join('\n')).toEqual([]);
    });
  }
});

/** Text nodes of the body whose whole (trimmed) data is exactly `text`. */
function textNodesExactly(doc: Document, text: string): Text[] {
  const walker = doc.createTreeWalker(doc.body!, 4);
  const found: Text[] = [];
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if ((n as Text).data.trim() === text) found.push(n as Text);
  return found;
}

/**
 * A message of the expected snapshot whose text sits in one text node (no emoji or links
 * splitting it), so it can be swapped for a hostile string and found again by its position
 * (Facebook derives some message ids from the text, so the id changes with it).
 */
function swappableMessage(c: FixtureCase, doc: Document): { index: number; node: Text } | null {
  if (isNotRecognisedCase(c.expected)) return null;
  const expected = c.expected as unknown as ConversationSnapshot;
  for (const [index, m] of (expected.messages ?? []).entries()) {
    const words = m.text.trim();
    if (words.length < 8 || words.includes('\n')) continue;
    const nodes = textNodesExactly(doc, words);
    if (nodes.length === 1) return { index, node: nodes[0]! };
  }
  return null;
}

const hostileFixtures = fixtures.flatMap(({ platform, adapter, c }) => {
  const doc = documentFromHtml(c.html, c.url);
  const target = swappableMessage(c, doc);
  const intact = adapter.extract(doc, c.url, { now: FIXTURE_NOW });
  return target && intact.ok && intact.snapshot.messages.length === (c.expected as unknown as ConversationSnapshot).messages.length
    ? [{ platform, adapter, c, doc, target }]
    : [];
});

describe('robustness: hostile text in otherwise valid pages comes out as literal text', () => {
  it('has usable fixtures on both platforms', () => {
    expect(hostileFixtures.some((f) => f.platform === 'x')).toBe(true);
    expect(hostileFixtures.some((f) => f.platform === 'facebook')).toBe(true);
  });

  const check = (name: string, body: () => void) => {
    robustness.hostileTried++;
    try {
      body();
    } catch (error) {
      robustness.hostileFailures++;
      throw error;
    }
  };

  for (const { platform, adapter, c, doc, target } of hostileFixtures) {
    /** Change the page in place, extract, put the page back. */
    const extractWith = (change: (node: Text) => () => void): ExtractResult => {
      const restore = change(target.node);
      try {
        return adapter.extract(doc, c.url, { now: FIXTURE_NOW });
      } finally {
        restore();
      }
    };
    const setText = (text: string) => (node: Text) => {
      const before = node.data;
      node.data = text;
      return () => (node.data = before);
    };
    const textOf = (result: ExtractResult): string => {
      if (!result.ok) throw new Error(`not recognised: ${result.reason}`);
      expect(ConversationSnapshotSchema.safeParse(result.snapshot).success).toBe(true);
      const message = result.snapshot.messages[target.index];
      if (!message) throw new Error(`message #${target.index} missing from the snapshot`);
      return message.text;
    };

    for (const [kind, hostile] of Object.entries(HOSTILE)) {
      it(`${platform}/${c.name}: ${kind} text is kept verbatim`, () =>
        check(`${c.name}/${kind}`, () => {
          const text = textOf(extractWith(setText(hostile)));
          expect(text).toBe(hostile);
        }));
    }

    it(`${platform}/${c.name}: real markup inside a message is read as its text, never as HTML`, () =>
      check(`${c.name}/markup`, () => {
        const text = textOf(
          extractWith((node) => {
            const wrap = doc.createElement('span');
            // Elements (not text): what a page could contain if its own sanitising failed.
            wrap.innerHTML = 'before <img src="x" onerror="window.top.__pwned=1" alt=""><b>bold</b><a href="javascript:alert(1)">link</a> after';
            node.replaceWith(wrap);
            return () => wrap.replaceWith(node);
          }),
        );
        expect(text).toContain('before');
        expect(text).toContain('bold');
        expect(text).not.toMatch(/onerror|<b>|<img|javascript:|<a /);
      }));

    it(`${platform}/${c.name}: a 100 KB message is kept whole`, () =>
      check(`${c.name}/100kb`, () => {
        const text = textOf(extractWith(setText(HUNDRED_KB)));
        expect(text.length).toBe(HUNDRED_KB.length);
        expect(text.endsWith(KB100_END)).toBe(true);
      }));

    it(`${platform}/${c.name}: a message over the 200,000-character limit is reported, not cut silently`, () =>
      check(`${c.name}/250kb`, () => {
        const result = extractWith(setText('a'.repeat(250_000)));
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.reason).toMatch(/messages\.\d+\.text/);
      }));
  }
});

afterAll(() => {
  reportRobustness(
    'extract',
    robustness.tried,
    robustness.failures,
    `${fixtures.length} fixtures × ${CASES_PER_FIXTURE}, seed 0x${SEED.toString(16)}; snapshots ${robustness.snapshots}, not recognised ${robustness.notRecognised}, of which exceptions caught inside ${robustness.caughtInside}`,
  );
  reportRobustness('hostile-text extract', robustness.hostileTried, robustness.hostileFailures, `${hostileFixtures.length} fixtures`);
});
