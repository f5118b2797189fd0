/**
 * Which Page or profile is acting. Three sources, by surface:
 * - posts: the comment composer names the actor ("Comment as Acme Outdoor"). The label is
 *   translated: the English/French/Spanish patterns when they match, else a *name* already on
 *   the page (post or comment author) anywhere in the label — names are not translated, and
 *   locales put them first ("Als Acme Outdoor kommentieren") or last. A hint only: without it,
 *   fall back to the account shown in banner/navigation.
 * - Business Suite: `asset_id` in the URL is the Page id (its name only from a link proven to be that Page).
 * - Messenger: the account's own profile link in the banner or navigation.
 */
import type { Agent, Person } from '../snapshot';
import { commentAuthor, parentArticle } from './comment-parts';
import { labelOf } from './text';
import { fbUrl, personFromHref, samePerson } from './identity';
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

/** Letters and digits: a name must not start or end inside a word of the label. */
const WORD = /[\p{L}\p{N}]/u;
/** Scripts written without spaces (or with particles glued to names): a name may touch them. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
const SCRIPTS = ['Latin', 'Cyrillic', 'Greek', 'Arabic', 'Hebrew', 'Armenian', 'Georgian', 'Devanagari', 'Bengali', 'Tamil'].map(
  (name) => new RegExp(`\\p{Script=${name}}`, 'u'),
);
const scriptOf = (ch: string): number => SCRIPTS.findIndex((re) => re.test(ch));

/** Is the name's edge character `edge` separated from its neighbour `next` in the label? */
const bounded = (next: string | undefined, edge: string | undefined): boolean => {
  if (!next || !edge || !WORD.test(next) || !WORD.test(edge)) return true;
  if (UNSPACED.test(next) || UNSPACED.test(edge)) return true;
  if (/\p{N}/u.test(next) || /\p{N}/u.test(edge)) return false;
  return scriptOf(next) !== scriptOf(edge);
};

/**
 * Does `name` appear in `label` as a whole name (anywhere: "Comment as Acme", "Als Acme
 * kommentieren", "Acmeとしてコメント"), not as part of a longer word ("Al" in "Als")?
 */
export const nameInLabel = (label: string, name: string): boolean => {
  if (!name) return false;
  for (let i = label.indexOf(name); i >= 0; i = label.indexOf(name, i + 1)) {
    const before = Array.from(label.slice(0, i)).at(-1);
    const after = Array.from(label.slice(i + name.length))[0];
    if (bounded(before, Array.from(name)[0]) && bounded(after, Array.from(name).at(-1))) return true;
  }
  return false;
};

/**
 * "Comment as <Page>" hint. On the post's own comment box: the localised "… as <name>" pattern
 * when it matches, else a known name (post or comment author) found anywhere in the label,
 * longest first — names are not translated, the words around them are, and their place differs
 * by locale. Then the pattern on any box. Reply boxes (inside a comment's list item) are left out
 * of the name match: "Reply to <commenter>…" also holds a name, and when the commenter is the
 * post's author that would make the customer the agent.
 *
 * The ids of the name come from `authors` (post authors) first, else from `commenters` when
 * exactly one of them bears it: an impostor commenting under the Page's name must not lend it
 * their profile id (two commenters of that name give a name-only agent).
 */
export const agentFromComposers = (scope: ParentNode, authors: readonly Person[], commenters: readonly Person[] = []): Agent | null => {
  const labelled = queryAllFb(scope, 'lexicalComposer').map((composer) => ({ composer, label: composerLabel(composer).replace(/[.…]+$/, '') }));
  const names = [...new Set([...authors, ...commenters].map((p) => p.displayName ?? '').filter(Boolean))].sort((a, b) => b.length - a.length);
  const agentNamed = (name: string): Agent => {
    const author = authors.find((p) => p.displayName === name);
    if (author) return agentFromPerson(author);
    const bearers = commenters.filter((p) => p.displayName === name);
    const first = bearers[0];
    return first && bearers.every((p) => samePerson(p, first)) ? agentFromPerson(first) : { platform: 'facebook', displayName: name };
  };
  for (const { composer, label } of labelled) {
    if (composer.closest('li')) continue;
    const named = fbHints.actingAs.exec(label)?.[1];
    if (named) return agentNamed(named);
    const name = names.find((n) => label !== n && nameInLabel(label, n));
    if (name) return agentNamed(name);
  }
  for (const { label } of labelled) {
    const named = fbHints.actingAs.exec(label)?.[1];
    if (named) return { platform: 'facebook', displayName: named };
  }
  return null;
};

/** Authors of the comments and replies under scope (the Page answering a customer's post is one). */
export const commentAuthors = (scope: ParentNode): Person[] =>
  queryAllFb(scope, 'article')
    .filter((article) => {
      const parent = parentArticle(article);
      return parent !== null && (scope as Node).contains(parent);
    })
    .map(commentAuthor)
    .filter((p): p is Person => !!p?.displayName);

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

/** The Page id a Business Suite link is for (its `asset_id`), or null. */
const assetIdOf = (a: Element): string | null => {
  const id = fbUrl(a.getAttribute('href'))?.searchParams.get('asset_id') ?? '';
  return NUMERIC.test(id) ? id : null;
};

/**
 * Business Suite: the Page is `asset_id`. Its vanity name and name are those of the navigation's
 * Page link only when that link provably is the same Page: the link's own id is `asset_id`, the
 * link carries that `asset_id`, or (a vanity link) the navigation it sits in is that Page's —
 * every Business Suite link there carries that `asset_id` and no other. The navigation can still
 * show another Page (a Page switch, a link opened from another Page's inbox): an agent made of
 * one Page's id and another Page's name would be recorded under whichever brand lists either.
 * Not proven: the Page id alone.
 */
export const agentFromBusinessSuite = (doc: Document, url: URL): Agent | null => {
  const assetId = url.searchParams.get('asset_id') ?? '';
  if (!NUMERIC.test(assetId)) return agentFromAccountRegion(doc);
  const page: Agent = { platform: 'facebook', pageId: assetId };
  for (const region of queryAllFb(doc, 'accountRegion')) {
    const links = Array.from(region.querySelectorAll('a[href]')).filter((a) => !closestFb(a, 'grid'));
    const assets = new Set(links.map(assetIdOf).filter((id): id is string => id !== null));
    for (const a of links) {
      const person = personFromHref(a.getAttribute('href'));
      const name = labelOf(a);
      if (!person || !name) continue;
      // The first named profile link, as agentFromAccountRegion reads it: proven or dropped.
      const proven = person.userId
        ? person.userId === assetId
        : assetIdOf(a) === assetId || (assets.size === 1 && assets.has(assetId));
      return proven ? agentFromPerson({ ...person, displayName: name }, assetId) : page;
    }
  }
  return page;
};

/** Agent for any supported page, or null when the page does not show it. */
export const readFbAgent = (doc: Document, url: URL, scope: ParentNode = doc): Agent | null => {
  if (isBusinessInboxThread(url)) return agentFromBusinessSuite(doc, url);
  // Reply composers ("Reply to <commenter>") are never name-matched, so comment authors are safe candidates.
  if (fbConversationKindOf(url) === 'fb-post') {
    return agentFromComposers(scope, namedPeople(queryAllFb(scope, 'postHeaderLink')), commentAuthors(scope)) ?? agentFromAccountRegion(doc);
  }
  return agentFromAccountRegion(doc);
};
