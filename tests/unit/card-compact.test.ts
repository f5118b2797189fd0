/**
 * The folded customer card (lib/panel/card-compact.ts): an agent's choice kept in
 * browser.storage.local, read strictly (only `true` folds), and followed live by every panel.
 */
import { describe, expect, it } from 'vitest';
import { act, createElement } from 'react';
import { browser } from 'wxt/browser';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';
import { CARD_COMPACT_KEY, saveCardCompact, useCardCompact } from '../../lib/panel/card-compact';

describe('useCardCompact', () => {
  const { render } = reactRoot();
  const Show = () => createElement('p', null, useCardCompact() ? 'folded' : 'full');

  it('starts full, then follows what any panel saves', async () => {
    const el = render(createElement(Show));
    expect(el.textContent).toBe('full');
    await act(async () => saveCardCompact(true));
    await until(() => el.textContent === 'folded', () => el.textContent ?? '');
    expect((await browser.storage.local.get(CARD_COMPACT_KEY))[CARD_COMPACT_KEY]).toBe(true);
    await act(async () => saveCardCompact(false));
    expect(el.textContent).toBe('full');
  });

  it('reads a stored choice, and anything unreadable as full', async () => {
    await browser.storage.local.set({ [CARD_COMPACT_KEY]: true });
    const el = render(createElement(Show));
    await until(() => el.textContent === 'folded', () => el.textContent ?? '');
    await act(async () => browser.storage.local.set({ [CARD_COMPACT_KEY]: 'yes' }));
    expect(el.textContent).toBe('full');
    // Another storage area is not this choice.
    await act(async () => browser.storage.sync.set({ [CARD_COMPACT_KEY]: true }));
    expect(el.textContent).toBe('full');
  });
});
