/**
 * The suggestion engine: one instance per brand, built once over the brand's templates, past
 * (customer message → brand reply) pairs and knowledge-base articles, then kept up to date with
 * addPair / addTemplate / addArticle (minisearch add/discard; nothing is rebuilt).
 *
 * Pure and synchronous: no storage, no network. The panel builds it from the database; the
 * evaluation (tests/tools/eval.ts) builds it from the data sets, so the evaluated numbers are the
 * product's numbers.
 */
import type { SearchResult } from 'minisearch';
import { Bm25Index } from './bm25-index';
import { cyrb53 } from '../hash';
import type { Brand, Template, Tone } from '../db/records';
import type { Platform } from '../platforms/snapshot';
import { linksIn, titleFromUrl } from './article-url';
// Page keys drop tracking parameters too: a reply's "…?utm_source=x" link counts for the clean article.
import { articleKey } from '../knowledge/page-url';
import { pickCovering, type Candidate } from './pick-replies';
import { topBy } from './top';
import { ReplyMemory, type ReplyGroup } from './reply-memory';
import { countTags, hasTag } from './template-tags';
import { processTerm, terms, tokenizeForIndex } from './text';
import { readTone, type ToneReading } from './tone';
import { fillTemplate, type VariableContext } from './variables';
import { DEFAULT_TUNING, type SuggestTuning } from './tuning';
import { t as tr } from '../i18n';

export type { SuggestTuning } from './tuning';

/** `handles`: the brand's own accounts, whose @mentions stay in a generalised reply. */
export type BrandContext = Pick<Brand, 'name'> & { signature?: string; tone?: Partial<Tone>; handles?: readonly string[] };
export type TemplateInput = Pick<Template, 'id' | 'title' | 'body' | 'tags'> & Partial<Pick<Template, 'useCount' | 'language'>>;
/** A knowledge-base article (KbArticle fits); `title`/`text` may be empty: the URL then names it. */
export interface ArticleInput {
  id?: string;
  url: string;
  title?: string;
  text?: string;
}
export interface PastPair {
  id: string;
  customerText: string;
  replyText: string;
  customerHandle?: string;
  customerName?: string;
  /** The stored customer the reply went to; "sent to this customer before" matches on it (else on the handle). */
  customerId?: string;
  /** When the reply was sent (ms). Lets pairs be learnt in any order; without it, call order is time order. */
  at?: number;
}
export interface SuggesterCorpus {
  brand: BrandContext;
  templates?: readonly TemplateInput[];
  pairs?: readonly PastPair[];
  articles?: readonly ArticleInput[];
  tuning?: Partial<SuggestTuning>;
  /**
   * Language of a text (ISO 639-1) or undefined when unsure; with it, replies in another language
   * than the customer's lose most of their weight. Injected (lib/suggest/language.ts) so the
   * detector's ~1 MB model is loaded only where suggestions are made.
   */
  detectLanguage?: (text: string) => string | undefined;
}
export interface ConversationInput {
  customerMessages: readonly string[];
  agentMessages?: readonly string[];
  caseTags?: readonly string[];
  platform: Platform;
  isPublic: boolean;
  customer?: { displayName?: string; handle?: string; id?: string };
  caseReference?: string;
  agent?: { name?: string; signature?: string };
  /**
   * The brand's replies already sent in this conversation. They may be offered again (agents do
   * repeat "please DM us…" in one thread: hiding them cost 0.011 replay F1), but never first, and
   * their why-line says so.
   */
  alreadySent?: readonly string[];
}
export interface Suggestion {
  id: string;
  /** 'incident': a known issue's answer (entrypoints/panel/IncidentCards.tsx), never from the engine. */
  source: 'template' | 'past-reply' | 'article' | 'incident';
  /** Filled where possible; open placeholders stay as written and are listed in `unresolved`. */
  text: string;
  unresolved: string[];
  why: string;
  score: number;
  templateId?: string;
  articleUrl?: string;
  /** A past reply the brand already sent in this conversation (ConversationInput.alreadySent). */
  alreadySent?: boolean;
  /** A past reply as a template: the other customer's name, handle and numbers as variables. */
  generalised?: string;
}
export interface RankedArticle {
  id?: string;
  url: string;
  title: string;
  score: number;
  why: string;
}
export interface Suggester {
  suggest(conversation: ConversationInput, k?: number): Suggestion[];
  /** Every article of the brand, best first (suggest() shows the top ones). */
  rankArticles(conversation: ConversationInput, limit?: number): RankedArticle[];
  /**
   * The brand's templates the agent looks for (the Replies tab's finder): by words, typed as they
   * come (AND, last word a prefix, one typo in long words), and/or one tag; filled for this
   * conversation. Empty words and no tag: none.
   */
  findTemplates(query: string, conversation: ConversationInput, options?: { tag?: string; limit?: number }): Suggestion[];
  /**
   * The brand's knowledge-base articles the agent looks for by words (the finder, as for
   * templates: AND, last word a prefix, one typo in long words; the title counts double), each as
   * a "link this article" suggestion in the customer's language. Empty words: none.
   */
  findArticles(query: string, conversation: ConversationInput, limit?: number): Suggestion[];
  /** The tags of the brand's templates, most used first (ties by name); case-insensitive. */
  templateTags(): { tag: string; count: number }[];
  addPair(pair: PastPair): void;
  addTemplate(template: TemplateInput): void;
  removeTemplate(id: string): void;
  /** The agent inserted this template: one more use, counted from the next ranking on. */
  noteTemplateUse(id: string): void;
  addArticle(article: ArticleInput): void;
  /** Forgets the article at this URL (compared as normalised; no-op when absent). */
  removeArticle(url: string): void;
  readonly size: { templates: number; pairs: number; articles: number };
}

