/**
 * The `k` highest-scoring items, best first, in the order a stable sort by descending score
 * would give them (equal scores keep their input order). A short list out of a long pool (the
 * two articles suggest shows out of every article sharing a common word with the message) keeps
 * k items instead of sorting them all.
 */
export function topBy<T>(items: readonly T[], k: number, score: (item: T) => number): { item: T; score: number }[] {
  if (k <= 0) return [];
  if (k * 4 >= items.length) {
    return items
      .map((item) => ({ item, score: score(item) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }
  const top: { item: T; score: number }[] = [];
  for (const item of items) {
    const s = score(item);
    if (top.length === k && !(s > top[k - 1]!.score)) continue;
    // After the equal scores already kept: an earlier item wins a tie, as in a stable sort.
    let at = top.length;
    while (at > 0 && top[at - 1]!.score < s) at--;
    top.splice(at, 0, { item, score: s });
    if (top.length > k) top.pop();
  }
  return top;
}
