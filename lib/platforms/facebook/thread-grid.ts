/**
 * Locating a chat thread (Messenger, Business Suite): the message grid, its header (who the
 * customer is) and the encrypted-chat PIN prompt. The chat list is a grid too; it sits in
 * navigation and its rows link to other threads, which the message grid's rows never do.
 */
import type { Person } from '../snapshot';
import { personFromHref } from './identity';
import { closestFb, fbHints, queryAllFb, queryFb } from './selectors';
import { labelOf, textOf } from './text';

const outside = (el: Element, grid: Element | null) =>
  !grid?.contains(el) && !closestFb(el, 'grid') && !el.closest('[role="navigation"]');

/** Message grid under scope: the aria-label hint first, else the grid with the most text rows. */
export const findThreadGrid = (scope: Element): Element | null => {
  const grids = queryAllFb(scope, 'grid').filter((g) => !g.closest('[role="navigation"]') && queryFb(g, 'threadLink') === null);
  const hinted = grids.find((g) => fbHints.threadGridLabel.test(g.getAttribute('aria-label') ?? ''));
  if (hinted) return hinted;
  const textRows = (g: Element) => queryAllFb(g, 'row').filter((r) => queryFb(r, 'autoDirText')).length;
  return grids.sort((a, b) => textRows(b) - textRows(a))[0] ?? null;
};

/**
 * The conversation header nearest the grid: walk up from the grid until a level holds a heading
 * or a profile link outside the grid (the header is a sibling of the message list). Without a
 * grid (PIN prompt shown instead), the header anywhere in scope.
 */
export const threadCustomer = (grid: Element | null, scope: Element): Person | null => {
  let heading: Element | undefined;
  let link: Element | undefined;
  for (let node: Element | null = grid?.parentElement ?? scope; node && (node === scope || scope.contains(node)); node = node.parentElement) {
    heading ??= queryAllFb(node, 'headerName').find((h) => outside(h, grid));
    // The name in the header may be plain text; the profile link can sit in the info pane beside it.
    link ??= Array.from(node.querySelectorAll('a[href]')).find((a) => outside(a, grid) && personFromHref(a.getAttribute('href')));
    if (heading && link) break;
  }
  if (heading || link) {
    const name = textOf(heading) || labelOf(link);
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
