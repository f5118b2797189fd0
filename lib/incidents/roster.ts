/**
 * Known issues ("incidents"): a diverted flight, an outage — many customers ask the same thing at
 * once. The agent writes one answer (in English and/or Spanish); each customer whose messages name
 * the issue is listed, and each is "answered" once a reply carrying that answer has been sent to
 * them (seen in the recorded messages, whatever way it was written: inserted from the card, typed,
 * pasted, split over two tweets, or in an earlier wording of the answer). The agent can also mark a
 * customer answered (by phone) or not affected (an unrelated mention).
 *
 * Pure functions over stored messages: no storage, no clock.
 */
import { fold, stem, stripLinksAndMentions, terms, words } from '../suggest/text';

export interface IncidentAnswer {
  /** ISO 639-1 code of the answer's language ("en", "es"). */
  language: string;
  /** The answer as a template (variables such as {{customer.first_name}} allowed). */
  text: string;
}

export interface IncidentMark {
  customerId: string;
  kind: 'answered' | 'not-affected';
  at: number;
}

export interface IncidentDefinition {
  keywords: readonly string[];
  answers: readonly IncidentAnswer[];
  /** Earlier wordings of the answers: a customer answered with one of them stays answered. */
  previousAnswers?: readonly string[];
  /** The agent's own word on a customer, over what the messages say. */
  marks?: readonly IncidentMark[];
  /** Messages from this time on count. */
  since: number;
  /** Ended incidents stop at this time; null while active. */
  endedAt: number | null;
}

/** The fields of a stored message the roster reads. */
export interface RosterMessage {
  id?: string;
  customerId: string;
  conversationId: string;
  /** 'unknown' (a message whose side the page did not show) counts as neither. */
  direction: 'in' | 'out' | 'unknown';
  text: string;
  sentAt: number;
}

/**
 * What a message's text reduces to, kept by text: the Work list recomputes its rosters as messages
 * are recorded, and most messages are the same ones as last time. Bounded: cleared when full.
 */
function memo<T>(compute: (text: string) => T): (text: string) => T {
  const cache = new Map<string, T>();
  return (text) => {
    let v = cache.get(text);
    if (v === undefined) {
      if (cache.size >= 50_000) cache.clear();
      cache.set(text, (v = compute(text)));
    }
    return v;
  };
}

/**
 * English words whose final "s" is no plural, where dropping it leaves another common word: a
 * keyword "news" must not match every "new". A short list on purpose: a stem that is no word
 * ("status" → "statu") cannot match anything wrongly.
 */
const NOT_PLURAL = new Set(['news', 'goods', 'means', 'series', 'species', 'always', 'perhaps', 'towards', 'sometimes', 'physics', 'politics', 'lens', 'gas', 'yes', 'plus']);

/** One word as compared: stemmed, and a final "e" dropped so "buses" (stem "buse") meets "bus" and "aviones" meets "avión". */
const norm = (word: string): string => {
  if (NOT_PLURAL.has(word)) return word;
  const s = stem(word);
  return s.length > 3 ? s.replace(/e$/u, '') : s;
};

/**
 * Words for keyword matching, as written: links and @handles left out (a keyword "iberia" must not
 * match every "@Iberia" tweet), case and accents folded, each word normalised (norm).
 */
const keywordWords = memo((text: string): string[] => words(stripLinksAndMentions(text)).map(norm));
const phrase = memo((text: string) => ` ${keywordWords(text).join(' ')} `);

/** A keyword that can match something: at least one letter or digit outside @handles and links. */
export const usableKeyword = (keyword: string): boolean => keywordWords(keyword).length > 0;

/**
 * A keyword that is a code of letters and digits ("IB123", "IB 123", "IB-123"): its letters and
 * digits (as keywordWords gives them), else null.
 */
function codeOf(keyword: string): { letters: string; digits: string } | null {
  const w = keywordWords(keyword);
  const joined = w.length === 1 ? /^(\p{L}{1,4})(\d{1,6})$/u.exec(w[0]!) : null;
  if (joined) return { letters: joined[1]!, digits: joined[2]! };
  if (w.length === 2 && /^\p{L}{1,4}$/u.test(w[0]!) && /^\d{1,6}$/u.test(w[1]!)) return { letters: w[0]!, digits: w[1]! };
  return null;
}

