/**
 * A new tab's state is read from storage.session once per caller; the panel connecting while the
 * content script's first snapshot is being recorded must not end with the empty state read
 * before it: the panel of a page that sends one snapshot only (a static or locked page) would
 * then stay on "No conversation recognised here".
 */
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { emptyState, getTabState, setTabState } from '../../lib/background/tab-state';

describe('tab state', () => {
  it('a storage read that completes late does not overwrite a state set meanwhile', async () => {
    const releases: (() => void)[] = [];
    const real = fakeBrowser.storage.session.get.bind(fakeBrowser.storage.session);
    // Each read sees storage as it was when it started, and answers when released.
    vi.spyOn(fakeBrowser.storage.session, 'get').mockImplementation(((keys: never) => {
      const value = real(keys);
      return new Promise((resolve) => releases.push(() => resolve(value)));
    }) as never);

    const first = getTabState(4242); // the content script's snapshot
    const second = getTabState(4242); // the panel connecting
    await vi.waitFor(() => expect(releases).toHaveLength(2));
    releases[0]!();
    expect(await first).toEqual(emptyState());
    const recorded = { ...emptyState('https://x.com/a/status/1'), brandId: 'b1' };
    await setTabState(4242, recorded);
    releases[1]!();
    expect(await second).toEqual(recorded);
    expect(await getTabState(4242)).toEqual(recorded);
    vi.restoreAllMocks();
  });
});
