/**
 * Which Page or profile is acting. Three sources, by surface:
 * - posts: the comment composer names the actor ("Comment as Acme Outdoor"). The label is
 *   translated, so first look for a *name* already on the page (post or comment author) at the
 *   end of the label — names are not translated — and only then use the English/French/Spanish
 *   patterns. A hint only: without it, fall back to the account shown in banner/navigation.
 * - Business Suite: `asset_id` in the URL is the Page id.
 * - Messenger: the account's own profile link in the banner or navigation.
 */
import type { Agent, Person } from '../snapshot';
import { labelOf } from './text';
import { personFromHref, samePerson } from './identity';
import { closestFb, fbHints, queryAllFb } from './selectors';
import { fbConversationKindOf, isBusinessInboxThread } from './routes';

const NUMERIC = /^\d{1,30}$/;

export const agentFromPerson = (person: Person, pageId?: string): Agent => ({
  platform: 'facebook',
  ...(person.handle ? { handle: person.handle } : {}),
  ...(pageId ?? person.userId ? { pageId: pageId ?? person.userId } : {}),
  ...(person.displayName ? { displayName: person.displayName } : {}),
});

/** Does this agent stand for that person (same Page id, vanity name, or display name)? */
export const isAgent = (agent: Agent | null, person: Person): boolean =>
  !!agent && samePerson({ handle: agent.handle, userId: agent.pageId, displayName: agent.displayName }, person);

/** Named profile links among `links` (avatar-only links fall back to their label). */
export const namedPeople = (links: readonly Element[]): Person[] => {
  const people: Person[] = [];
  for (const a of links) {
    const person = personFromHref(a.getAttribute('href'));
    const name = labelOf(a);
    if (person && name) people.push({ ...person, displayName: name });
  }
  return people;
};

/** Label a composer shows: aria-label, aria-placeholder, or Lexical's placeholder sibling. */
const composerLabel = (el: Element): string =>
  (el.getAttribute('aria-label') ?? el.getAttribute('aria-placeholder') ?? el.parentElement?.textContent ?? '').trim();

/**
 * "Comment as <Page>" hint: a known person whose name ends the label of the post's own comment
 * box, else the localised "… as <name>" pattern on any box. Reply boxes (inside a comment's list
 * item) are left out of the name match: "Reply to <commenter>…" also ends with a name, and
 * when the commenter is the post's author that would make the customer the agent.
 */
export const agentFromComposers = (scope: ParentNode, candidates: readonly Person[]): Agent | null => {
  const labelled = queryAllFb(scope, 'lexicalComposer').map((composer) => ({ composer, label: composerLabel(composer).replace(/[.…]+$/, '') }));
  for (const { composer, label } of labelled) {
    if (composer.closest('li')) continue;
    const known = candidates.find((p) => p.displayName && label !== p.displayName && label.endsWith(p.displayName));
    if (known) return agentFromPerson(known);
  }
  for (const { label } of labelled) {
    const named = fbHints.actingAs.exec(label)?.[1];
    if (named) return { platform: 'facebook', displayName: named };
  }
  return null;
};

/** The account's own profile link in the banner or navigation (never a chat-list row). */
export const agentFromAccountRegion = (doc: Document): Agent | null => {
  for (const region of queryAllFb(doc, 'accountRegion')) {
    for (const a of Array.from(region.querySelectorAll('a[href]'))) {
      if (closestFb(a, 'grid')) continue; // chat list rows link to the customers, not to us
      const person = personFromHref(a.getAttribute('href'));
      const name = labelOf(a);
      if (person && name) return agentFromPerson({ ...person, displayName: name });
    }
  }
  return null;
};

/** Business Suite: the Page is `asset_id`; its name is the navigation link to that Page, when shown. */
export const agentFromBusinessSuite = (doc: Document, url: URL): Agent | null => {
  const assetId = url.searchParams.get('asset_id') ?? '';
  if (!NUMERIC.test(assetId)) return agentFromAccountRegion(doc);
  const shown = agentFromAccountRegion(doc);
  return { ...(shown ?? {}), platform: 'facebook', pageId: assetId };
};

/** Agent for any supported page, or null when the page does not show it. */
export const readFbAgent = (doc: Document, url: URL, scope: ParentNode = doc): Agent | null => {
  if (isBusinessInboxThread(url)) return agentFromBusinessSuite(doc, url);
  // Only post authors (header links) are candidates: a reply composer's "Reply to <commenter>"
  // label also ends with a name, and a commenter is never the acting Page.
  if (fbConversationKindOf(url) === 'fb-post') {
    return agentFromComposers(scope, namedPeople(queryAllFb(scope, 'postHeaderLink'))) ?? agentFromAccountRegion(doc);
  }
  return agentFromAccountRegion(doc);
};