interface PairEntry {
  id: number;
  pair: PastPair;
  group: ReplyGroup;
  links: string[];
}
interface ArticleEntry {
  id: number;
  key: string;
  article: ArticleInput;
  title: string;
}

const APOLOGY = /\b(sorry|apolog|regret|disculp|lament|perd[oó]n)/iu;
/** The tags that make a template the apology put first for an upset customer. */
const APOLOGY_TAG = /^(?:apology|sorry|disculpas?)$/iu;
const MAX_QUERY_TOKENS = 40;

/** Title matches a short article list (suggest's) considers; a full ranking considers all. */
const TITLE_POOL = 50;

/** Distinct raw tokens of the latest messages, capped: bounded work per call whatever the thread length. */
function queryText(messages: readonly string[]): string {
  const seen = new Set<string>();
  for (let i = messages.length - 1; i >= 0 && seen.size < MAX_QUERY_TOKENS; i--) {
    for (const t of tokenizeForIndex(messages[i] ?? '')) {
      if (seen.size >= MAX_QUERY_TOKENS) break;
      if (processTerm(t)) seen.add(t.toLowerCase());
    }
  }
  return [...seen].join(' ');
}

/** Matched words as the why-lines show them: "refund", "late". */
const quoted = (words: readonly string[]): string => words.map((w) => `"${w}"`).join(', ');
/**
 * Quotes matched index terms as the text they were matched from wrote them: the index holds
 * stems ("noth", "deliver"), the agent should read "nothing", "delivery". A term the text does
 * not hold (matched another way) is quoted as it is.
 */
function quoterFor(text: string): (terms: readonly string[]) => string {
  const surface = new Map<string, string>();
  for (const token of tokenizeForIndex(text)) {
    const term = processTerm(token);
    if (term !== null && !surface.has(term)) surface.set(term, token.toLocaleLowerCase());
  }
  return (found) => quoted(found.map((term) => surface.get(term) ?? term));
}
const clip = (s: string, n = 80): string => {
  const one = s.replace(/\s+/gu, ' ').trim();
  return one.length > n ? `${one.slice(0, n - 1)}…` : one;
};

/** A template written in another language than the customer's (both known; "es-MX" is "es"). */
const foreign = (t: TemplateInput, language: string | undefined): boolean =>
  !!language && !!t.language && t.language.slice(0, 2).toLowerCase() !== language.slice(0, 2).toLowerCase();

/** A reply that already apologises or owns the problem. */
export const apologises = (text: string): boolean => APOLOGY.test(text);

/**
 * The apology and ownership opener put before a reply to an upset customer (no apology template),
 * with their first name when known: also used for a known issue's answer (IncidentCards).
 */
export function apologyOpener(ctx: VariableContext, spanish: boolean): string {
  return fillTemplate(
    spanish ? 'Lamentamos mucho lo ocurrido, {{customer.first_name}}, y nos encargamos.' : "We're sorry about this, {{customer.first_name}}, and we're on it.",
    ctx,
    {},
    { dropUnknownName: true },
  ).text;
}

/**
 * A greeting that opens a reply, up to its comma or exclamation mark: "Hi Dana, ", "Hi Dana! ",
 * "¡Hola Ana! ", "Hola Ana, ", "Dear customer, ".
 */
