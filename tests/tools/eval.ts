/**
 * Quality evaluation of the suggestion engine (docs/evaluation.md §1 and §2).
 *
 *   npm run eval -- cdp [memory.json queries.json]   article suggestion (IBM CDP)
 *   npm run eval -- replay [threads.jsonl]            reply suggestion (TWCS time-ordered replay)
 *   npm run eval -- tune                              the dev-data grid behind lib/suggest/tuning.ts
 *
 * This script only adapts the data sets to lib/suggest/engine.ts; the ranking is the product's.
 * TWCS is CC BY-NC-SA: it is read here, for evaluation, and never imported by lib/ or entrypoints/.
 */
import { readFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import Papa from 'papaparse';
import { createSuggester, type ConversationInput, type SuggestTuning } from '../../lib/suggest/engine';
import { normaliseUrl } from '../../lib/suggest/article-url';
import { signOff } from '../../lib/suggest/generalise';
import { comparisonWords, tokenF1 } from '../../lib/suggest/text';
import { DEFAULT_TUNING } from '../../lib/suggest/tuning';
import { detectLanguage } from '../../lib/suggest/language';

/** The shared evaluation data sits beside the repository (../shared/data); CASESIDE_DATA overrides. */
const DATA = process.env.CASESIDE_DATA ?? path.resolve(process.cwd(), '../shared/data');
const CDP = path.join(DATA, 'ibm-twitter-cdp');
const TWCS = path.join(DATA, 'twcs');

// ── output ──────────────────────────────────────────────────────────────────────────────
function header(title: string): void {
  const cpus = os.cpus();
  console.log(`# ${title}`);
  console.log(`date ${new Date().toISOString()} · ${cpus[0]?.model ?? 'unknown CPU'} × ${cpus.length} cores · ${os.platform()} ${os.release()} · Node ${process.version}`);
  if (Object.keys(OVERRIDE).length) console.log(`EVAL_TUNING override in effect (not the shipped engine): ${JSON.stringify(OVERRIDE)}`);
  console.log('Development figures: the engine\'s settings (lib/suggest/tuning.ts) were chosen on this same data, so they are optimistic for data it has not seen.');
}
function table(head: string[], rows: (string | number)[][]): void {
  const cells = rows.map((r) => r.map((c) => (typeof c === 'number' ? c.toFixed(3) : c)));
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((r) => String(r[i]).length)));
  const line = (r: string[]): string => `| ${r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w, i) => (i === 0 ? ':' : '') + '-'.repeat(w + 1) + (i === 0 ? '' : ':')).join('|')}|`);
  for (const r of cells) console.log(line(r.map(String)));
}

// ── §1 CDP ──────────────────────────────────────────────────────────────────────────────
interface CdpConv {
  dialogHeader: { company: string; sessionID: string };
  dialogContent: { client?: string; agent?: string; message: string; tweet_ID?: string }[];
  agentURL: { doc_id: string; url: string; url_utterance: string; tweet_ID?: string };
}

/** The tweets a conversation is made of: two conversations sharing one are (partly) the same. */
const tweetIdsCache = new WeakMap<CdpConv, Set<string>>();
function tweetIds(c: CdpConv): Set<string> {
  let ids = tweetIdsCache.get(c);
  if (!ids) {
    ids = new Set([c.agentURL.tweet_ID, ...c.dialogContent.map((t) => t.tweet_ID)].filter((id): id is string => !!id));
    tweetIdsCache.set(c, ids);
  }
  return ids;
}
const sharesTweet = (a: CdpConv, b: CdpConv): boolean => [...tweetIds(a)].some((id) => tweetIds(b).has(id));
interface CdpData {
  docUrl: Map<number, string>;
  brandDocs: Map<string, number[]>;
}
function loadCdp(): CdpData {
  const docUrl = new Map<number, string>();
  for (const line of readFileSync(path.join(CDP, 'docID_url.tsv'), 'utf8').split('\n')) {
    const [id, url] = line.split('\t');
    if (id && url) docUrl.set(parseInt(id, 10), url.trim());
  }
  const brandDocs = new Map<string, number[]>();
  for (const line of readFileSync(path.join(CDP, 'company_docIDs.tsv'), 'utf8').split('\n')) {
    const [brand, ids] = line.split('\t');
    if (brand && ids) brandDocs.set(brand.trim(), ids.split(',').map((x) => parseInt(x.trim(), 10)).filter(Number.isFinite));
  }
  return { docUrl, brandDocs };
}
const customerTurns = (c: CdpConv): string[] => c.dialogContent.filter((t) => t.client !== undefined).map((t) => t.message);
const agentTurns = (c: CdpConv): string[] => c.dialogContent.filter((t) => t.agent !== undefined).map((t) => t.message);

