/**
 * The History list is virtualised: rows come into the DOM as the agent scrolls. It is not a live
 * region (a screen reader would read scrolled-in rows as new messages), and each message says
 * where it stands in the whole history, not only among the rows mounted.
 */
import { afterEach, expect, it, vi } from 'vitest';
import { Timeline, toRows } from '../../components/Timeline';
import type { Message } from '../../lib/db/records';
import { reactRoot } from '../support/react-root';
import { until } from '../support/render-wait';

const { render } = reactRoot();
afterEach(() => vi.restoreAllMocks());

const msg = (i: number, conversationId: string): Message => ({
  id: `m${i}`, conversationId, customerId: 'dana', brandId: 'b1', platform: 'x', nativeId: `n${i}`,
  direction: i % 2 ? 'out' : 'in', author: 'Dana', text: `message ${i}`, sentAt: 1_000 * i, capturedAt: 1_000 * i,
});
const labels = { history: 'History', you: 'You', open: 'Open', empty: 'Nothing yet', kind: () => 'thread', formatTime: String };

it('numbers messages across conversations, headers not counted', () => {
  const rows = toRows([msg(1, 'a'), msg(2, 'a'), msg(3, 'b')]);
  expect(rows.map((r) => (r.kind === 'message' ? r.position : 'header'))).toEqual(['header', 1, 2, 'header', 3]);
});

it('is a log that does not announce rows mounted by scrolling, each message placed in the whole history', async () => {
  // happy-dom lays nothing out: the scroll box gets a height, so the virtual list renders rows.
  vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockImplementation(function (this: HTMLElement) {
    return this.classList.contains('cs-timeline') ? 600 : 0;
  });
  const messages = [msg(1, 'a'), msg(2, 'a'), msg(3, 'b')];
  const el = render(<Timeline messages={messages} conversations={new Map()} currentConversationId={null} labels={labels} />);
  await until(() => el.querySelectorAll('[data-testid="timeline-message"]').length > 0, () => el.innerHTML);
  const log = el.querySelector('[role="log"]')!;
  expect(log.getAttribute('aria-live')).toBe('off');
  const shown = [...el.querySelectorAll('[data-testid="timeline-message"]')];
  for (const a of shown) expect(a.getAttribute('aria-setsize')).toBe('3');
  expect(shown.map((a) => a.getAttribute('aria-posinset'))).toEqual(shown.map((a) => a.textContent!.match(/message (\d)/)![1]));
});
