/**
 * Locating a chat thread (Messenger, Business Suite): the message grid, its header (who the
 * customer is) and the encrypted-chat PIN prompt. The chat list is a grid too; it sits in
 * navigation (or, in Business Suite, beside the thread) and each of its rows is a link to a
 * thread — a message grid's rows are not, though a message's text may hold such a link.
 */
import type { Person } from '../snapshot';
import { personFromHref } from './identity';
import { isBusinessHost, isFbFamilyHost, threadIdFromUrl } from './routes';
import { closestFb, fbHints, queryAllFb, queryFb } from './selectors';
import { labelOf, textOf } from './text';

const outside = (el: Element, grid: Element | null) =>
  !grid?.contains(el) && !closestFb(el, 'grid') && !el.closest('[role="navigation"]');

/** Does this link open a conversation (Messenger thread, Business Suite selected item)? */
const opensThread = (a: Element): boolean => {
  let url: URL;
  try {
    url = new URL(a.getAttribute('href') ?? '', 'https://www.facebook.com');
  } catch {
    return false;
  }
  if (!isFbFamilyHost(url)) return false; // https://forum.example.com/t/… is not a chat
  return threadIdFromUrl(url) !== null || (isBusinessHost(url) && /^\d{1,30}$/.test(url.searchParams.get('selected_item_id') ?? ''));
};

/** A row's own link (the whole chat-list row is one), never a link inside a message's text. */
const rowLink = (row: Element): Element | undefined => queryAllFb(row, 'threadLink').find((a) => !a.closest('div[dir="auto"]'));

/**
 * The chat list: most of its rows are a link to a thread. A message grid may hold such links
 * too — pasted in a message's text, or a shared card — but only in a few of its rows.
 */
const isChatList = (grid: Element): boolean => {
  const rows = queryAllFb(grid, 'row');
  const linked = rows.filter((row) => {
    const link = rowLink(row);
    return !!link && opensThread(link);
  }).length;
  return linked > 0 && linked * 2 >= rows.filter((r) => queryFb(r, 'autoDirText')).length;
};

/** Message grid under scope: the aria-label hint first, else the non-chat-list grid with the most text rows. */
export const findThreadGrid = (scope: Element): Element | null => {
  const grids = queryAllFb(scope, 'grid').filter((g) => !g.closest('[role="navigation"]'));
  const hinted = grids.find((g) => fbHints.threadGridLabel.test(g.getAttribute('aria-label') ?? ''));
  if (hinted) return hinted;
  const textRows = (g: Element) => queryAllFb(g, 'row').filter((r) => queryFb(r, 'autoDirText')).length;
  return grids.filter((g) => !isChatList(g)).sort((a, b) => textRows(b) - textRows(a))[0] ?? null;
};

/** The heading of the conversation header nearest the grid (walking up until a level holds one). */
const headerHeading = (grid: Element | null, scope: Element): Element | undefined => {
  for (let node: Element | null = grid?.parentElement ?? scope; node && (node === scope || scope.contains(node)); node = node.parentElement) {
    const heading = queryAllFb(node, 'headerName').find((h) => outside(h, grid));
    if (heading) return heading;
  }
  return undefined;
};

/** The header block: the heading's largest ancestor under scope holding neither the grid nor a composer. */
const headerBlock = (heading: Element, grid: Element | null, scope: Element): Element => {
  let block = heading;
  for (let parent = block.parentElement; parent && parent !== scope && scope.contains(parent); parent = parent.parentElement) {
    if ((grid && parent.contains(grid)) || queryFb(parent, 'lexicalComposer')) break;
    block = parent;
  }
  return block;
};

const profileLinks = (root: Element, grid: Element | null): Element[] =>
  Array.from(root.querySelectorAll('a[href]')).filter((a) => outside(a, grid) && personFromHref(a.getAttribute('href')));

/** Sender names of incoming groups in the grid other than the header's: two or more mean a group chat. */
const isGroupThread = (grid: Element | null, headerName: string): boolean => {
  if (!grid) return false;
  const others = new Set(
    queryAllFb(grid, 'senderHeading')
      .map((h) => textOf(h))
      .filter((n) => n && n !== headerName && !fbHints.outgoingText.test(n)),
  );
  return others.size >= 2;
};

/**
 * A profile link outside the header (the info pane beside the thread: "Profile"), trusted only
 * when it is the one person linked there and is shown with the header's name. In a group the
 * header names the group and the pane lists its members: none of them is "the customer".
 */
const infoPaneLink = (scope: Element, grid: Element | null, header: Element | null, name: string): Element | undefined => {
  const links = profileLinks(scope, grid).filter((a) => !header?.contains(a));
  const people = new Set(links.map((a) => personFromHref(a.getAttribute('href'))?.profileUrl));
  const [link] = links;
  if (!link || people.size !== 1 || !name) return undefined;
  const shownWith = labelOf(link) === name || (link.parentElement?.textContent ?? '').includes(name);
  return shownWith ? link : undefined;
};

/**
 * The conversation header nearest the grid: its heading (the name) and a profile link inside
 * the header block. Lacking one there, the info pane's link for a 1:1 thread (see infoPaneLink);
 * a group thread keeps its name and no handle. Without a heading, the first profile link outside
 * the grid; without either, the grid's "Messages in conversation with <name>" hint.
 */
export const threadCustomer = (grid: Element | null, scope: Element): Person | null => {
  const heading = headerHeading(grid, scope);
  const headerName = textOf(heading);
  const group = isGroupThread(grid, headerName);
  let link: Element | undefined;
  if (heading) {
    const header = headerBlock(heading, grid, scope);
    if (!group) link = profileLinks(header, grid)[0] ?? infoPaneLink(scope, grid, header, headerName);
  } else if (!group) {
    link = profileLinks(scope, grid)[0];
  }
  if (heading || link) {
    const name = headerName || labelOf(link);
    const person = personFromHref(link?.getAttribute('href')) ?? {};
    return { ...person, ...(name ? { displayName: name } : {}) };
  }
  // Last resort, a hint: "Messages in conversation with <name>".
  const label = grid?.getAttribute('aria-label') ?? '';
  const match = fbHints.threadGridLabel.exec(label);
  const name = match ? label.slice(match[0].length).trim() : '';
  return name ? { displayName: name } : null;
};

/** Encrypted chats may ask for the PIN before history shows: no history is readable then. */
export const hasPinPrompt = (doc: Document): boolean =>
  queryAllFb(doc, 'pinInput').some((input) => {
    const max = Number(input.getAttribute('maxlength') ?? '6');
    return max <= 6 && (input.closest('[role="dialog"]') !== null || input.closest('[role="main"]') !== null);
  });
