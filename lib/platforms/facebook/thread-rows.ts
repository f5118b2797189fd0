/**
 * Rows of a Messenger-like thread grid → messages. Shared by Messenger (facebook.com, e2ee,
 * messenger.com) and the Business Suite inbox, which differ only in where ids and names come from.
 *
 * Direction, strongest signal first:
 *  1. `isOutgoingBubble(el)` injected by the caller (geometry; tests drive it);
 *  2. hidden "You sent" text (localised: a hint, EN/FR/ES known);
 *  3. default geometry (bubble right of the grid's middle; needs a real layout) — unless it
 *     puts every bubble on one side while a sure sign (the "You sent" hint, a heading naming
 *     us or the customer) says a row is on the other: the layout does not tell the sides apart
 *     then (styles not loaded yet, saved markup), and it is ignored for the whole grid;
 *  4. the group the row belongs to: the `h5` on a group's first row names its sender (a name
 *     in `ourNames` means us), carried to the following rows;
 *  5. rows above the first heading in view: the other side of that heading (1:1 threads only).
 * Text lives in nested `div[dir="auto"]`; rows without text (time separators, "Seen") are skipped.
 *
 * Time: a row's `sentAt` is the time of the nearest separator above it ("Today 10:02", see
 * separator-time.ts), resolved against `now`; rows above the first separator in view, or below a
 * separator heading we cannot read, get null. Ids never depend on it (they must survive scrolling).
 */
import type { IsOutgoingBubble } from '../adapter';
import { geometryContradicted, geometryIsOutgoing, type SidedRow } from '../geometry';
import type { Direction, Person, SnapshotMessage } from '../snapshot';
import { createMessageIdDeriver } from './message-id';
import { parseSeparatorTime } from './separator-time';
import { fbHints, queryAllFb, queryFb } from './selectors';
import { outermost, textOf } from './text';

export interface ThreadContext {
  threadId: string;
  customer: Person | null;
  /** Who "out" rows are attributed to (agent's handle / name), may be empty. */
  us: Person;
  /** Sender names that mean us (e.g. the Page name on Business Suite's outgoing groups). */
  ourNames: readonly string[];
  isOutgoingBubble?: IsOutgoingBubble;
  /** Clock the separators resolve against (the page's current time when absent). */
  now?: Date;
}

/** Outermost text blocks of a row, outside its sender heading. */
const textBlocks = (row: Element): Element[] => outermost(queryAllFb(row, 'autoDirText').filter((el) => !el.closest('h5')));

/** Hidden "You sent" helper text somewhere in the row (not inside the message text itself). */
const hasOutgoingHint = (row: Element): boolean =>
  Array.from(row.querySelectorAll('h5, span')).some(
    (el) => !el.closest('div[dir="auto"]') && fbHints.outgoingText.test((el.textContent ?? '').trim()),
  );

/**
 * The author part of a row's id. The thread's customer is one key however the page names them:
 * messenger.com shows their profile link (id, handle) only while the info pane is open, so a key
 * made of it changed with the pane and the thread's messages were stored again. Anyone else is
 * keyed by the name their rows show ("in:" + name can never be "in#customer").
 */
export const CUSTOMER_KEY = 'in#customer';
const keyOf = (direction: Direction, author: Person, isCustomer: boolean): string =>
  direction === 'out' ? 'out' : direction === 'in' && isCustomer ? CUSTOMER_KEY : `${direction}:${author.displayName ?? ''}`;

/**
 * The keys the customer's rows had before (the first identity the page showed, or none, last:
 * rows read with no customer known were numbered among fewer rows): their stored rows are found
 * under these.
 */
export const formerCustomerKeys = (customer: Person | null): string[] => [
  ...[customer?.userId, customer?.handle, customer?.displayName].filter((k): k is string => !!k).map((k) => `in:${k}`),
  'in:',
];

interface RawRow {
  text: string;
  direction: Direction;
  /** Sender name of the row's group when incoming ('' when unknown). */
  name: string;
  /** Time of the nearest separator above, ISO. */
  sentAt: string | null;
}

interface ReadRow extends RawRow, SidedRow {
  /** Direction from the injected check or the "You sent" hint (strongest), if any. */
  sure: boolean | undefined;
}

