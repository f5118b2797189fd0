import { useState } from 'react';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { listIncidents, type Incident } from '../../lib/db/repositories/incidents';
import { incidentStatus, type IncidentStatus } from '../../lib/incidents/roster';
import type { Suggestion } from '../../lib/suggest/engine';
import type { FillResult } from '../../lib/suggest/variables';
import { t, formatRelative } from '../../lib/i18n';

export type IncidentState = IncidentStatus & { incident: Incident };

/**
 * The brand's active known issues as they stand for this customer, read from their recorded
 * messages (live: a new message naming the issue, or the answer being sent, updates it).
 */
export function useIncidentStates(db: CasesideDb, brandId: string, customerId: string): IncidentState[] | undefined {
  return useLiveQuery(async () => {
    const active = (await listIncidents(db, brandId)).filter((i) => i.endedAt === null);
    if (!active.length) return [];
    const since = Math.min(...active.map((i) => i.since));
    const messages = await db.messages.where('[customerId+sentAt]').between([customerId, since], [customerId, Dexie.maxKey]).toArray();
    return active.map((incident) => ({ incident, ...incidentStatus(incident, messages) }));
  }, [db, brandId, customerId]);
}

/** A known issue's answer as a suggestion card, filled for this customer. */
export function incidentSuggestion(state: IncidentState, prefill: (body: string) => FillResult, now: number): Suggestion {
  const { incident, keyword, answeredAt } = state;
  const filled = prefill(incident.answer);
  const why = [
    keyword ? t('incident.why', { title: incident.title, keyword }) : t('incident.whyChosen', { title: incident.title }),
    answeredAt !== null ? t('incident.alreadyAnswered', { when: formatRelative(answeredAt, now) }) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  return { id: `incident:${incident.id}`, source: 'incident', text: filled.text, unresolved: filled.unresolved, why, score: 0 };
}

/**
 * Splits the known issues for the Replies tab: the answers this customer is waiting for (shown
 * before every other suggestion), the ones already sent to them (shown after: they are most
 * likely asking something else now), and the rest, offered by title for the agent to open (the
 * customer may describe the issue in words the incident does not list).
 */
export function IncidentCards(props: {
  states: IncidentState[];
  prefill: (body: string) => FillResult;
  card: (s: Suggestion) => React.ReactNode;
  now: number;
  children: React.ReactNode;
}) {
  const [opened, setOpened] = useState<ReadonlySet<string>>(new Set());
  const { states, prefill, card, now } = props;
  const named = (s: IncidentState) => s.keyword !== null || s.answeredAt !== null;
  const first = states.filter((s) => s.keyword !== null && s.answeredAt === null).map((s) => incidentSuggestion(s, prefill, now));
  // Already answered, or opened by the agent from the titles below.
  const after = states.filter((s) => s.answeredAt !== null || (!named(s) && opened.has(s.incident.id))).map((s) => incidentSuggestion(s, prefill, now));
  const others = states.filter((s) => !named(s) && !opened.has(s.incident.id));
  return (
    <>
      {first.length ? <ul className="cs-list" data-testid="incident-cards">{first.map(card)}</ul> : null}
      {props.children}
      {after.length ? <ul className="cs-list" data-testid="incident-cards-answered">{after.map(card)}</ul> : null}
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
