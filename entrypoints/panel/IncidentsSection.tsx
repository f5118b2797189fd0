import { useEffect, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { Brand } from '../../lib/db/records';
import { deleteIncident, endIncident, listIncidents, markIncidentCustomer, saveIncident, type Incident } from '../../lib/db/repositories/incidents';
import type { Roster, RosterEntry } from '../../lib/incidents/roster';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { readFailureReason } from '../../lib/db/errors';
import { isHttpsUrl } from '../../lib/https-url';
import { useReturnFocus } from '../../components/use-return-focus';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { t, formatDateTime, formatRelative, type MessageKey } from '../../lib/i18n';
import { IncidentForm } from './IncidentForm';
import { computeRosters, ROSTER_MESSAGE_LIMIT, useRosters, type RostersState } from './use-rosters';

/** A new incident covers the messages of the last hours: customers write before the agent declares it. */
const DEFAULT_LOOKBACK_MS = 6 * 3_600_000;

/** "3 affected · 2 answered · 1 waiting". */
const countsText = (roster: Roster) =>
  t('incident.counts', {
    affected: (roster.waiting.length + roster.answered.length).toLocaleString(),
    answered: roster.answered.length.toLocaleString(),
    waiting: roster.waiting.length.toLocaleString(),
  });
/**
 * Known issues of the brand, in its Work list: declare one (what happened, the words customers
 * use, the answer in English and/or Spanish, since when), then see who wrote about it and who has
 * already been answered, each with a link to their conversation, and mark a customer answered or
 * not affected by hand. The answer itself is offered on the Replies tab of each affected
 * conversation (IncidentCards).
 */
export function IncidentsSection({ db, brandId, now }: { db: CasesideDb; brandId: string; now: number }) {
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const incidents = useLiveQuery(() => listIncidents(db, brandId), [db, brandId]);
  const brand = useLiveQuery(() => db.brands.get(brandId), [db, brandId]);
  const active = incidents?.filter((i) => i.endedAt === null);
  const { state, error: rosterError } = useRosters(db, brandId, active);
  const notify = usePanelStore((s) => s.notify);
  const fail = (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) });
  const newButton = useRef<HTMLButtonElement>(null);
  useReturnFocus(editing === 'new', newButton);
  if (!incidents) return null;
  const ended = incidents.filter((i) => i.endedAt !== null);
  return (
    <section className="cs-incidents" aria-labelledby={`incidents-${brandId}`}>
      <div className="cs-row">
        <h3 id={`incidents-${brandId}`} className="cs-subtitle" tabIndex={-1}>
          {t('incident.title')}
        </h3>
        {editing !== 'new' ? (
          <button ref={newButton} onClick={() => setEditing('new')}>
            {t('incident.new')}
          </button>
        ) : null}
      </div>
      {editing === 'new' ? (
        <IncidentForm
          brand={brand ?? null}
          initial={{ title: '', keywords: [], answers: [], since: now - DEFAULT_LOOKBACK_MS }}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await saveIncident(db, brandId, input);
            setEditing(null);
          }}
        />
      ) : null}
      {rosterError ? (
        <p className="cs-danger" role="alert">
          {t('incident.rosterFailed', { reason: rosterError })}
        </p>
      ) : null}
      <ul className="cs-list" data-testid="incidents">
        {active?.map((incident) => (
          <ActiveIncident
            key={incident.id}
            db={db}
            brandId={brandId}
            brand={brand ?? null}
            incident={incident}
            state={state}
            now={now}
            editing={editing === incident.id}
            setEditing={(on) => setEditing(on ? incident.id : null)}
            fail={fail}
          />
        ))}
      </ul>
      {ended.length ? (
        <details>
          <summary>{t('incident.ended', { count: ended.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incidents-ended">
            {ended.map((incident) => (
              <li key={incident.id}>
                <strong>{incident.title}</strong>{' '}
                <span className="cs-muted">{t('incident.endedAt', { time: formatDateTime(incident.endedAt ?? incident.updatedAt) })}</span>
                <EndedOutcome db={db} brandId={brandId} incident={incident} now={now} />
                <div className="cs-row">
                  <button onClick={() => void endIncident(db, brandId, incident.id, false).catch(fail)} aria-label={`${t('incident.reopen')}: ${incident.title}`}>
                    {t('incident.reopen')}
                  </button>
                  <ConfirmDelete what={incident.title} onDelete={() => deleteIncident(db, brandId, incident.id)} onError={fail} />
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

/**
 * An ended issue's outcome, worked out when the agent asks (its messages are read once, not
 * followed): how many were affected, answered and left waiting when it ended, and who.
 */
function EndedOutcome({ db, brandId, incident, now }: { db: CasesideDb; brandId: string; incident: Incident; now: number }) {
  const [outcome, setOutcome] = useState<{ state: RostersState; roster: Roster } | { error: string } | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || outcome !== null) return;
    let alive = true;
    computeRosters(db, brandId, [incident]).then(
      (state) => {
        const roster = state.rosters.get(incident.id)?.roster;
        if (alive && roster) setOutcome({ state, roster });
      },
      (e: unknown) => alive && setOutcome({ error: t('incident.rosterFailed', { reason: readFailureReason(e) }) }),
    );
    return () => {
      alive = false;
    };
  }, [open, outcome, db, brandId, incident]);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('incident.outcome')}</summary>
      <p data-testid="incident-outcome" aria-live="polite">
        {outcome === null ? t('incident.counting') : 'error' in outcome ? outcome.error : countsText(outcome.roster)}
      </p>
      {outcome && 'roster' in outcome ? <RosterLists state={outcome.state} roster={outcome.roster} now={now} ended /> : null}
    </details>
  );
}

/** A roster entry's actions in each of its lists; none for an ended issue. */
interface RosterActions {
  waiting: (e: RosterEntry) => React.ReactNode;
  answered: (e: RosterEntry) => React.ReactNode;
  notAffected: (e: RosterEntry) => React.ReactNode;
}

/**
 * A roster's three lists (waiting, answered, not affected), each person with a link to their
 * conversation; the waiting list open, the others collapsed, an empty one left out. For an
 * ended issue the waiting list is the people it ended without answering.
 */
function RosterLists({ state, roster, now, actions, ended = false }: { state: RostersState | null; roster: Roster | undefined; now: number; actions?: RosterActions; ended?: boolean }) {
  const row = (e: RosterEntry, status: string, rowActions: React.ReactNode) => {
    const customer = state?.customers.get(e.customerId);
    const url = state?.conversations.get(e.conversationId)?.url;
    const name = customer?.displayName || customer?.identities.find((i) => i.handle)?.handle || t('customer.unknownName');
    return (
      <li key={e.customerId}>
        <strong>{name}</strong> · <span className="cs-muted">{status}</span>{' '}
        {isHttpsUrl(url) ? (
          <a href={url} target="_top" rel="noopener noreferrer" aria-label={`${t('history.openConversation')}: ${name}`}>
            {t('history.openConversation')}
          </a>
        ) : null}
        {rowActions ? <div className="cs-row">{rowActions}</div> : null}
      </li>
    );
  };
  const list = (entries: RosterEntry[], title: MessageKey, testId: string, open: boolean, status: (e: RosterEntry) => string, rowActions?: (e: RosterEntry) => React.ReactNode) =>
    entries.length ? (
      <details open={open}>
        <summary>{t(title, { count: entries.length.toLocaleString() })}</summary>
        <ul className="cs-list" data-testid={testId}>
          {entries.map((e) => row(e, status(e), rowActions?.(e)))}
        </ul>
      </details>
    ) : null;
  return (
    <>
      {list(
        roster?.waiting ?? [],
        ended ? 'incident.leftWaiting' : 'incident.waiting',
        'incident-waiting',
        !ended,
        (e) => (e.askedAt !== null ? t('incident.askedWhen', { when: formatRelative(e.askedAt, now) }) : ''),
        actions?.waiting,
      )}
      {list(
        roster?.answered ?? [],
        'incident.answered',
        'incident-answered',
        false,
        (e) =>
          [t(e.markedAnswered ? 'incident.markedAnsweredWhen' : 'incident.answeredWhen', { when: formatRelative(e.answeredAt ?? now, now) }), e.wroteAgain ? t('incident.wroteAgain') : '']
            .filter(Boolean)
            .join(' · '),
        actions?.answered,
      )}
      {list(roster?.notAffected ?? [], 'incident.notAffected', 'incident-not-affected', false, () => '', actions?.notAffected)}
    </>
  );
}

function ActiveIncident(props: {
  db: CasesideDb;
  brandId: string;
  brand: Brand | null;
  incident: Incident;
  state: RostersState | null;
  now: number;
  editing: boolean;
  setEditing: (on: boolean) => void;
  fail: (e: unknown) => void;
}) {
  const { db, brandId, incident, state, now, fail } = props;
  const editButton = useRef<HTMLButtonElement>(null);
  useReturnFocus(props.editing, editButton);
  const view = state?.rosters.get(incident.id);
  // A mark is about the person: every linked record of theirs (the row shows one of them).
  const mark = (customerId: string, kind: 'answered' | 'not-affected' | null) => {
    const linked = state?.customers.get(customerId)?.linkedCustomerIds ?? [];
    void markIncidentCustomer(db, brandId, incident.id, [customerId, ...linked], kind).catch(fail);
  };
  const named = (key: MessageKey, e: RosterEntry) => {
    const c = state?.customers.get(e.customerId);
    return `${t(key)}: ${c?.displayName || t('customer.unknownName')}`;
  };
  const markButton = (e: RosterEntry, kind: 'answered' | 'not-affected' | null, key: MessageKey) => (
    <button onClick={() => mark(e.customerId, kind)} aria-label={named(key, e)}>
      {t(key)}
    </button>
  );
  if (props.editing)
    return (
      <li>
        <IncidentForm
          brand={props.brand}
          initial={incident}
          onCancel={() => props.setEditing(false)}
          onSave={async (input) => {
            await saveIncident(db, brandId, { ...input, id: incident.id });
            props.setEditing(false);
          }}
        />
      </li>
    );
  return (
    <li data-testid="incident">
      <strong>{incident.title}</strong>
      <div className="cs-muted">
        {t('incident.since', { time: formatDateTime(incident.since) })} ·{' '}
        {incident.keywords.length ? t('incident.keywords', { words: incident.keywords.join(', ') }) : t('incident.noKeywords')}
      </div>
      <div data-testid="incident-counts" aria-live="polite">
        {view ? countsText(view.roster) : t('incident.counting')}
      </div>
      {view?.truncated ? <p className="cs-muted">{t('incident.truncated', { count: ROSTER_MESSAGE_LIMIT.toLocaleString() })}</p> : null}
      {now - incident.since > 48 * 3_600_000 ? <p className="cs-muted">{t('incident.longOpen')}</p> : null}
      <RosterLists
        state={state}
        roster={view?.roster}
        now={now}
        actions={{
          waiting: (e) => (
            <>
              {markButton(e, 'answered', 'incident.markAnswered')}
              {markButton(e, 'not-affected', 'incident.markNotAffected')}
            </>
          ),
          answered: (e) => (e.markedAnswered ? markButton(e, null, 'incident.undoMark') : null),
          notAffected: (e) => markButton(e, null, 'incident.undoMark'),
        }}
      />
      <div className="cs-row">
        <button ref={editButton} onClick={() => props.setEditing(true)} aria-label={`${t('incident.edit')}: ${incident.title}`}>
          {t('incident.edit')}
        </button>
        <button
          onClick={(ev) => {
            // The item leaves the list: focus goes to the section's heading, not the page's body.
            const heading = ev.currentTarget.closest('section')?.querySelector<HTMLElement>('h3');
            void endIncident(db, brandId, incident.id).then(() => heading?.focus(), fail);
          }}
          aria-label={`${t('incident.end')}: ${incident.title}`}
        >
          {t('incident.end')}
        </button>
      </div>
    </li>
  );
}