interface Metrics { r1: number; r5: number; mrr: number; n: number }
function accumulate(ranks: number[]): Metrics {
  const n = ranks.length || 1;
  return {
    r1: ranks.filter((r) => r === 1).length / n,
    r5: ranks.filter((r) => r <= 5).length / n,
    mrr: ranks.reduce((s, r) => s + (Number.isFinite(r) ? 1 / r : 0), 0) / n,
    n: ranks.length,
  };
}
/** 1-based rank of the target among ranked doc keys (normalised URLs); Infinity when absent. */
function rankOf(keys: string[], target: string): number {
  const i = keys.indexOf(target);
  return i < 0 ? Infinity : i + 1;
}

interface CdpRun { ours: Metrics; popular: Metrics; nearest: Metrics; inMemory: number; /** (query, memory) pairs left out because they share a tweet. */ overlaps: number; /** Share of queries whose target document is among the panel's 5 cards. */ panelShown: number }
function runCdp(data: CdpData, memory: CdpConv[], queries: CdpConv[], tuning: Partial<SuggestTuning> = {}): CdpRun {
  const ours: number[] = [];
  const popular: number[] = [];
  const nearest: number[] = [];
  let inMemory = 0;
  let panelShown = 0;
  let overlaps = 0;
  const keyOfDoc = (id: number): string => normaliseUrl(data.docUrl.get(id) ?? `doc:${id}`);
  for (const q of queries) {
    const brand = q.dialogHeader.company;
    const target = keyOfDoc(parseInt(q.agentURL.doc_id, 10));
    // Never the query itself, nor a memory conversation that shares a tweet with it (the data
    // holds a few duplicates; a two-file run may overlap): it would hold the answer.
    const mem = memory.filter((m) => {
      if (m.dialogHeader.company !== brand || m === q) return false;
      if (sharesTweet(m, q)) {
        overlaps++;
        return false;
      }
      return true;
    });
    const docs = data.brandDocs.get(brand) ?? [];
    const docKeys = [...new Set(docs.map(keyOfDoc))];
    if (mem.some((m) => keyOfDoc(parseInt(m.agentURL.doc_id, 10)) === target)) inMemory++;

    // Ours: the product engine, memory = the brand's handled conversations, KB = the brand's documents.
    const suggester = createSuggester({
      brand: { name: brand },
      articles: docs.map((id) => ({ id: String(id), url: data.docUrl.get(id) ?? `doc:${id}` })),
      pairs: mem.map((m) => {
        const docUrl = data.docUrl.get(parseInt(m.agentURL.doc_id, 10)) ?? m.agentURL.url;
        const utterance = m.agentURL.url_utterance;
        const links = utterance.includes(docUrl) ? utterance : `${utterance} ${docUrl}`;
        return { id: m.dialogHeader.sessionID, customerText: customerTurns(m).join('\n'), replyText: links };
      }),
      tuning,
    });
    const conv: ConversationInput = { customerMessages: customerTurns(q), agentMessages: agentTurns(q), platform: 'x', isPublic: true };
    ours.push(rankOf(suggester.rankArticles(conv).map((a) => normaliseUrl(a.url)), target));
    // What the panel shows: the 5 suggestion cards, of which article cards are a part.
    const shown = suggester.suggest(conv, 5).flatMap((s) => (s.source === 'article' && s.articleUrl ? [normaliseUrl(s.articleUrl)] : []));
    if (shown.includes(target)) panelShown++;

    // Reference 1: most-linked document of the brand in memory, then the brand's list order.
    const counts = new Map<string, number>();
    for (const m of mem) {
      const k = keyOfDoc(parseInt(m.agentURL.doc_id, 10));
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    const byPopularity = [...docKeys].sort((a, b) => (counts.get(b) ?? 0) - (counts.get(a) ?? 0));
    popular.push(rankOf(byPopularity, target));

    // Reference 2: plain BM25 (minisearch defaults) nearest past conversations, their documents in
    // order of similarity, then the rest by popularity.
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    ms.addAll(mem.map((m, id) => ({ id, text: customerTurns(m).join('\n') })));
    const order: string[] = [];
    for (const r of ms.search(customerTurns(q).join('\n'))) {
      const k = keyOfDoc(parseInt(mem[r.id as number]!.agentURL.doc_id, 10));
      if (!order.includes(k)) order.push(k);
    }
    for (const k of byPopularity) if (!order.includes(k)) order.push(k);
    nearest.push(rankOf(order, target));
  }
  return { ours: accumulate(ours), popular: accumulate(popular), nearest: accumulate(nearest), inMemory, panelShown: panelShown / (queries.length || 1), overlaps };
}

function cdpCommand(args: string[]): void {
  const data = loadCdp();
  const loo = args.length < 2;
  const memFile = args[0] ?? path.join(CDP, 'dev.json');
  const qFile = args[1] ?? memFile;
  const memory = JSON.parse(readFileSync(memFile, 'utf8')) as CdpConv[];
  const queries = loo ? memory : (JSON.parse(readFileSync(qFile, 'utf8')) as CdpConv[]);
  header('Article suggestion — IBM Twitter CDP (docs/evaluation.md §1)');
  console.log(loo ? `leave-one-out over ${path.basename(memFile)} (${memory.length} conversations)` : `memory ${memFile} (${memory.length}) → queries ${qFile} (${queries.length})`);
  const t0 = performance.now();
  const run = runCdp(data, memory, queries, OVERRIDE);
  const ms = performance.now() - t0;
  table(['method', 'R@1', 'R@5', 'MRR', 'n'], [
    ['Caseside engine (votes + popularity + URL-title BM25)', run.ours.r1, run.ours.r5, run.ours.mrr, String(run.ours.n)],
    ['reference: most-linked doc of the brand', run.popular.r1, run.popular.r5, run.popular.mrr, String(run.popular.n)],
    ['reference: BM25 nearest past conversation', run.nearest.r1, run.nearest.r5, run.nearest.mrr, String(run.nearest.n)],
  ]);
  console.log(`the panel (5 cards, articles among them) shows the target document for ${(100 * run.panelShown).toFixed(1)}% of queries; R@5 above ranks every article, as §1 asks`);
  console.log('uncut search: the product keeps a search to 600 postings, which these few hundred conversations never reach (a 50,000-reply brand is cut; EVAL_TUNING=\'{"postingsShare":0.012}\' simulates that)');
  console.log(`memory conversations left out of a query's memory because they share a tweet with it: ${run.overlaps}`);
  console.log(`target document present in the query's memory: ${((100 * run.inMemory) / queries.length).toFixed(1)}% · ${(ms / 1000).toFixed(1)} s`);
}

// ── §2 replay ───────────────────────────────────────────────────────────────────────────
interface TwMessage { id: string; author: string; inbound: boolean; created_at: string; text: string; in_response_to: string | null }
interface Thread { brand: string; messages: TwMessage[] }
interface Pair { brand: string; customer: TwMessage; reply: TwMessage; context: TwMessage[]; order: number }

function loadPairs(file: string): { pairs: Pair[]; threadIds: Set<string> } {
  const pairs: Pair[] = [];
  const threadIds = new Set<string>();
  let order = 0;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const t = JSON.parse(line) as Thread;
    const byId = new Map(t.messages.map((m) => [m.id, m]));
    t.messages.forEach((m) => threadIds.add(m.id));
    t.messages.forEach((m, i) => {
      if (m.inbound || !m.in_response_to) return;
      const c = byId.get(m.in_response_to);
      if (!c || !c.inbound) return;
      pairs.push({ brand: t.brand, customer: c, reply: m, context: t.messages.slice(0, i), order: order++ });
    });
  }
  // Time order of the replies; file order breaks ties.
  pairs.sort((a, b) => a.reply.created_at.localeCompare(b.reply.created_at) || a.order - b.order);
  return { pairs, threadIds };
}

