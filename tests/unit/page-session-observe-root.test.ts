/**
 * page-session watches only the app's main column (adapter.observeRoot) and re-attaches when the
 * app replaces it without navigating. On X and Facebook the main column sits deep inside
 * #react-root / the app root, not among document.body's direct children: its replacement must
 * still be seen, or the observer stays on a detached node and the new conversation is never read
 * or sent.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('../../lib/content/panel-frame', () => ({ mountPanelFrame: async () => ({ toggle() {}, setOpen() {}, isOpen: () => true }) }));
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startPageSession } from '../../lib/content/page-session';
import type { PlatformAdapter } from '../../lib/platforms/adapter';
import type { ConversationSnapshot } from '../../lib/platforms/snapshot';

let sent: { type: string; result?: { ok: boolean; snapshot?: ConversationSnapshot } }[];
let ctx: ContentScriptContext;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(async () => {
  document.body.innerHTML = '<div id="react-root"><div id="app"><main><p>first</p></main></div></div>';
  sent = [];
  const adapter: PlatformAdapter = {
    platform: 'x',
    handles: () => true,
    conversationKindOf: () => 'x-thread',
    readAgent: () => null,
    extract: (): { ok: true; snapshot: ConversationSnapshot } => ({
      ok: true,
      snapshot: {
        platform: 'x', kind: 'x-thread', conversationId: '100', url: 'https://x.com/dana/status/100', state: 'ok', agent: null,
        customer: { handle: 'dana' },
        messages: Array.from(document.querySelectorAll('main p')).map((p, i) => ({
          id: p.textContent!, author: { handle: 'dana' }, text: p.textContent!, sentAt: `2026-03-01T10:0${i}:00Z`, direction: 'in' as const,
        })),
      },
    }),
    observeRoot: () => document.querySelector('main'),
    findComposer: () => null,
  };
  fakeBrowser.runtime.sendMessage = (async (m: never) => (sent.push(m), { ok: true })) as never;
  ctx = new ContentScriptContext('page-session-observe-root');
  await startPageSession(ctx, adapter);
});
afterEach(() => ctx.abort());

const lastTexts = () => {
  const last = sent.filter((m) => m.type === 'page/snapshot').at(-1);
  return last?.result?.snapshot?.messages.map((m) => m.text) ?? [];
};

describe('page session: the main column replaced without navigating', () => {
  it('reads the page again after the app swaps its main column (no URL change)', async () => {
    expect(lastTexts()).toEqual(['first']);
    const fresh = document.createElement('main');
    fresh.innerHTML = '<p>second</p>';
    document.getElementById('app')!.replaceChildren(fresh);
    await sleep(400);
    expect(lastTexts()).toContain('second');
    // Later changes inside the new column are seen too: the observer moved to it.
    fresh.insertAdjacentHTML('beforeend', '<p>third</p>');
    await sleep(400);
    expect(lastTexts()).toContain('third');
  });

  it('the same swap as a direct child of <body> is caught too', async () => {
    document.body.innerHTML = '';
    await sleep(50);
    const fresh = document.createElement('main');
    fresh.innerHTML = '<p>second</p>';
    document.body.append(fresh);
    await sleep(400);
    fresh.insertAdjacentHTML('beforeend', '<p>third</p>');
    await sleep(400);
    expect(lastTexts()).toContain('third');
  });
});
