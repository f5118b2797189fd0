/**
 * Who the customer is in a DM or chat: shared by the legacy DM and the chat extractors.
 */
import type { Agent, Person } from '../snapshot';
import { handleFromHref, isHidden, rebuildText, sameHandle } from './dom';
import { userIdsOfPair } from './routes';
import { X } from './selectors';
import { personOf } from './tweet-messages';

/**
 * The customer's numeric id in a 1:1 conversation `<idA>-<idB>`: the id that is not the
 * agent's. The agent's own id is rarely on the page, so we look for the id the page ties to
 * the other person (follow/unfollow buttons `<id>-follow`, `/i/user/<id>` links) inside the
 * conversation; when nothing decides, the id stays unknown rather than guessed.
 */
export function customerUserId(conversationId: string, scope: Element, agentUserId?: string): string | undefined {
  const pair = userIdsOfPair(conversationId);
  if (pair.length !== 2) return undefined;
  if (agentUserId && pair.includes(agentUserId)) return pair.find((id) => id !== agentUserId);
  const shown = userIdsShown(scope);
  const matches = pair.filter((id) => shown.has(id));
  return matches.length === 1 ? matches[0] : undefined;
}

/**
 * A user id that the pane ties to a person (a follow button, an `/i/user/<id>` link) and that is
 * not one of the 1:1 conversation's pair `<idA>-<idB>`: the pane shows another conversation than
 * the URL's (after an in-app navigation the old pane stays up for a moment under the new URL).
 * Only visible elements outside `skipInside` (the message rows: a message may link to anyone)
 * count. Undefined for group conversations, and when the pane names no one or only the pair:
 * the absence of these markers proves nothing (no saved real page shows them; the fixtures are
 * hand-built), so they are only ever used to say "not this conversation".
 */
export function foreignUserId(conversationId: string, scope: Element, skipInside?: string): string | undefined {
  const pair = userIdsOfPair(conversationId);
  if (pair.length !== 2) return undefined;
  const counts = (el: Element) => !isHidden(el, scope) && !(skipInside && el.closest(skipInside));
  for (const id of userIdsShown(scope, counts)) if (!pair.includes(id)) return id;
  return undefined;
}

/**
 * Does the pane show the conversation's start above `first` (its first message row rendered)?
 * X shows the other person's profile card (name, "Joined …", a follow button `<id>-follow`) above
 * the first message of a conversation; a long one scrolled further down shows none (the same
 * marker foreignUserId reads). Only a visible card outside the message rows and before `first`
 * counts. No saved real page shows the card (the fixtures are hand-built): without it the start
 * is not known and an untimed first message is held back (dm-ids.ts); were the card to stay
 * rendered while the rows below it are recycled, the first row rendered would be taken for the
 * first message and, if untimed, get a second id.
 */
export function conversationStartShown(scope: Element, first: Element, skipInside: string): boolean {
  const before = (el: Element) => !!(el.compareDocumentPosition(first) & 4 /* Node.DOCUMENT_POSITION_FOLLOWING */);
  const card = (el: Element) => before(el) && !isHidden(el, scope) && !el.closest(skipInside);
  const markers = [...Array.from(scope.querySelectorAll(X.followButton.css.join(', '))), ...Array.from(scope.querySelectorAll('a[href*="/i/user/"]'))];
  return markers.some(card);
}

/**
 * Numeric user ids the page ties to a person within `scope` (those of the elements `counts`
 * keeps): follow/unfollow buttons `<id>-follow`, `<id>-unfollow` and `/i/user/<id>` links.
 */
function userIdsShown(scope: Element, counts: (el: Element) => boolean = () => true): Set<string> {
  const shown = new Set<string>();
  for (const el of Array.from(scope.querySelectorAll(X.followButton.css.join(', ')))) {
    const id = /^(\d{1,25})-(?:un)?follow$/.exec(el.getAttribute('data-testid') ?? '')?.[1];
    if (id && counts(el)) shown.add(id);
  }
  for (const a of Array.from(scope.querySelectorAll('a[href*="/i/user/"]'))) {
    const id = /\/i\/user\/(\d{1,25})/.exec(a.getAttribute('href') ?? '')?.[1];
    if (id && counts(a)) shown.add(id);
  }
  return shown;
}

/**
 * The other person from a conversation header: the first profile link that is not the agent
 * (its "@handle" text or href), the display name from the header's heading or first text line.
 */
export function personFromHeader(header: Element, agent: Agent | null, skipInside?: string): Person | null {
  const links = Array.from(header.querySelectorAll('a[href]'))
    .filter((a) => !skipInside || !a.closest(skipInside))
    .map((a) => ({ a, handle: handleFromHref(a.getAttribute('href')) }))
    .filter((x): x is { a: Element; handle: string } => !!x.handle && !sameHandle(x.handle, agent?.handle));
  const atText = skipInside ? undefined : /@([A-Za-z0-9_]{1,15})/.exec(rebuildText(header))?.[1];
  const handle = links[0]?.handle ?? (atText && !sameHandle(atText, agent?.handle) ? atText : undefined);
  if (!handle) return null;
  const heading = Array.from(header.querySelectorAll('h1, h2, [role="heading"]')).find((h) => !skipInside || !h.closest(skipInside));
  const nameSource = heading ?? links.find((l) => !rebuildText(l.a).startsWith('@'))?.a ?? null;
  const name = nameSource ? firstLine(nameSource, handle) : undefined;
  return personOf(handle, name);
}

/** Name shown in an element, without the "@handle" part that often sits next to it. */
function firstLine(el: Element, handle: string): string | undefined {
  const text = rebuildText(el).replace(new RegExp(`@${handle}\\b`, 'ig'), '\n');
  return text.split('\n').map((line) => line.trim()).find(Boolean)?.slice(0, 500);
}