interface ExtraReply { id: string; text: string; at: string }
function loadExtra(brand: string, threadIds: Set<string>): ExtraReply[] {
  const file = path.join(TWCS, 'brand_agent_replies', `${brand}.csv`);
  if (!existsSync(file)) return [];
  const rows = Papa.parse<Record<string, string>>(readFileSync(file, 'utf8'), { header: true, skipEmptyLines: true }).data;
  return rows
    .filter((r) => r.tweet_id && r.author_id === brand && r.inbound === 'False' && !threadIds.has(r.tweet_id))
    .map((r) => ({ id: `extra:${r.tweet_id}`, text: r.text ?? '', at: new Date(r.created_at ?? 0).toISOString() }))
    .sort((a, b) => a.at.localeCompare(b.at));
}

interface ReplayRun { ours: number; recent: number; frequent: number; nearest: number; n: number; skippedEmpty: number; extraUsed: number; ms: number }
/**
 * {{agent.signature}} in the replay: 'previous' = the sign-off of the brand's latest earlier reply,
 * standing in for the signature of the agent on shift; 'none' = no signature, as the product
 * fills it for a brand without one. (In the product a brand's signature may hold the agent's
 * initials, `^{{agent.initials}}`, set per browser under Options → You: the 'previous' mode is
 * what that gives when each agent signs their own replies.)
 */
