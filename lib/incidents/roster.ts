/**
 * Known issues ("incidents"): a diverted flight, an outage — many customers ask the same thing at
 * once. The agent writes one answer; each customer whose messages name the issue is listed, and
 * each is "answered" once a reply carrying that answer has been sent to them (seen in the
 * recorded messages, whatever way it was written: inserted from the card, typed, pasted).
 *
 * Pure functions over stored messages: no storage, no clock.
 */
import { fold, terms, words } from '../suggest/text';
import { placeholders } from '../suggest/variables';

export interface IncidentDefinition {
  keywords: readonly string[];
  /** The answer as a template (variables such as {{customer.first_name}} allowed). */
  answer: string;
  /** Messages from this time on count. */
  since: number;
  /** Ended incidents stop at this time; null while active. */
  endedAt: number | null;
}

/** The fields of a stored message the roster reads. */
export interface RosterMessage {
  customerId: string;
  conversationId: string;
  /** 'unknown' (a message whose side the page did not show) counts as neither. */
  direction: 'in' | 'out' | 'unknown';
  text: string;
  sentAt: number;
}

const phrase = (text: string) => ` ${words(text).join(' ')} `;

/**
 * A matcher for the incident's keywords: whole words, case and accents ignored ("DESVIADO" and
 * "desviado" match "desviado"; "IB123" does not match "IB1234"). A keyword of several words
 * matches them in a row. Returns the keyword matched first, or null.
 */
export function keywordMatcher(keywords: readonly string[]): (text: string) => string | null {
  const wanted = keywords.map((k) => ({ keyword: k, words: phrase(k) })).filter((k) => k.words.trim());
  return (text) => {
    if (!wanted.length) return null;
    const haystack = phrase(text);
    return wanted.find((k) => haystack.includes(k.words))?.keyword ?? null;
  };
}

/**
 * A test for "this reply carries the answer": at least 60% of the answer's topic words (its
 * placeholders and function words left out; stems, so "delays"/"delayed" meet) appear in the
 * reply. The agent may personalise or shorten the answer and it still counts; a reply on
 * another subject does not. An answer with fewer than 2 topic words cannot be recognised.
 */
export function answerMatcher(answer: string): (text: string) => boolean {
  let plain = answer;
  for (const p of placeholders(answer)) plain = plain.split(`{{${p}}}`).join(' ');
  plain = plain.replace(/\{\{[^}]*\}\}/gu, ' ');
  const wanted = [...new Set(terms(plain))];
  if (wanted.length < 2) return () => false;
  const needed = Math.ceil(wanted.length * 0.6);
  return (text) => {
    const have = new Set(terms(text));
    let hits = 0;
    for (const w of wanted) if (have.has(w) && ++hits >= needed) return true;
    return false;
  };
}

export interface RosterEntry {
  customerId: string;
  /** The conversation to open: where the customer last asked, else where they were answered. */
  conversationId: string;
  /** The customer's first message naming the issue; null when only an answer was seen. */
  askedAt: number | null;
  /** The keyword their message matched. */
  keyword: string | null;
  /** The customer's last message in the incident's time (any subject). */
  lastInboundAt: number | null;
  /** The first reply carrying the answer; null while they wait. */
  answeredAt: number | null;
  /** They wrote again after being answered. */
  wroteAgain: boolean;
}

export interface Roster {
  waiting: RosterEntry[];
  answered: RosterEntry[];
}

/**
 * Who is affected by the incident and who has been answered, from the brand's messages (any
 * order). Affected: a customer message in the incident's time naming a keyword, or a reply
 * carrying the answer sent to them (the agent recognised the case by hand). Waiting: longest
 * waiting first; answered: most recently answered first.
 */
export function incidentRoster(incident: IncidentDefinition, messages: Iterable<RosterMessage>): Roster {
  const matches = keywordMatcher(incident.keywords);
  const carries = answerMatcher(incident.answer);
  const end = incident.endedAt ?? Infinity;
  const byCustomer = new Map<string, RosterEntry & { lastInboundConversation: string | null }>();
  const sorted = [...messages].filter((m) => m.sentAt >= incident.since && m.sentAt <= end).sort((a, b) => a.sentAt - b.sentAt);
  for (const m of sorted) {
    let entry = byCustomer.get(m.customerId);
    if (m.direction === 'in') {
      const keyword = matches(m.text);
      if (!entry && keyword) {
        entry = { customerId: m.customerId, conversationId: m.conversationId, askedAt: m.sentAt, keyword, lastInboundAt: null, answeredAt: null, wroteAgain: false, lastInboundConversation: null };
        byCustomer.set(m.customerId, entry);
      }
      if (!entry) continue;
      if (entry.askedAt === null && keyword) {
        entry.askedAt = m.sentAt;
        entry.keyword = keyword;
      }
      entry.lastInboundAt = m.sentAt;
      entry.lastInboundConversation = m.conversationId;
      if (entry.answeredAt !== null) entry.wroteAgain = true;
    } else if (m.direction === 'out' && carries(m.text)) {
      if (!entry) {
        entry = { customerId: m.customerId, conversationId: m.conversationId, askedAt: null, keyword: null, lastInboundAt: null, answeredAt: null, wroteAgain: false, lastInboundConversation: null };
        byCustomer.set(m.customerId, entry);
      }
      if (entry.answeredAt === null) {
        entry.answeredAt = m.sentAt;
        entry.wroteAgain = false;
      }
    }
  }
  const waiting: RosterEntry[] = [];
  const answered: RosterEntry[] = [];
  for (const { lastInboundConversation, ...entry } of byCustomer.values()) {
    const out = { ...entry, conversationId: lastInboundConversation ?? entry.conversationId };
    (out.answeredAt === null ? waiting : answered).push(out);
  }
  waiting.sort((a, b) => (a.askedAt ?? 0) - (b.askedAt ?? 0));
  answered.sort((a, b) => (b.answeredAt ?? 0) - (a.answeredAt ?? 0));
  return { waiting, answered };
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
  /** When a reply carrying the answer was first sent to them; null if never. */
  answeredAt: number | null;
}

/** Where one customer stands with an incident, from their own messages (any order). */
export function incidentStatus(incident: IncidentDefinition, messages: Iterable<RosterMessage>): IncidentStatus {
  const roster = incidentRoster(incident, messages);
  const entry = roster.waiting[0] ?? roster.answered[0];
  return { keyword: entry?.keyword ?? null, answeredAt: entry?.answeredAt ?? null };
}