/**
 * The ways a keyword may be written: as typed, and for a code of letters and digits the other
 * spelling ("IB123" ↔ "IB 123" / "IB-123"). Only the keyword is respelt, never the customer's
 * text ("my flight is 123" stays "is 123").
 */
function spellings(keyword: string): string[] {
  const out = [` ${keywordWords(keyword).join(' ')} `];
  const code = codeOf(keyword);
  if (code) for (const f of [` ${code.letters}${code.digits} `, ` ${code.letters} ${code.digits} `]) if (!out.includes(f)) out.push(f);
  return out;
}

/**
 * Writes the keywords' codes one way in a text: "IB 123" / "IB-123" become "ib123" when "IB123" (or
 * "IB 123") is a keyword, so an answer or reply spelling the code otherwise still carries it (the
 * spellings keywordMatcher accepts). Other letters and numbers are left alone ("is 123" stays).
 */
function codeRespeller(keywords: readonly string[]): (text: string) => string {
  const codes = new Set<string>();
  const digits = new Set<string>();
  for (const k of keywords) {
    const code = codeOf(k);
    if (!code) continue;
    codes.add(code.letters + code.digits);
    digits.add(code.digits);
  }
  if (!codes.size) return (text) => text;
  const pattern = /(?<![\p{L}\p{N}])(\p{L}{1,4})[^\p{L}\p{N}]*(\d{1,6})(?![\p{L}\p{N}])/gu;
  return (text) => {
    if (![...digits].some((d) => text.includes(d))) return text;
    return fold(stripLinksAndMentions(text.replace(/\{\{[^}]*\}\}/gu, ' '))).replace(pattern, (all: string, letters: string, number: string) => {
      const code = norm(letters) + number;
      return codes.has(code) ? ` ${code} ` : all;
    });
  };
}

/**
 * A matcher for the incident's keywords: whole words, case, accents and plurals ignored
 * ("DESVIADOS" matches "desviado", "buses" matches "bus"; "IB123" matches "IB 123" but not
 * "IB1234"). A keyword of several words matches them in a row. Returns the keyword matched first,
 * or null.
 */
export function keywordMatcher(keywords: readonly string[]): (text: string) => string | null {
  const wanted = keywords.map((k) => ({ keyword: k, forms: spellings(k) })).filter((k) => k.forms[0]!.trim());
  return (text) => {
    if (!wanted.length) return null;
    const haystack = phrase(text);
    return wanted.find((k) => k.forms.some((f) => haystack.includes(f)))?.keyword ?? null;
  };
}

/** Topic words for comparing replies: terms() without bare numbers under 3 digits ("18:00" → "18"), and "buses" = "bus". */
const topicWords = memo((text: string): ReadonlySet<string> => {
  const out = new Set<string>();
  for (const t of terms(text.replace(/\{\{[^}]*\}\}/gu, ' '))) {
    if (/^\d{1,2}$/u.test(t)) continue;
    out.add(t.length > 3 ? t.replace(/e$/u, '') : t);
  }
  return out;
});

/** An answer needs this many topic words to be recognised in a sent reply (fewer would match any apology). */
export const MIN_ANSWER_WORDS = 4;
/** Share of the answer's topic words one reply must carry… */
export const ANSWER_SHARE = 0.5;
/** …and replies read together, which gather words from more than one subject. */
export const ANSWER_SHARE_TOGETHER = 0.65;

/**
 * The topic words of sent text as answers are compared: the incident's codes written one way
 * (codeRespeller), so "IB 123" in a reply meets "IB123" in the answer.
 */
export function answerWords(keywords: readonly string[]): (text: string) => ReadonlySet<string> {
  const respell = codeRespeller(keywords);
  return (text) => topicWords(respell(text));
}

/** How many topic words an answer has (the form warns under MIN_ANSWER_WORDS). */
export const answerWordCount = (answer: string): number => topicWords(answer).size;

/**
 * A test for "these words carry the answer": at least `share` of one wording's topic words (its
 * placeholders and function words left out; stems, so "delays"/"delayed" meet), for any of the
 * wordings given (each language, earlier versions), and — when the wording contains any of the
 * incident's keywords — at least one of those (the distinctive part: "IB123", "diverted"), so
 * ordinary replies that share common words ("sorry", "update", "soon") do not count. A wording
 * with fewer than MIN_ANSWER_WORDS topic words is never recognised: the agent marks those
 * customers by hand.
 */
