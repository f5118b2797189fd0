/** Tags as the agent types them in a field ("vip, refund"): trimmed, blanks dropped, each once. */
export const parseTags = (text: string): string[] => [...new Set(text.split(',').map((s) => s.trim()).filter(Boolean))];

export const sameTags = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((tag, i) => tag === b[i]);

/**
 * The agent's edit (from `base` to `next`) applied to the tags stored now: what they added is
 * added, what they removed is removed, and what another panel changed meanwhile is kept.
 */
export function applyTagEdit(stored: readonly string[], base: readonly string[], next: readonly string[]): string[] {
  const removed = new Set(base.filter((tag) => !next.includes(tag)));
  const added = next.filter((tag) => !base.includes(tag));
  return [...new Set([...stored.filter((tag) => !removed.has(tag)), ...added])];
}
