/**
 * The brand's past replies, generalised and grouped: identical generalised bodies ("Hi
 * {{customer.first_name}}, please DM us …") form one group with a use count. Keeps, incrementally,
 * the most frequent groups and the most recent ones, so a suggest call never scans the memory.
 */
import { generaliseReply, type GeneraliseContext } from './generalise';
import { comparisonWords } from './text';
import { wordBags } from './pick-replies';

export interface ReplyGroup {
  key: string;
  /** Generalised body with variables. */
  body: string;
  /** Comparison words of the body, placeholders removed. */
  words: string[];
  /** The words as sorted ids of the memory's vocabulary (pickCovering compares these). */
  bag: Int32Array;
  count: number;
  /** When it was last used: the send time given to add(), else a running count (higher = more recent). */
  lastSeq: number;
}

const PLACEHOLDERS = /\{\{[^{}]*\}\}/gu;

export function bodyWords(body: string): string[] {
  return comparisonWords(body.replace(PLACEHOLDERS, ' '));
}

export class ReplyMemory {
  readonly groups = new Map<string, ReplyGroup>();
  private frequent: ReplyGroup[] = [];
  private recent: ReplyGroup[] = [];
  private seq = 0;
  /** Word → id for the groups' bags; grows with the brand's vocabulary, never shrinks. */
  private readonly vocabulary = new Map<string, number>();

  constructor(
    private readonly topSize = 40,
    private readonly recentSize = 20,
  ) {}

  /** The group key a reply would have (the same generalisation as add()). */
  keyOf(replyText: string, ctx: GeneraliseContext = {}): string {
    return this.generalised(replyText, ctx).key;
  }

  private generalised(replyText: string, ctx: GeneraliseContext): { body: string; words: string[]; key: string } {
    const { body } = generaliseReply(replyText, ctx);
    const words = bodyWords(body);
    return { body, words, key: words.join(' ') || body };
  }

  /**
   * Adds one use of a reply; returns its group. `at` is when it was sent: with it, replies may be
   * added in any order (the panel learns the newest first) and "most recent" still means most
   * recently sent. Without it, the order of the calls is the order of sending.
   */
  add(replyText: string, ctx: GeneraliseContext = {}, at?: number): ReplyGroup {
    const { body, words, key } = this.generalised(replyText, ctx);
    let g = this.groups.get(key);
    if (!g) {
      g = { key, body, words, bag: wordBags([words], this.vocabulary)[0]!, count: 0, lastSeq: 0 };
      this.groups.set(key, g);
    }
    g.count++;
    this.seq = at ?? this.seq + 1;
    g.lastSeq = Math.max(g.lastSeq, this.seq);
    this.bumpFrequent(g);
    this.bumpRecent(g);
    return g;
  }

  /** Removes one use (a replaced or deleted pair). */
  remove(g: ReplyGroup): void {
    g.count = Math.max(0, g.count - 1);
    if (g.count === 0) {
      this.groups.delete(g.key);
      this.frequent = this.frequent.filter((f) => f !== g);
      this.recent = this.recent.filter((f) => f !== g);
    } else {
      this.frequent.sort((a, b) => b.count - a.count || b.lastSeq - a.lastSeq);
    }
  }

  topFrequent(n: number): ReplyGroup[] {
    return this.frequent.slice(0, n);
  }

  mostRecent(n: number): ReplyGroup[] {
    return this.recent.slice(0, n);
  }

  private bumpRecent(g: ReplyGroup): void {
    const list = this.recent.filter((r) => r !== g);
    const last = list[list.length - 1];
    if (list.length >= this.recentSize && last && last.lastSeq >= g.lastSeq) return;
    let i = 0;
    while (i < list.length && list[i]!.lastSeq >= g.lastSeq) i++;
    list.splice(i, 0, g);
    this.recent = list.slice(0, this.recentSize);
  }

  private bumpFrequent(g: ReplyGroup): void {
    const list = this.frequent;
    if (!list.includes(g)) {
      const last = list[list.length - 1];
      if (list.length >= this.topSize && last && last.count >= g.count) return;
      list.push(g);
    }
    list.sort((a, b) => b.count - a.count || b.lastSeq - a.lastSeq);
    if (list.length > this.topSize) list.length = this.topSize;
  }
}