export function answerMatcher(
  wordings: readonly string[],
  options: { keywords?: readonly string[]; share?: number } = {},
): (reply: string | ReadonlySet<string>) => boolean {
  const share = options.share ?? ANSWER_SHARE;
  const keywords = options.keywords ?? [];
  const wordsOf = answerWords(keywords);
  const keyWords = new Set(keywords.flatMap((k) => [...wordsOf(k)]));
  const sets = wordings
    .map(wordsOf)
    .filter((s) => s.size >= MIN_ANSWER_WORDS)
    .map((wanted) => ({ wanted, keys: [...wanted].filter((w) => keyWords.has(w)) }));
  return (reply) => {
    const have = typeof reply === 'string' ? wordsOf(reply) : reply;
    return sets.some(({ wanted, keys }) => {
      if (keys.length && !keys.some((k) => have.has(k))) return false;
      const needed = Math.ceil(wanted.size * share);
      let hits = 0;
      for (const w of wanted) if (have.has(w) && ++hits >= needed) return true;
      return false;
    });
  };
}

/** Replies to one customer in one conversation within this time are read as one (an answer split over tweets). */
const TOGETHER_MS = 10 * 60_000;

export interface RosterEntry {
  /** The customer (with linked identities: the one whose record was seen first). */
  customerId: string;
  /** The conversation to open: where the customer last asked, else where they were answered. */
  conversationId: string;
  /** The customer's first message naming the issue; null when only an answer was seen. */
  askedAt: number | null;
  /** The keyword their message matched. */
  keyword: string | null;
  /** The customer's last message in the incident's time (any subject). */
  lastInboundAt: number | null;
  /** When the answer was sent (or the agent marked them answered); null while they wait. */
  answeredAt: number | null;
  /** Marked answered by the agent rather than seen in a reply. */
  markedAnswered: boolean;
  /** They wrote again after being answered. */
  wroteAgain: boolean;
}

export interface Roster {
  waiting: RosterEntry[];
  answered: RosterEntry[];
  /** Marked "not affected" by the agent. */
  notAffected: RosterEntry[];
}

/** Every wording that counts as the answer: the current ones in each language and the earlier ones. */
export const answerWordings = (incident: IncidentDefinition): string[] => [...incident.answers.map((a) => a.text), ...(incident.previousAnswers ?? [])];

/**
 * Who is affected by the incident and who has been answered, from the brand's messages (any
 * order). Affected: a customer message in the incident's time naming a keyword, a reply carrying
 * the answer sent to them (the agent recognised the case by hand), or the agent's mark. `groupOf`
 * maps a customer to their linked group (the same person on X and Facebook counts once).
 * Waiting: longest waiting first; answered: most recently answered first.
 */
