import { useState } from 'react';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { listIncidents, type Incident } from '../../lib/db/repositories/incidents';
import { answerFor, answerMatcher, answerWordings, incidentStatus, type IncidentStatus } from '../../lib/incidents/roster';
import { apologises, type Suggestion } from '../../lib/suggest/engine';
import type { FillResult } from '../../lib/suggest/variables';
import { t, formatRelative } from '../../lib/i18n';

export type IncidentState = IncidentStatus & { incident: Incident };

/** How much of an answer a past reply must carry to count as a repeat of it (stricter than "answered"). */
const ENGINE_REPEAT_SHARE = 0.7;

/**
 * The brand's active known issues as they stand for this person (their linked records too), read
 * from their recorded messages (live: a new message naming the issue, or the answer being sent,
 * updates it).
 */
export function useIncidentStates(db: CasesideDb, brandId: string, customerId: string): IncidentState[] | undefined {
  return useLiveQuery(async () => {
    const active = (await listIncidents(db, brandId)).filter((i) => i.endedAt === null);
    if (!active.length) return [];
    const customer = await db.customers.get(customerId);
    const ids = [customerId, ...(customer?.linkedCustomerIds ?? [])];
    const since = Math.min(...active.map((i) => i.since));
    const messages = (await Promise.all(ids.map((id) => db.messages.where('[customerId+sentAt]').between([id, since], [id, Dexie.maxKey]).toArray()))).flat();
    return active.map((incident) => ({ incident, ...incidentStatus(incident, messages, ids) }));
  }, [db, brandId, customerId]);
}

/**
 * A known issue's answer as a suggestion card: in the customer's language when the incident has
 * it, filled for them, and after an apology opener when they are upset and the answer has none.
 */
export function incidentSuggestion(
  state: IncidentState,
  prefill: (body: string) => FillResult,
  now: number,
  options: { language?: string; apologise?: (language: string, text: string) => string } = {},
): Suggestion {
  const { incident, keyword, answeredAt } = state;
  const answer = answerFor(incident, options.language);
  const filled = prefill(answer?.text ?? '');
  // The apology is in the answer's language (a Spanish customer may get the English answer when
  // the incident has no Spanish one).
  const opener = answer && options.apologise && !apologises(filled.text) ? options.apologise : null;
  const why = [
    keyword ? t('incident.why', { title: incident.title, keyword }) : t('incident.whyChosen', { title: incident.title }),
    opener ? t('incident.openerAdded') : '',
    answeredAt !== null ? t('incident.alreadyAnswered', { when: formatRelative(answeredAt, now) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { id: `incident:${incident.id}`, source: 'incident', text: opener && answer ? opener(answer.language, filled.text) : filled.text, unresolved: filled.unresolved, why, score: 0 };
}

/**
 * The Replies tab's list with the known issues in it: the answers this customer is waiting for
 * first, then the engine's suggestions (without those that repeat an incident's answer: the
 * engine learns the answers as they are sent, and an old wording would bring back old facts),
 * then the answers already sent to them (they are most likely asking something else now), and
 * the other issues by title, for the agent to open (the customer may describe the issue in words
 * the incident does not list, or was marked not affected).
 */
export function IncidentCards(props: {
  states: IncidentState[];
  prefill: (body: string) => FillResult;
  card: (s: Suggestion) => React.ReactNode;
  now: number;
  /** The customer's language ('en', 'es'). */
  language?: string;
  /** A reply with the apology first, in a language, when the customer is upset (withApology). */
  apologise?: (language: string, text: string) => string;
  /** The engine's suggestions; null while it is not ready. */
  suggestions: Suggestion[] | null;
  /** Shown in place of the engine's list when it has nothing left to show (or failed). */
  empty: React.ReactNode;
}) {
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const { states, prefill, card, now } = props;
  const options = { language: props.language, apologise: props.apologise };
  const named = (s: IncidentState) => !s.notAffected && (s.keyword !== null || s.answeredAt !== null);
  const first = states.filter((s) => named(s) && s.answeredAt === null).map((s) => incidentSuggestion(s, prefill, now, options));
  // Already answered, or opened by the agent from the titles below.
  const after = states.filter((s) => (named(s) && s.answeredAt !== null) || (!named(s) && opened.has(s.incident.id))).map((s) => incidentSuggestion(s, prefill, now, options));
  const others = states.filter((s) => !named(s) && !opened.has(s.incident.id));
  // A past reply that is this customer's incident answer sent before (to someone else) is not
  // offered beside the card: it may carry an old wording. Templates and articles always stay.
  const mine = states.filter(named);
  const repeats = answerMatcher(
    mine.flatMap((s) => answerWordings(s.incident)),
    { keywords: mine.flatMap((s) => s.incident.keywords), share: ENGINE_REPEAT_SHARE },
  );
  const engine = props.suggestions?.filter((s) => s.source !== 'past-reply' || !repeats(s.text)) ?? null;
  return (
    <>
      {first.length ? (
        <ul className="cs-list" data-testid="incident-cards">
          {first.map(card)}
        </ul>
      ) : null}
      {engine?.length ? <ul className="cs-list">{engine.map(card)}</ul> : props.empty}
      {after.length ? (
        <ul className="cs-list" data-testid="incident-cards-answered">
          {after.map(card)}
        </ul>
      ) : null}
      {others.length ? (
        <p className="cs-row cs-muted" data-testid="incident-others">
          {t('incident.others')}{' '}
          {others.map((s) => (
            <button key={s.incident.id} onClick={() => setOpened(new Set([...opened, s.incident.id]))}>
              {t('incident.show', { title: s.incident.title })}
            </button>
          ))}
        </p>
      ) : null}
    </>
  );
}
