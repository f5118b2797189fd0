/**
 * Where the keyboard focus goes when what held it leaves the panel (a row done, a banner
 * answered, a deleted note): never the page's body, which sends a keyboard user back to the top.
 */

/** Nothing (or a control that is gone) has the focus: it would land on the page's body. */
export function focusLost(): boolean {
  const active = document.activeElement;
  return !active || active === document.body || !active.isConnected;
}

/** Focuses a landing place, making a heading or landmark focusable by script first. */
export function focusLanding(landing: HTMLElement | null): void {
  if (!landing) return;
  if (!landing.hasAttribute('tabindex')) landing.tabIndex = -1;
  landing.focus();
}

/** The heading of the <section> holding `node` (its first h2/h3). */
export function sectionHeading(node: Element): HTMLElement | null {
  return node.closest('section')?.querySelector<HTMLElement>('h2, h3') ?? null;
}

/**
 * `item` (a row, a banner) is leaving: focus moves to `control` of the next item, else of the
 * previous one, else to `fallback()`. Only when the focus is in `item` or already lost: an agent
 * who has moved on keeps their place.
 */
export function focusPast(
  item: Element | null,
  control: (sibling: Element) => HTMLElement | null,
  fallback: () => HTMLElement | null,
): void {
  if (!item?.isConnected || !(focusLost() || item.contains(document.activeElement))) return;
  const next = item.nextElementSibling && control(item.nextElementSibling);
  const previous = item.previousElementSibling && control(item.previousElementSibling);
  const target = next || previous;
  if (target) target.focus();
  else focusLanding(fallback());
}