type SignatureMode = 'previous' | 'none';
function runReplay(pairs: Pair[], threadIds: Set<string>, tuning: Partial<SuggestTuning> = {}, extraMode: 'time' | 'all' | 'none' = 'time', signature: SignatureMode = 'previous'): ReplayRun {
  const t0 = performance.now();
  const brands = [...new Set(pairs.map((p) => p.brand))];
  let ours = 0, recent = 0, frequent = 0, nearest = 0, n = 0, skippedEmpty = 0, extraUsed = 0;
  const best3 = (texts: string[], actual: string[]): number => Math.max(0, ...texts.slice(0, 3).map((t) => tokenF1(comparisonWords(t), actual)));
  for (const brand of brands) {
    const list = pairs.filter((p) => p.brand === brand);
    const extra = extraMode === 'none' ? [] : loadExtra(brand, threadIds);
    let e = 0;
    const suggester = createSuggester({ brand: { name: brand }, tuning, detectLanguage });
    if (extraMode === 'all') for (; e < extra.length; e++) suggester.addPair({ id: extra[e]!.id, customerText: '', replyText: extra[e]!.text });
    const seen: Pair[] = [];
    // The agent on shift: the product fills {{agent.signature}} from the agent's settings; here the
    // sign-off of the brand's latest earlier reply stands in for it (past data only).
    let lastSignOff: string | undefined;
    const ms = new MiniSearch<{ id: number; text: string }>({ fields: ['text'] });
    for (const p of list) {
      // Extra memory the brand had already sent before this reply.
      for (; e < extra.length && extra[e]!.at < p.reply.created_at; e++) {
        suggester.addPair({ id: extra[e]!.id, customerText: '', replyText: extra[e]!.text });
        extraUsed++;
      }
      const actual = comparisonWords(p.reply.text);
      if (seen.length > 0 && actual.length === 0) skippedEmpty++;
      if (seen.length > 0 && actual.length > 0) {
        n++;
        const conv: ConversationInput = {
          customerMessages: [p.customer.text],
          platform: 'x',
          isPublic: true,
          customer: { handle: p.customer.author },
          agent: { signature: signature === 'previous' ? (lastSignOff ?? '') : '' },
          // As in the panel: what the brand already said in this thread comes labelled, never first.
          alreadySent: p.context.filter((m) => !m.inbound).map((m) => m.text),
        };
        ours += best3(suggester.suggest(conv, 3).map((s) => s.text), actual);
        recent += best3(seen.slice(-3).reverse().map((s) => s.reply.text), actual);
        const counts = new Map<string, { n: number; last: number; text: string }>();
        seen.forEach((s, i) => {
          const k = comparisonWords(s.reply.text).join(' ');
          const c = counts.get(k) ?? { n: 0, last: 0, text: s.reply.text };
          c.n++;
          c.last = i;
          counts.set(k, c);
        });
        frequent += best3([...counts.values()].sort((a, b) => b.n - a.n || b.last - a.last).map((c) => c.text), actual);
        const hits = ms.search(p.customer.text).slice(0, 3).map((r) => seen[r.id as number]!.reply.text);
        nearest += best3(hits.length ? hits : seen.slice(-1).map((s) => s.reply.text), actual);
      }
      suggester.addPair({ id: p.reply.id, customerText: p.customer.text, replyText: p.reply.text, customerHandle: p.customer.author });
      ms.add({ id: seen.length, text: p.customer.text });
      lastSignOff = signOff(p.reply.text) ?? lastSignOff;
      seen.push(p);
    }
  }
  const d = n || 1;
  return { ours: ours / d, recent: recent / d, frequent: frequent / d, nearest: nearest / d, n, skippedEmpty, extraUsed, ms: performance.now() - t0 };
}