const GREETING = /^¡?(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|hola|buenas|buenos d[ií]as|buenas (?:tardes|noches)|estimad[oa]s?)\b[^,.!?¡\n]{0,40}(?:,|!+)\s+/iu;

/**
 * A reply with the apology and ownership opener first. A reply that greets the customer keeps its
 * greeting first and takes the apology after it, without the name a second time ("Hi Dana, we're
 * sorry about this and we're on it. Orders placed…", not "We're sorry about this, Dana, and we're
 * on it. Hi Dana, orders placed…"; "¡Hola Ana! Lamentamos mucho lo ocurrido y nos encargamos. Tu
 * pedido…").
 */
export function withApology(text: string, ctx: VariableContext, spanish: boolean): string {
  const greeting = GREETING.exec(text)?.[0];
  if (!greeting) return `${apologyOpener(ctx, spanish)} ${text}`;
  const rest = text.slice(greeting.length);
  const apology = spanish ? 'lamentamos mucho lo ocurrido y nos encargamos.' : "we're sorry about this and we're on it.";
  // After "Hi Dana!" the apology is a sentence of its own: it starts with a capital.
  const opener = greeting.trimEnd().endsWith('!') ? `${apology.charAt(0).toLocaleUpperCase()}${apology.slice(1)}` : apology;
  return `${greeting}${opener} ${rest.charAt(0).toLocaleUpperCase()}${rest.slice(1)}`;
}

/**
 * A past reply's suggestion id: its group key's start, to read, and a hash of the whole key, so
 * two replies that start alike never share an id (the panel keys its cards by it), and the same
 * reply keeps its id from one ranking to the next (cyrb53: 53 bits, no collision in practice).
 */
function replyId(key: string): string {
  return `reply:${key.slice(0, 40)}:${cyrb53(key)}`;
}

/** A template filled for this conversation, as a suggestion. */
function templateSuggestion(t: TemplateInput, ctx: VariableContext, why: string, score: number): Suggestion {
  const filled = fillTemplate(t.body, ctx);
  return { id: `template:${t.id}`, source: 'template', text: filled.text, unresolved: filled.unresolved, why, score, templateId: t.id };
}

/** "Link this article" as a suggestion, worded in the customer's language. */
function articleSuggestion(url: string, why: string, score: number, language: string): Suggestion {
  return {
    id: `article:${articleKey(url)}`,
    source: 'article',
    text: language.slice(0, 2).toLowerCase() === 'es' ? `Este artículo te puede ayudar: ${url}` : `This article should help: ${url}`,
    unresolved: [],
    why,
    score,
    articleUrl: url,
  };
}

