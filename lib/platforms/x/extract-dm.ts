/**
 * Legacy DMs `/messages/<idA>-<idB>` (1:1) and `/messages/<conversationId>` (group).
 * No saved real page exists (see PROVENANCE.md "Not found"); hooks follow platform-dom.md.
 *
 * - conversationId: the id in the URL.
 * - Direction: X renders the agent's own bubbles as <button> elements (incoming ones are
 *   plain divs), so a bubble inside a button is outgoing. This holds without knowing the agent.
 * - Message ids: the DOM carries none; see dm-ids.ts. An untimed row is told apart from a look-alike
 *   by the rows above it, so the first rows rendered, when untimed, are held back until the row
 *   above them is rendered too (or the profile card shows the conversation starts there).
 * - Right after an in-app navigation the pane may still show the previous conversation under
 *   the new URL. When the pane of a 1:1 conversation `<idA>-<idB>` ties a person outside that
 *   pair to itself (a follow button `<id>-follow`, an `/i/user/<id>` link, outside the message
 *   rows: the profile card above the first message), it is another conversation's pane: the
 *   page is reported not rendered yet, as the thread and Messenger extractors do. No saved real
 *   page shows these markers (the fixtures are hand-built), so their absence proves nothing:
 *   the pane is then read as it is, and the content script's accumulator
 *   (lib/content/accumulate.ts, CONVERSATION_CONTENT_IDENTITY) is the second line, recognising
 *   the conversation just left by its messages and its customer.
 */
import type { ExtractOptions } from '../adapter';
import type { ExtractResult, Person, SnapshotMessage } from '../snapshot';
import { notRecognised } from '../snapshot';
import { readXAgent } from './agent';
import { handleFromHref, isHidden, isoFrom, rebuildText } from './dom';
import { dmRowIds } from './dm-ids';
import { conversationStartShown, customerUserId, foreignUserId, personFromHeader } from './dm-people';
import { dmConversationIdFromUrl } from './routes';
import { queryAllX, queryX, X } from './selectors';
import { personOf } from './tweet-messages';

export function extractDm(doc: Document, url: URL, _options: ExtractOptions = {}): ExtractResult {
  const conversationId = dmConversationIdFromUrl(url);
  if (!conversationId) return notRecognised('no-conversation', 'DM inbox: no conversation open');
  const container = queryX(doc, X.dmActivity);
  if (!container) return notRecognised('not-rendered', 'legacy DM conversation not rendered (no DmActivityContainer)');
  const agent = readXAgent(doc);
  const entrySelector = X.dmEntry.css[0]!;
  if (foreignUserId(conversationId, container, entrySelector)) {
    return notRecognised('not-rendered', `the pane still shows another conversation than the URL's (${conversationId}): a follow button or profile link in it names someone outside that pair`);
  }
  const header = personFromHeader(container, agent, entrySelector);
  const userId = customerUserId(conversationId, container);
  const customer: Person | null = header ? { ...header, ...(userId ? { userId } : {}) } : null;
  const agentPerson = agent ? personOf(agent.handle, agent.displayName) : {};

  const entries = queryAllX(container, X.dmEntry).filter((entry) => !isHidden(entry, container));
  const rows = entries.map((entry) => {
    const textEl = entry.querySelector(X.tweetText.css[0]!);
    const bubble = (textEl ?? entry).closest('button, [role="button"]');
    const direction = bubble && entry.contains(bubble) ? 'out' : 'in';
    const text = textEl ? rebuildText(textEl) : '';
    const sentAt = isoFrom(entry.querySelector('time[datetime]'));
    // Group chats show the sender's avatar link beside incoming bubbles (not links in the text).
    const avatarLink = Array.from(entry.querySelectorAll('a[href]')).find((a) => !textEl?.contains(a));
    const avatarHandle = handleFromHref(avatarLink?.getAttribute('href'));
    const author = direction === 'out' ? agentPerson : avatarHandle ? personOf(avatarHandle) : (customer ?? {});
    return { author, text, sentAt, direction } as const;
  });
  const startShown = entries.length > 0 && conversationStartShown(container, entries[0]!, entrySelector);
  const ids = dmRowIds(`dm:${conversationId}`, rows, startShown);
  const messages: SnapshotMessage[] = rows.flatMap((row, i) => {
    const id = ids[i];
    if (!id) return [];
    return [{ id: id.id, ...row, ...(id.formerIds ? { formerIds: id.formerIds } : {}) }];
  });

  return {
    ok: true,
    snapshot: {
      platform: 'x',
      kind: 'x-dm',
      conversationId,
      url: url.href,
      // Rows held back still show the conversation is not empty.
      state: entries.length === 0 ? 'empty' : 'ok',
      agent,
      customer,
      messages,
    },
  };
}