function replayCommand(args: string[]): void {
  const file = args[0] ?? path.join(TWCS, 'twcs_head5000_threads.jsonl');
  header('Reply suggestion — TWCS time-ordered replay (docs/evaluation.md §2)');
  const { pairs, threadIds } = loadPairs(file);
  const run = runReplay(pairs, threadIds, OVERRIDE);
  // EVAL_QUICK: the headline run only.
  const quick = !!process.env.EVAL_QUICK;
  const withoutExtra = quick ? null : runReplay(pairs, threadIds, OVERRIDE, 'none');
  const noSignature = quick ? null : runReplay(pairs, threadIds, OVERRIDE, 'time', 'none');
  const notRun = 'not run (EVAL_QUICK)';
  console.log(`${pairs.length} pairs, ${new Set(pairs.map((p) => p.brand)).size} brands; scored n = ${run.n}`);
  console.log(`(${run.n + run.skippedEmpty} pairs have an earlier pair; ${run.skippedEmpty} are left out because the reply actually sent is empty after removing @mentions, URLs and the ^XY signature, so its F1 is undefined)`);
  table(['method (mean best-of-3 token F1)', 'F1', 'n'], [
    ['Caseside engine (extra memory sent before each reply)', run.ours, String(run.n)],
    ['Caseside engine (threads only, no extra memory)', withoutExtra?.ours ?? notRun, String(withoutExtra?.n ?? '—')],
    ['Caseside engine (no {{agent.signature}}: as a brand without a signature)', noSignature?.ours ?? notRun, String(noSignature?.n ?? '—')],
    ['reference: 3 most recent replies', run.recent, String(run.n)],
    ['reference: 3 most frequent replies', run.frequent, String(run.n)],
    ['reference: BM25 nearest past customer tweets → their replies', run.nearest, String(run.n)],
  ]);
  console.log('{{agent.signature}} is filled with the sign-off of the brand\'s latest earlier reply, standing in for the agent on shift, as a brand signature ^{{agent.initials}} gives in the product; the "no signature" row is a brand without one.');
  const seconds = (run.ms + (withoutExtra?.ms ?? 0) + (noSignature?.ms ?? 0)) / 1000;
  console.log(`extra memory replies used: ${run.extraUsed} · ${seconds.toFixed(1)} s`);
}

// ── tuning on dev data ──────────────────────────────────────────────────────────────────
function tuneCommand(): void {
  header('Hyper-parameter grid on development data (CDP dev leave-one-out; TWCS replay)');
  const data = loadCdp();
  const dev = JSON.parse(readFileSync(path.join(CDP, 'dev.json'), 'utf8')) as CdpConv[];
  const rows: (string | number)[][] = [];
  for (const articleVote of [1])
    for (const articlePrior of [0.25, 0.5, 1])
      for (const articleTitle of [0.25, 0.5, 1])
        for (const articleNeighbours of [10])
          for (const neighbourPower of [2]) {
            const t = { articleVote, articlePrior, articleTitle, articleNeighbours, neighbourPower };
            const r = runCdp(data, dev, dev, t).ours;
            rows.push([JSON.stringify(t), r.r1, r.r5, r.mrr]);
          }
  rows.sort((a, b) => (b[3] as number) - (a[3] as number));
  table(['CDP setting', 'R@1', 'R@5', 'MRR'], rows.slice(0, 10));
  const { pairs, threadIds } = loadPairs(path.join(TWCS, 'twcs_head5000_threads.jsonl'));
  const rrows: (string | number)[][] = [];
  for (const neighbours of [25])
    for (const frequentWeight of [0.5, 1, 2])
      for (const recentWeight of [1])
        for (const apologyOpener of [true]) {
          const t = { neighbours, frequentWeight, recentWeight, apologyOpener };
          rrows.push([JSON.stringify(t), runReplay(pairs, threadIds, t).ours]);
        }
  rrows.sort((a, b) => (b[1] as number) - (a[1] as number));
  table(['replay setting', 'F1'], rrows.slice(0, 10));
  console.log('defaults in lib/suggest/tuning.ts:', JSON.stringify(DEFAULT_TUNING));
}

// Experiments: EVAL_TUNING='{"neighbours":10}' overrides defaults for cdp/replay (never for reported numbers).
const OVERRIDE = JSON.parse(process.env.EVAL_TUNING ?? '{}') as Partial<SuggestTuning>;
const [mode, ...rest] = process.argv.slice(2);
if (mode === 'cdp') cdpCommand(rest);
else if (mode === 'replay') replayCommand(rest);
else if (mode === 'tune') tuneCommand();
else {
  console.error('usage: npm run eval -- cdp [memory.json queries.json] | replay [threads.jsonl] | tune');
  process.exit(2);
}