export function createSuggester(corpus: SuggesterCorpus): Suggester {
  const tuning: SuggestTuning = { ...DEFAULT_TUNING, ...corpus.tuning };
  const brand = corpus.brand;
  let nextId = 1;

  const templateIndex = new Bm25Index<{ id: number; title: string; body: string; tags: string }>(['title', 'body', 'tags']);
  const templates = new Map<number, TemplateInput>();
  const templateIds = new Map<string, number>();

  const pairIndex = new Bm25Index<{ id: number; customer: string }>(['customer']);
  const pairs = new Map<number, PairEntry>();
  const pairIds = new Map<string, number>();
  const memory = new ReplyMemory();
  /** How the brand signs, so a past reply's sign-off by any of its agents becomes {{agent.signature}}. */
  const signing = { brandSignature: brand.signature, brandName: brand.name, brandHandles: brand.handles };
  /** Language of each reply group, detected once (when first learnt). */
  const groupLanguage = new WeakMap<ReplyGroup, string | null>();
  function languageOf(g: ReplyGroup): string | undefined {
    let l = groupLanguage.get(g);
    if (l === undefined) groupLanguage.set(g, (l = corpus.detectLanguage?.(g.body) ?? null));
    return l ?? undefined;
  }
  /** Latest pairs (≤ 5) answered to each customer (customerKey), newest last. */
  const byCustomer = new Map<string, number[]>();
  /** The stored customer id when known, else the handle (lower-case, no @). */
  const customerKey = (c: { id?: string; handle?: string } | undefined): string =>
    c?.id ? `id:${c.id}` : c?.handle ? `@${c.handle.replace(/^@/u, '').toLowerCase()}` : '';
  const sentAt = (id: number): number => pairs.get(id)?.pair.at ?? id;
  const linkCounts = new Map<string, number>();
  let maxLinkCount = 0;

  const articleIndex = new Bm25Index<{ id: number; title: string; text: string }>(['title', 'text']);
  const articles = new Map<string, ArticleEntry>();
  const articlesById = new Map<number, ArticleEntry>();

  /** The brand's apology templates (tagged apology, sorry, disculpa), looked up once per change of templates. */
  let apologyTemplates: TemplateInput[] | undefined;
  /** Per language, whether the brand has templates written in it (cleared when templates change). */
  const writesIn = new Map<string, boolean>();
  /**
   * A language the brand also writes templates in, else undefined: only then is a template in
   * another language a second choice (a brand with English templates only still offers them to a
   * customer who writes in Spanish).
   */
  function templateLanguage(language: string | undefined): string | undefined {
    if (!language) return undefined;
    let has = writesIn.get(language);
    if (has === undefined) writesIn.set(language, (has = [...templates.values()].some((t) => !!t.language && !foreign(t, language))));
    return has ? language : undefined;
  }
  /** The apology template for a customer: one in their language when the brand has one. */
  function apologyTemplateOf(language: string | undefined): TemplateInput | null {
    // Tagged as one only: a title that says sorry ("Sorry, out of stock") answers something else.
    apologyTemplates ??= [...templates.values()].filter((t) => t.tags.some((x) => APOLOGY_TAG.test(x.trim())));
    return apologyTemplates.find((t) => !foreign(t, language)) ?? apologyTemplates[0] ?? null;
  }

  function addTemplate(t: TemplateInput): void {
    removeTemplate(t.id);
    apologyTemplates = undefined;
    writesIn.clear();
    const id = nextId++;
    templates.set(id, t);
    templateIds.set(t.id, id);
    templateIndex.add({ id, title: t.title, body: t.body.replace(/\{\{[^{}]*\}\}/gu, ' '), tags: t.tags.join(' ') });
  }
  function removeTemplate(externalId: string): void {
    const id = templateIds.get(externalId);
    if (id === undefined) return;
    apologyTemplates = undefined;
    writesIn.clear();
    templateIndex.discard(id);
    templates.delete(id);
    templateIds.delete(externalId);
  }

  function noteTemplateUse(externalId: string): void {
    const id = templateIds.get(externalId);
    const t = id === undefined ? undefined : templates.get(id);
    if (id === undefined || !t) return;
    // A copy: the caller's record (a stored row) is not ours to change.
    templates.set(id, { ...t, useCount: (t.useCount ?? 0) + 1 });
    apologyTemplates = undefined;
  }

  /** The same pair learnt again (the panel re-reads a conversation): nothing to change. */
  const samePair = (a: PastPair, b: PastPair): boolean =>
    a.customerText === b.customerText && a.replyText === b.replyText && a.at === b.at && a.customerId === b.customerId &&
    a.customerHandle === b.customerHandle && a.customerName === b.customerName;

  function addPair(p: PastPair): void {
    const old = pairIds.get(p.id);
    if (old !== undefined) {
      const entry = pairs.get(old);
      if (entry && samePair(entry.pair, p)) return;
      if (entry) {
        memory.remove(entry.group);
        for (const l of entry.links) linkCounts.set(l, (linkCounts.get(l) ?? 1) - 1);
        if (entry.pair.customerText.trim()) pairIndex.discard(old);
      }
      pairs.delete(old);
    }
    const id = nextId++;
    const group = memory.add(p.replyText, { customerHandle: p.customerHandle, customerName: p.customerName, ...signing }, p.at);
    // Detected here, once per distinct reply, so ranking never pays for it.
    if (group.count === 1 && corpus.detectLanguage) languageOf(group);
    const links = [...new Set(linksIn(p.replyText).map(articleKey))];
    for (const l of links) {
      const c = (linkCounts.get(l) ?? 0) + 1;
      linkCounts.set(l, c);
      if (c > maxLinkCount) maxLinkCount = c;
    }
    pairs.set(id, { id, pair: p, group, links });
    const ck = customerKey({ id: p.customerId, handle: p.customerHandle });
    if (ck) {
      const list = (byCustomer.get(ck) ?? []).filter((x) => x !== old && pairs.has(x));
      list.push(id);
      // Newest last by send time (pairs may arrive newest first), ids breaking ties.
      list.sort((a, b) => sentAt(a) - sentAt(b) || a - b);
      byCustomer.set(ck, list.slice(-5));
    }
    pairIds.set(p.id, id);
    // Replies without the customer message they answered still count for frequency and recency.
    if (p.customerText.trim()) pairIndex.add({ id, customer: p.customerText });
  }

  function addArticle(a: ArticleInput): void {
    const key = articleKey(a.url);
    const existing = articles.get(key);
    if (existing) {
      articleIndex.discard(existing.id);
      articlesById.delete(existing.id);
    }
    const id = nextId++;
    const title = a.title?.trim() || titleFromUrl(a.url);
    const entry = { id, key, article: a, title };
    articles.set(key, entry);
    articlesById.set(id, entry);
    articleIndex.add({ id, title, text: a.text ?? '' });
  }

  function removeArticle(url: string): void {
    const key = articleKey(url);
    const existing = articles.get(key);
    if (!existing) return;
    articleIndex.discard(existing.id);
    articlesById.delete(existing.id);
    articles.delete(key);
  }

  corpus.templates?.forEach(addTemplate);
  corpus.pairs?.forEach(addPair);
  corpus.articles?.forEach(addArticle);

  /** Postings one search of this index may score (tuning.postingsBudget, or its share for evaluation). */
  const budgetFor = (index: { size: number }): number =>
    tuning.postingsShare === undefined ? tuning.postingsBudget : Math.max(1, tuning.postingsShare * index.size);

  function contextOf(conv: ConversationInput): VariableContext {
    return {
      customer: conv.customer,
      case: { reference: conv.caseReference },
      agent: conv.agent,
      brand: { name: brand.name, signature: brand.signature },
    };
  }

  function neighbours(query: string): readonly SearchResult[] {
    return pairIndex.search(pairIndex.queryTerms(query, budgetFor(pairIndex)), undefined, tuning.neighbours);
  }

  function rankArticlesWith(conv: ConversationInput, nbrs: readonly SearchResult[], limit: number): RankedArticle[] {
    if (articles.size === 0) return [];
    const votes = new Map<string, { v: number; from: number }>();
    const top = nbrs[0]?.score ?? 1;
    for (const r of nbrs.slice(0, tuning.articleNeighbours)) {
      const entry = pairs.get(r.id as number);
      for (const l of entry?.links ?? []) {
        if (!articles.has(l)) continue;
        const cur = votes.get(l) ?? { v: 0, from: 0 };
        cur.v += Math.pow(r.score / top, tuning.neighbourPower);
        cur.from++;
        votes.set(l, cur);
      }
    }
    const maxVote = Math.max(1e-9, ...[...votes.values()].map((x) => x.v));
    const titleQuery = queryText(tuning.agentTurnsForArticles ? [...conv.customerMessages, ...(conv.agentMessages ?? [])] : conv.customerMessages);
    // A short list takes the best TITLE_POOL title matches (beyond them, an article reaches the
    // list only on its votes, which bring it in anyway, or on link popularity alone).
    const titleHits = articleIndex.search(articleIndex.queryTerms(titleQuery, budgetFor(articleIndex)), undefined, limit >= articles.size ? Infinity : TITLE_POOL);
    const quoteTitle = quoterFor(titleQuery);
    const title = new Map<string, SearchResult>();
    for (const h of titleHits) {
      const e = articlesById.get(h.id as number);
      if (e) title.set(e.key, h);
    }
    const maxTitle = titleHits[0]?.score ?? 1;
    // A full ranking scores every article; a short list (suggest) only those with evidence.
    const pool =
      limit >= articles.size
        ? [...articles.values()]
        : [...new Set([...votes.keys(), ...title.keys()])].map((k) => articles.get(k)!);
    const scoreOf = (e: ArticleEntry): number =>
      tuning.articleVote * ((votes.get(e.key)?.v ?? 0) / maxVote) +
      tuning.articlePrior * (maxLinkCount ? Math.log1p(linkCounts.get(e.key) ?? 0) / Math.log1p(maxLinkCount) : 0) +
      tuning.articleTitle * ((title.get(e.key)?.score ?? 0) / maxTitle);
    // Explanations only for what is returned.
    return topBy(pool, limit, scoreOf).map(({ item: e, score }) => {
      const vote = votes.get(e.key);
      const hit = title.get(e.key);
      const links = linkCounts.get(e.key) ?? 0;
      return {
        id: e.article.id,
        url: e.article.url,
        title: e.title,
        score,
        why: [
          tr('why.article', { title: e.title || e.article.url }),
          vote ? (vote.from > 1 ? tr('why.articleLinkedMany', { count: vote.from }) : tr('why.articleLinkedOne')) : '',
          hit ? tr('why.articleTitle', { words: quoteTitle(hit.terms) }) : '',
          links && !vote ? tr('why.articlePopular', { count: links }) : '',
        ]
          .filter(Boolean)
          .join('; '),
      };
    });
  }

  /** Candidates with their groups and, for each, why it is offered (written only for those shown). */
  function replyCandidates(nbrs: readonly SearchResult[], quote: (terms: readonly string[]) => string, customer: ConversationInput['customer'], language?: string): { cands: Candidate[]; groups: ReplyGroup[]; reasons: (() => string)[] } {
    const byKey = new Map<string, number>();
    const cands: Candidate[] = [];
    const groups: ReplyGroup[] = [];
    const reasons: (() => string)[] = [];
    // A reply in another language than the customer's keeps only a little of its evidence.
    const add = (g: ReplyGroup, evidence: number, reason: () => string): void => {
      const own = language === undefined ? undefined : languageOf(g);
      const w = own !== undefined && own !== language ? evidence * tuning.otherLanguageWeight : evidence;
      const i = byKey.get(g.key);
      if (i !== undefined) {
        cands[i]!.weight += w;
        return;
      }
      byKey.set(g.key, cands.length);
      cands.push({ key: g.key, words: g.words, bag: g.bag, weight: w });
      groups.push(g);
      reasons.push(reason);
    };
    // Evidence is a mixture of sources, each normalised to a total mass set in tuning.ts, so the
    // balance does not drift with the size of the memory (uses counts grow, neighbours do not).
    const mass = (ws: number[], total: number): number[] => {
      const sum = ws.reduce((x, y) => x + y, 0);
      return sum > 0 ? ws.map((w) => (total * w) / sum) : ws;
    };
    const top = nbrs[0]?.score ?? 1;
    const nw = mass(nbrs.map((r) => tuning.neighbourBase + tuning.neighbourSim * Math.pow(r.score / top, tuning.neighbourPower)), tuning.neighbourWeight);
    nbrs.forEach((r, i) => {
      const e = pairs.get(r.id as number);
      if (!e) return;
      add(e.group, nw[i]!, () => tr('why.similar', { text: clip(e.pair.customerText, 70), words: quote(r.terms.slice(0, 5)) }));
    });
    const freq = memory.topFrequent(tuning.frequentPool);
    const fw = mass(freq.map((g) => g.count), tuning.frequentWeight);
    freq.forEach((g, i) => add(g, fw[i]!, () => tr('why.frequent', { count: g.count })));
    const rec = memory.mostRecent(tuning.recentPool);
    const rw = mass(rec.map(() => 1), tuning.recentWeight);
    const recent = () => tr('why.recent');
    rec.forEach((g, i) => add(g, rw[i]!, recent));
    // What this customer was answered before (earlier turns of the same conversation, or an
    // earlier case): follow-ups are often answered in the same words.
    const own = (byCustomer.get(customerKey(customer)) ?? []).map((x) => pairs.get(x)).filter((e) => e !== undefined);
    const ow = mass(own.map(() => 1), tuning.customerWeight);
    const sameCustomer = () => tr('why.sameCustomer');
    own.forEach((e, i) => add(e.group, ow[i]!, sameCustomer));
    return { cands, groups, reasons };
  }

  /**
   * Group key of a reply already sent in the open conversation, remembered: generalising one
   * costs ~40 µs, and a long thread passes hundreds of them on every re-rank.
   */
  const sentKeys = new Map<string, string>();
  function sentKey(text: string, customer: ConversationInput['customer']): string {
    const id = `${customer?.displayName ?? ''}\u0000${customer?.handle ?? ''}\u0000${text}`;
    let key = sentKeys.get(id);
    if (key === undefined) {
      if (sentKeys.size >= 5_000) sentKeys.clear();
      sentKeys.set(id, (key = memory.keyOf(text, { customerHandle: customer?.handle, customerName: customer?.displayName, ...signing })));
    }
    return key;
  }

  function suggest(conv: ConversationInput, k = 5): Suggestion[] {
    const tone = readTone(conv.customerMessages);
    const ctx = contextOf(conv);
    const query = queryText(conv.customerMessages.slice(-3));
    const quote = quoterFor(query);
    const queryTerms = new Set(terms(query));
    const out: Suggestion[] = [];
    const language = corpus.detectLanguage?.(conv.customerMessages.slice(-3).join('\n'));
    const foreignIds = new Set<string>();
    const templateLang = templateLanguage(language);

    // 1. Templates: BM25 over title/body/tags; shown when they cover enough of the message. In a
    // brand with templates in the customer's language, one in another language comes after the
    // first reply, and is not offered for the case tags alone (the brand has one per language).
    if (templates.size) {
      const tags = new Set((conv.caseTags ?? []).map((t) => t.toLowerCase()));
      const q = templateIndex.queryTerms(query, budgetFor(templateIndex));
      // Scored first; only the maxTemplates kept are filled and explained (a case tag shared by
      // a thousand templates must not fill a thousand).
      const found: { t: TemplateInput; why: () => string; score: number }[] = [];
      for (const r of templateIndex.search(q, { title: 2, tags: 2 }, 20)) {
        const t = templates.get(r.id as number);
        if (!t) continue;
        const coverage = r.terms.length / Math.max(1, queryTerms.size);
        const tagHit = t.tags.some((x) => tags.has(x.toLowerCase()));
        if (coverage < tuning.templateMinCoverage && !tagHit) continue;
        const other = foreign(t, templateLang);
        if (other && coverage < tuning.templateMinCoverage) continue;
        if (other) foreignIds.add(t.id);
        found.push({
          t,
          why: () => tr(tagHit ? 'why.templateAndTags' : 'why.template', { title: t.title, words: quote(r.terms) }),
          score: 2 + coverage + (tagHit ? 0.5 : 0) + 0.05 * Math.log1p(t.useCount ?? 0) - (other ? 1.5 : 0),
        });
      }
      // A template tagged like the open case is offered even when the latest messages share no
      // word with it (the case tags say what the conversation is about).
      if (tags.size) {
        const matched = new Set(found.map((f) => f.t.id));
        for (const t of templates.values()) {
          if (matched.has(t.id) || !t.tags.some((x) => tags.has(x.toLowerCase())) || foreign(t, templateLang)) continue;
          found.push({ t, why: () => tr('why.templateTags', { title: t.title }), score: 2.5 + 0.05 * Math.log1p(t.useCount ?? 0) });
        }
      }
      for (const { item } of topBy(found, tuning.maxTemplates, (f) => f.score)) out.push(templateSuggestion(item.t, ctx, item.why(), item.score));
    }

    // 2. Past replies: neighbours + frequent + recent + this customer's, picked for coverage.
    const nbrs = neighbours(query);
    const { cands, groups, reasons } = replyCandidates(nbrs, quote, conv.customer, language);
    const sent = new Set((conv.alreadySent ?? []).map((text) => sentKey(text, conv.customer)));
    // Replies already sent in this conversation: at most tuning.maxAlreadySent of them, never first.
    // (Greedy picks are prefix-stable, so asking for more and skipping gives the next best.)
    let repeats = 0;
    const sentInPool = sent.size ? groups.filter((g) => sent.has(g.key)).length : 0;
    const picks = pickCovering(cands, k + sentInPool, tuning.selfMatch)
      .filter((p) => !sent.has(groups[p.index]!.key) || repeats++ < tuning.maxAlreadySent)
      .slice(0, k);
    const fresh = picks.findIndex((p) => !sent.has(groups[p.index]!.key));
    if (fresh > 0) picks.unshift(...picks.splice(fresh, 1));
    const replies: Suggestion[] = picks.map((p, rank) => {
      const g = groups[p.index]!;
      const filled = fillTemplate(g.body, ctx, {}, { dropUnknownName: true });
      return {
        id: replyId(g.key),
        source: 'past-reply' as const,
        text: filled.text,
        unresolved: filled.unresolved,
        why: sent.has(g.key) ? `${reasons[p.index]!()}; ${tr('why.alreadySent')}` : reasons[p.index]!(),
        ...(sent.has(g.key) ? { alreadySent: true } : {}),
        generalised: g.body,
        score: 1 - rank * 0.01 - (1 - Math.min(1, p.gain)) * 0.5,
      };
    });

    // 3. Articles: the best one goes right after the first reply when there is evidence for it.
    const arts = rankArticlesWith(conv, nbrs, 2).filter((a) => a.score > 0);
    const articleSugs: Suggestion[] = arts.map((a) => articleSuggestion(a.url, a.why, a.score, language ?? tone.language));
    // Templates in the customer's language lead; one in another language comes after the first reply.
    const local = out.filter((x) => !foreignIds.has(x.templateId!));
    const other = out.filter((x) => foreignIds.has(x.templateId!));
    const merged = [...local, ...replies.slice(0, 1), ...articleSugs.slice(0, 1), ...other, ...replies.slice(1), ...articleSugs.slice(1)];
    return applyTone(merged, tone, ctx, language).slice(0, k);
  }

  /** Upset customer: apology and ownership first (an apology template, else a generated opener). */
  function applyTone(list: Suggestion[], tone: ToneReading, ctx: VariableContext, language: string | undefined): Suggestion[] {
    if (tone.mood !== 'upset') return list;
    const why = tr('why.upset', { signals: tone.signals.slice(0, 3).join(', ') });
    const apologyTemplate = apologyTemplateOf(language);
    if (apologyTemplate) {
      const first = templateSuggestion(apologyTemplate, ctx, tr('why.apologyFirst', { why }), 10);
      return [first, ...list.filter((s) => s.id !== first.id)];
    }
    // A reply that already apologises moves to the top; otherwise the top reply gets an opener.
    // Only the first one is changed: the others stay as alternatives (best-of-k coverage).
    const firstReply = list.findIndex((s) => s.source !== 'article');
    if (firstReply < 0) return list;
    const apologising = list.findIndex((s) => s.source !== 'article' && !s.alreadySent && APOLOGY.test(s.text));
    if (apologising >= 0) {
      const s = list[apologising]!;
      return [{ ...s, why: `${s.why}; ${tr('why.firstBecause', { why })}` }, ...list.filter((_, i) => i !== apologising)];
    }
    if (!tuning.apologyOpener) return list;
    // The detector's language when it is sure (lib/suggest/language.ts), else the tone's guess.
    const spanish = language ? language.slice(0, 2) === 'es' : tone.language === 'es';
    const s = list[firstReply]!;
    const withOpener = { ...s, text: withApology(s.text, ctx, spanish), why: `${s.why}; ${tr('why.openerAdded', { why })}` };
    return [withOpener, ...list.filter((_, i) => i !== firstReply)];
  }

  function findArticles(query: string, conv: ConversationInput, limit = 20): Suggestion[] {
    if (!query.trim()) return [];
    // The detector's reading of the customer's latest messages (as suggest's), else the tone's guess.
    const language = corpus.detectLanguage?.(conv.customerMessages.slice(-3).join('\n')) ?? readTone(conv.customerMessages).language;
    const quoteQuery = quoterFor(query);
    const out: Suggestion[] = [];
    for (const r of articleIndex.find(query, { boost: { title: 2 } })) {
      const e = articlesById.get(r.id as number);
      if (!e) continue;
      out.push(articleSuggestion(e.article.url, tr('why.articleFound', { title: e.title, words: quoteQuery(r.terms) }), r.score, language));
      if (out.length >= limit) break;
    }
    return out;
  }

  function findTemplates(query: string, conv: ConversationInput, options: { tag?: string; limit?: number } = {}): Suggestion[] {
    const limit = options.limit ?? 20;
    const tagged = (t: TemplateInput) => hasTag(t, options.tag);
    // The why-line is written only for what is shown (a prefix can match thousands of templates).
    let found: { t: TemplateInput; why: () => string; score: number }[];
    if (query.trim()) {
      found = [];
      const quoteQuery = quoterFor(query);
      for (const r of templateIndex.find(query, { boost: { title: 2, tags: 2 } })) {
        const t = templates.get(r.id as number);
        if (t && tagged(t)) found.push({ t, why: () => tr('why.templateFound', { title: t.title, words: quoteQuery(r.terms) }), score: r.score });
      }
    } else if (options.tag) {
      found = [...templates.values()]
        .filter(tagged)
        .sort((a, b) => (b.useCount ?? 0) - (a.useCount ?? 0) || a.title.localeCompare(b.title))
        .map((t) => ({ t, why: () => tr('why.templateTagged', { title: t.title, tag: options.tag! }), score: 0 }));
    } else return [];
    // A bilingual brand: the customer's language first, the same order otherwise (stable sort).
    const language = found.some((f) => f.t.language) ? corpus.detectLanguage?.(conv.customerMessages.slice(-3).join('\n')) : undefined;
    if (language) found.sort((a, b) => Number(foreign(a.t, language)) - Number(foreign(b.t, language)));
    const ctx = contextOf(conv);
    return found.slice(0, limit).map((f) => templateSuggestion(f.t, ctx, f.why(), f.score));
  }

  return {
    suggest,
    findTemplates,
    findArticles,
    templateTags: () => countTags(templates.values()),
    rankArticles: (conv, limit = Number.MAX_SAFE_INTEGER) =>
      rankArticlesWith(
        conv,
        neighbours(queryText(tuning.agentTurnsForArticles ? [...conv.customerMessages, ...(conv.agentMessages ?? [])] : conv.customerMessages)),
        limit,
      ),
    addPair,
    addTemplate,
    removeTemplate,
    noteTemplateUse,
    addArticle,
    removeArticle,
    get size() {
      return { templates: templates.size, pairs: pairs.size, articles: articles.size };
    },
  };
}
