/** The tags of a set of templates with how many carry each: most used first, ties by name. */
export function countTags(templates: Iterable<{ tags: readonly string[] }>): { tag: string; count: number }[] {
  // Case-insensitive ("Refund" and "refund" are one tag), shown as first written.
  const counts = new Map<string, { tag: string; count: number }>();
  for (const t of templates) {
    const seen = new Set<string>();
    for (const raw of t.tags) {
      const x = raw.trim();
      const key = x.toLowerCase();
      if (!x || seen.has(key)) continue;
      seen.add(key);
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { tag: x, count: 1 });
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag));
}

/** Whether a template carries a tag (case-insensitive); no tag: every template. */
export const hasTag = (template: { tags: readonly string[] }, tag: string | null | undefined): boolean =>
  !tag || template.tags.some((x) => x.trim().toLowerCase() === tag.toLowerCase());

/** The chosen tag while some template still carries it (another brand, a deleted template: none). */
export const liveTag = (tags: readonly { tag: string }[], chosen: string | null): string | null =>
  chosen && tags.some((x) => x.tag.toLowerCase() === chosen.toLowerCase()) ? chosen : null;
