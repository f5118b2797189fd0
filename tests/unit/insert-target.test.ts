/**
 * The page types a reply only into the conversation, and under the account, the panel wrote it
 * for: after an account switch on the same thread (brand A → brand B), brand A's reply (its
 * template, its signature) must not land in brand B's composer.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// The frame itself is not under test (happy-dom would try to load the extension page).
vi.mock('../../lib/content/panel-frame', () => ({ mountPanelFrame: async () => ({ toggle() {}, setOpen() {}, isOpen: () => true }) }));
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { ContentScriptContext } from 'wxt/utils/content-script-context';
import { startPageSession } from '../../lib/content/page-session';
import type { PlatformAdapter } from '../../lib/platforms/adapter';
import { otherAccount, type Account, type Agent, type ConversationSnapshot } from '../../lib/platforms/snapshot';
import type { InsertOutcome } from '../../lib/messaging/protocol';

let agent: Agent | null;
let typed: string[];
let ctx: ContentScriptContext;

beforeEach(async () => {
  document.body.innerHTML = '<main><textarea id="composer"></textarea></main>';
  const composer = document.getElementById('composer') as HTMLTextAreaElement;
  typed = [];
  // happy-dom has no execCommand: record what the page's composer would receive.
  (document as unknown as { execCommand: (c: string, u: boolean, v: string) => boolean }).execCommand = (_c, _u, v) => (typed.push(v), true);
  agent = { platform: 'x', handle: 'brand_a' };
  const snapshot = (): ConversationSnapshot => ({
    platform: 'x', kind: 'x-thread', conversationId: '100', url: 'https://x.com/dana/status/100', state: 'ok', agent,
    customer: { handle: 'dana' },
    messages: [{ id: '100', author: { handle: 'dana' }, text: '@brand_a help', sentAt: '2026-03-01T10:00:00Z', direction: 'in' }],
  });
  const adapter: PlatformAdapter = {
    platform: 'x',
    handles: () => true,
    conversationKindOf: () => 'x-thread',
    readAgent: () => agent,
    extract: () => ({ ok: true, snapshot: snapshot() }),
    observeRoot: () => document.querySelector('main'),
    findComposer: () => ({ kind: 'textarea', element: composer }),
  };
  fakeBrowser.runtime.sendMessage = (async () => ({ ok: true })) as never;
  ctx = new ContentScriptContext('insert-target-test');
  await startPageSession(ctx, adapter);
});
afterEach(() => ctx.abort());

async function insert(command: { conversationId?: string; account?: Account }): Promise<InsertOutcome> {
  const answers = (await fakeBrowser.runtime.onMessage.trigger({ type: 'tab/insert', text: 'Sorry Dana! — Team A', mode: 'caret', ...command }, { id: fakeBrowser.runtime.id })) as unknown[];
  return (await answers.find((a) => a !== undefined)) as InsertOutcome;
}

describe('insert: the account the reply was written for', () => {
  it('is refused when the page is now logged in as another account', async () => {
    agent = { platform: 'x', handle: 'brand_b' };
    expect(await insert({ conversationId: '100', account: { platform: 'x', handle: 'brand_a' } })).toMatchObject({ ok: false, code: 'other-account' });
    expect(typed.join('')).toBe('');
  });

  it('goes in under the same account, however its handle is written', async () => {
    agent = { platform: 'x', handle: 'Brand_A', displayName: 'Brand A' };
    expect(await insert({ conversationId: '100', account: { platform: 'x', handle: '@brand_a' } })).toMatchObject({ ok: true });
    expect(typed.join('')).toContain('Team A');
  });

  it('goes in when the page shows no account to compare with', async () => {
    agent = null;
    expect(await insert({ conversationId: '100', account: { platform: 'x', handle: 'brand_a' } })).toMatchObject({ ok: true });
  });

  it('is still refused for another conversation', async () => {
    expect(await insert({ conversationId: '999', account: { platform: 'x', handle: 'brand_a' } })).toMatchObject({ ok: false, code: 'other-conversation' });
    expect(typed.join('')).toBe('');
  });
});

describe('otherAccount', () => {
  it('tells accounts apart only on what both readings show', () => {
    expect(otherAccount({ platform: 'x', handle: 'a' }, { platform: 'facebook', handle: 'a' })).toBe(true);
    expect(otherAccount({ platform: 'facebook', pageId: '1', handle: 'shop' }, { platform: 'facebook', pageId: '2', handle: 'shop' })).toBe(true);
    expect(otherAccount({ platform: 'facebook', pageId: '1' }, { platform: 'facebook', handle: 'shop' })).toBe(false);
    expect(otherAccount({ platform: 'facebook', handle: 'Shop' }, { platform: 'facebook', handle: '@shop' })).toBe(false);
  });
});
