/**
 * Which side of a chat a bubble sits on, from the page's own layout. Chat markup (Messenger, X
 * chat) has no attribute saying who sent a row; the layout does: one's own bubbles sit at the end
 * of the log. Layout is evidence only when there is one (none in tests without layout, hidden
 * tabs, styles not loaded), so each caller also checks it against the sure signs it has.
 */

/** Bubble centre right of the log's centre (left in RTL); undefined without layout. */
export const geometryIsOutgoing = (bubble: Element, log: Element): boolean | undefined => {
  const r = bubble.getBoundingClientRect();
  const g = log.getBoundingClientRect();
  if (!r.width || !g.width) return undefined;
  const right = (r.left + r.right) / 2 > g.left + g.width / 2;
  return bubble.ownerDocument.documentElement.dir === 'rtl' ? !right : right;
};

export interface SidedRow {
  /** Side by layout (true = ours); undefined when not measured. */
  geometry: boolean | undefined;
  /** Side a sure sign puts the row on (delivery state, a sender naming us or the customer). */
  known: boolean | undefined;
}

/**
 * Layout can only be trusted when it separates the sides the way the sure signs do. It is ignored
 * for the whole log when it puts every measured bubble on one side while a sure sign puts some row
 * on the other (styles not loaded, saved markup), or when it disagrees with the sure signs more
 * often than it agrees (a mirrored or unfamiliar layout). One odd bubble (a centred attachment)
 * does not discard it.
 */
export const geometryContradicted = (rows: readonly SidedRow[]): boolean => {
  const measured = rows.filter((r) => r.geometry !== undefined);
  if (!measured.length) return false;
  const checked = measured.filter((r) => r.known !== undefined);
  const disagree = checked.filter((r) => r.known !== r.geometry).length;
  if (disagree > checked.length - disagree) return true;
  return disagree > 0 && measured.every((r) => r.geometry === measured[0]!.geometry);
};
