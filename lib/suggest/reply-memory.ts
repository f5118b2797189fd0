/**
 * The brand's past replies, generalised and grouped: identical generalised bodies ("Hi
 * {{customer.first_name}}, please DM us …") form one group with a use count. Keeps, incrementally,
 * the most frequent groups and the most recent ones, so a suggest call never scans the memory.
 */
import { generaliseReply } from './generalise';
import { comparisonWords } from './text';

export interface ReplyGroup {
  key: string;
  /** Generalised body with variables. */
  body: string;
  /** Comparison words of the body, placeholders removed. */
  words: string[];
  count: number;
  /** Sequence number of the latest use (higher = more recent). */
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

  constructor(
    private readonly topSize = 40,
    private readonly recentSize = 20,
  ) {}

  /** Adds one use of a reply; returns its group. */
  add(replyText: string, ctx: { customerHandle?: string; customerName?: string } = {}): ReplyGroup {
    const { body } = generaliseReply(replyText, ctx);
    const words = bodyWords(body);
    const key = words.join(' ') || body;
    let g = this.groups.get(key);
    if (!g) {
      g = { key, body, words, count: 0, lastSeq: 0 };
      this.groups.set(key, g);
    }
    g.count++;
    g.lastSeq = ++this.seq;
    this.bumpFrequent(g);
    this.recent = [g, ...this.recent.filter((r) => r !== g)].slice(0, this.recentSize);
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

  get sequence(): number {
    return this.seq;
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
