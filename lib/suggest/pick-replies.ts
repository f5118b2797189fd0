/**
 * Choosing which past replies to show. The agent picks one of the few shown, so the set should
 * *cover* the likely answers rather than repeat the single most likely one three times.
 *
 * Each candidate reply carries evidence weight (similar past customer messages answered with it,
 * how often the brand sends it, how recently). The weighted candidates stand in for "what the
 * agent is likely to send"; we pick greedily the reply with the highest expected token overlap
 * with that distribution, then the one that adds most *on top of what is already picked*
 * (expected best-of-set overlap). This is minimum-Bayes-risk selection with a coverage objective.
 */

export interface Candidate {
  key: string;
  /** Comparison words of the candidate (lower-cased, no links/mentions/placeholders). */
  words: string[];
  /** Evidence mass for this candidate being the reply (≥ 0). */
  weight: number;
  /**
   * The same words as sorted ids from one shared vocabulary (ReplyMemory keeps one per reply), so
   * a call does not rebuild them; computed here when absent. All candidates of a call must use
   * the same vocabulary, or none may carry one.
   */
  bag?: Int32Array;
}

export interface Pick {
  index: number;
  /** Expected overlap gain this pick added. */
  gain: number;
}

/**
 * `selfMatch` is the overlap credited to a candidate with itself as a reference (1 = the agent will
 * send exactly this reply again). Below 1 it discounts one-off replies that are evidence only
 * because they are present, favouring replies that overlap with many others (tuning.ts).
 */
export function pickCovering(cands: readonly Candidate[], k: number, selfMatch = 1): Pick[] {
  const n = cands.length;
  if (n === 0 || k <= 0) return [];
  const total = cands.reduce((s, c) => s + c.weight, 0) || 1;
  const w = cands.map((c) => c.weight / total);
  // Pairwise token F1 (symmetric; diagonal 1 for non-empty candidates), on sorted word-id arrays
  // so one comparison is a linear merge: the pool is ~80 candidates, i.e. ~3,000 comparisons.
  const bags = cands.every((c) => c.bag) ? cands.map((c) => c.bag!) : wordBags(cands.map((c) => c.words));
  const sim: Float64Array[] = cands.map(() => new Float64Array(n));
  for (let i = 0; i < n; i++) {
    const si = sim[i]!;
    si[i] = cands[i]!.words.length ? selfMatch : 0;
    for (let j = i + 1; j < n; j++) {
      const f = sortedF1(bags[i]!, bags[j]!);
      si[j] = f;
      sim[j]![i] = f;
    }
  }
  const best = new Float64Array(n); // best overlap of each reference with the picked set
  const picked: Pick[] = [];
  const used = new Uint8Array(n);
  while (picked.length < Math.min(k, n)) {
    let arg = -1;
    let argGain = -1;
    for (let c = 0; c < n; c++) {
      if (used[c]) continue;
      const sc = sim[c]!;
      let gain = 0;
      for (let r = 0; r < n; r++) {
        const d = sc[r]! - best[r]!;
        if (d > 0) gain += w[r]! * d;
      }
      if (gain > argGain) {
        argGain = gain;
        arg = c;
      }
    }
    if (arg < 0) break;
    used[arg] = 1;
    picked.push({ index: arg, gain: argGain });
    const sa = sim[arg]!;
    for (let r = 0; r < n; r++) if (sa[r]! > best[r]!) best[r] = sa[r]!;
  }
  return picked;
}

/** Sorted word-id multisets of word lists, ids from `vocabulary` (a fresh one when not given). */
export function wordBags(lists: readonly (readonly string[])[], vocabulary = new Map<string, number>()): Int32Array[] {
  return lists.map((words) => Int32Array.from(words.map((w) => vocabulary.get(w) ?? (vocabulary.set(w, vocabulary.size), vocabulary.size - 1))).sort());
}

/** Token F1 of two sorted multisets of word ids. */
function sortedF1(a: Int32Array, b: Int32Array): number {
  if (a.length === 0 || b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      common++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return common === 0 ? 0 : (2 * common) / (a.length + b.length);
}