export function incidentRoster(incident: IncidentDefinition, messages: Iterable<RosterMessage>, groupOf: (customerId: string) => string = (id) => id): Roster {
  const matches = keywordMatcher(incident.keywords);
  const carries = answerMatcher(answerWordings(incident), { keywords: incident.keywords });
  const carriesTogether = answerMatcher(answerWordings(incident), { keywords: incident.keywords, share: ANSWER_SHARE_TOGETHER });
  const replyWords = answerWords(incident.keywords);
  const end = incident.endedAt ?? Infinity;
  type Entry = RosterEntry & { lastInboundConversation: string | null };
  const byGroup = new Map<string, Entry>();
  const entryFor = (m: RosterMessage): Entry => {
    const group = groupOf(m.customerId);
    let entry = byGroup.get(group);
    if (!entry) {
      entry = { customerId: m.customerId, conversationId: m.conversationId, askedAt: null, keyword: null, lastInboundAt: null, answeredAt: null, markedAnswered: false, wroteAgain: false, lastInboundConversation: null };
      byGroup.set(group, entry);
    }
    return entry;
  };
  // Replies read together: per customer group and conversation, the words of the replies sent
  // within TOGETHER_MS of the first of them.
  const together = new Map<string, { from: number; words: Set<string> }>();
  const sorted = [...messages].filter((m) => m.sentAt >= incident.since && m.sentAt <= end).sort((a, b) => a.sentAt - b.sentAt);
  for (const m of sorted) {
    if (m.direction === 'in') {
      const keyword = matches(m.text);
      const known = byGroup.get(groupOf(m.customerId));
      if (!known && !keyword) continue;
      const entry = known ?? entryFor(m);
      if (entry.askedAt === null && keyword) {
        entry.askedAt = m.sentAt;
        entry.keyword = keyword;
      }
      entry.lastInboundAt = m.sentAt;
      entry.lastInboundConversation = m.conversationId;
      if (entry.answeredAt !== null) entry.wroteAgain = true;
    } else if (m.direction === 'out') {
      const key = `${groupOf(m.customerId)}\n${m.conversationId}`;
      let run = together.get(key);
      if (!run || m.sentAt - run.from > TOGETHER_MS) together.set(key, (run = { from: m.sentAt, words: new Set() }));
      const own = replyWords(m.text);
      for (const w of own) run.words.add(w);
      if (!carries(own) && !carriesTogether(run.words)) continue;
      const entry = entryFor(m);
      if (entry.answeredAt === null) {
        entry.answeredAt = m.sentAt;
        entry.wroteAgain = false;
      }
    }
  }
  // The agent's marks: over what the messages say, latest mark per customer.
  const notAffected = new Set<string>();
  for (const mark of [...(incident.marks ?? [])].sort((a, b) => a.at - b.at)) {
    const group = groupOf(mark.customerId);
    if (mark.kind === 'not-affected') {
      notAffected.add(group);
      continue;
    }
    notAffected.delete(group);
    const entry = byGroup.get(group) ?? entryFor({ customerId: mark.customerId, conversationId: '', direction: 'out', text: '', sentAt: mark.at });
    if (entry.answeredAt === null) {
      entry.answeredAt = mark.at;
      entry.markedAnswered = true;
      entry.wroteAgain = entry.lastInboundAt !== null && entry.lastInboundAt > mark.at;
    }
  }
  const roster: Roster = { waiting: [], answered: [], notAffected: [] };
  for (const [group, { lastInboundConversation, ...entry }] of byGroup) {
    const out = { ...entry, conversationId: lastInboundConversation ?? entry.conversationId };
    (notAffected.has(group) ? roster.notAffected : out.answeredAt === null ? roster.waiting : roster.answered).push(out);
  }
  roster.waiting.sort((a, b) => (a.askedAt ?? 0) - (b.askedAt ?? 0));
  roster.answered.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0));
  return roster;
}

/** Keywords as the agent types them: one per line or comma, trimmed, each once (case and accents ignored). */
export function parseKeywords(input: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of input.split(/[,\n;]/u)) {
    const k = raw.trim().replace(/\s+/gu, ' ');
    const key = fold(k);
    if (!k || seen.has(key)) continue;
    seen.add(key);
    out.push(k);
  }
  return out;
}

export interface IncidentStatus {
  /** The keyword one of the customer's messages matched; null when none did. */
  keyword: string | null;
  /** When a reply carrying the answer was first sent to them (or they were marked answered); null if never. */
  answeredAt: number | null;
  /** The agent marked them not affected. */
  notAffected: boolean;
}

/** Where one person (all their linked records' messages, any order) stands with an incident. */
export function incidentStatus(incident: IncidentDefinition, messages: Iterable<RosterMessage>, customerIds: readonly string[]): IncidentStatus {
  const ids = new Set(customerIds);
  const roster = incidentRoster(
    { ...incident, marks: (incident.marks ?? []).filter((m) => ids.has(m.customerId)) },
    [...messages].filter((m) => ids.has(m.customerId)),
    () => 'person',
  );
  const entry = roster.waiting[0] ?? roster.answered[0] ?? roster.notAffected[0];
  return { keyword: entry?.keyword ?? null, answeredAt: entry?.answeredAt ?? null, notAffected: roster.notAffected.length > 0 };
}

/** The answer for a customer writing in `language`: theirs when the incident has it, else the first. */
export function answerFor(incident: Pick<IncidentDefinition, 'answers'>, language: string | undefined): IncidentAnswer | undefined {
  return incident.answers.find((a) => a.language === language) ?? incident.answers[0];
}