/**
 * Rows above the first group heading in view (the list was scrolled mid-group) have no sender.
 * In a 1:1 thread a heading that follows them directly (no time break between) starts the *other*
 * party's group, so they belong to the opposite side. Group chats (other names seen) are left alone.
 */
const fillLeadingRows = (rows: RawRow[], firstHeading: { index: number; direction: Direction } | null, brokeBefore: boolean, oneToOne: boolean) => {
  if (!firstHeading || brokeBefore || !oneToOne || firstHeading.direction === 'unknown') return;
  const opposite: Direction = firstHeading.direction === 'out' ? 'in' : 'out';
  for (let i = 0; i < firstHeading.index; i++) {
    const row = rows[i];
    if (row && row.direction === 'unknown') row.direction = opposite;
  }
};

export const readThreadRows = (grid: Element, ctx: ThreadContext): SnapshotMessage[] => {
  const rows: ReadRow[] = [];
  let group: { direction: Direction; name: string } | null = null;
  let firstHeading: { index: number; direction: Direction } | null = null;
  let brokeBeforeFirstHeading = false;
  let oneToOne = !!ctx.customer?.displayName;
  let sentAt: string | null = null;
  const now = ctx.now ?? new Date();
  for (const row of queryAllFb(grid, 'row')) {
    if (!queryFb(row, 'messageCell')) continue; // notices ("end-to-end encrypted") are rows without a message cell
    const heading = queryFb(row, 'senderHeading');
    const hint = hasOutgoingHint(row);
    let known: boolean | undefined = hint ? true : undefined;
    if (heading) {
      const name = textOf(heading);
      const ours = fbHints.outgoingText.test(name) || ctx.ourNames.includes(name);
      group = { direction: ours ? 'out' : 'in', name: ours ? '' : name };
      if (!ours && name !== ctx.customer?.displayName) oneToOne = false;
      firstHeading ??= { index: rows.length, direction: group.direction };
      if (ours) known = true;
      else if (name && name === ctx.customer?.displayName) known ??= false;
    }
    const blocks = textBlocks(row);
    const text = blocks.map((b) => textOf(b)).filter(Boolean).join('\n');
    if (!text) {
      if (!firstHeading && rows.length > 0) brokeBeforeFirstHeading = true; // a time separator ends the leading group
      // A separator sets the time of the rows below; a separator heading we cannot read clears it.
      const time = parseSeparatorTime(textOf(row), now);
      if (time || row.querySelector('h4, [role="heading"]')) sentAt = time;
      continue;
    }
    const bubble = blocks[0]?.parentElement ?? row;
    const injected = ctx.isOutgoingBubble?.(bubble);
    const sure = typeof injected === 'boolean' ? injected : hint ? true : undefined;
    const geometry = typeof injected === 'boolean' ? undefined : geometryIsOutgoing(bubble, grid);
    rows.push({ text, direction: group?.direction ?? 'unknown', name: group?.direction === 'in' ? group.name : '', sentAt, sure, geometry, known });
  }
  const useGeometry = !geometryContradicted(rows);
  for (const r of rows) {
    const side = r.sure ?? (useGeometry ? r.geometry : undefined);
    if (side !== undefined) r.direction = side ? 'out' : 'in';
  }
  fillLeadingRows(rows, firstHeading, brokeBeforeFirstHeading, oneToOne);

  const deriveId = createMessageIdDeriver(ctx.threadId);
  const formerKeys = formerCustomerKeys(ctx.customer);
  return rows.map(({ text, direction, name, sentAt }) => {
    // An incoming row whose group heading scrolled away belongs to the customer (1:1 threads).
    const isCustomer = direction === 'in' && (!name || name === ctx.customer?.displayName);
    const author: Person =
      direction === 'out' ? ctx.us
      : isCustomer ? (ctx.customer ?? {})
      : name ? { displayName: name } : {};
    const { id, formerIds } = deriveId(keyOf(direction, author, isCustomer), text, isCustomer ? formerKeys : []);
    const message: SnapshotMessage = { id, author, text, sentAt, direction };
    if (formerIds.length) message.formerIds = formerIds;
    return message;
  });
};
