import { useId, useState } from 'react';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { Conversation, Customer } from '../../lib/db/records';
import { deleteIncident, endIncident, listIncidents, saveIncident, type Incident } from '../../lib/db/repositories/incidents';
import { incidentRoster, parseKeywords, type Roster, type RosterEntry } from '../../lib/incidents/roster';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { FormFooter } from '../../components/FormFooter';
import { t, formatDateTime, formatRelative, type MessageKey } from '../../lib/i18n';

/** Messages read per roster: an incident bigger than this shows a note that the list is partial. */
export const ROSTER_MESSAGE_LIMIT = 20_000;
/** A new incident covers the messages of the last hours: customers write before the agent declares it. */
const DEFAULT_LOOKBACK_MS = 6 * 3_600_000;

/** `<input type="datetime-local">` value of a time, in the browser's time zone. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

interface RosterView {
  roster: Roster;
  customers: Map<string, Customer>;
  conversations: Map<string, Conversation>;
}

/**
 * Known issues of the brand, in its Work list: declare one (what happened, the words customers
 * use, the answer, since when), then see who wrote about it and who has already been answered,
 * each with a link to their conversation. The answer itself is offered on the Replies tab of each
 * affected conversation (IncidentCards).
 */
export function IncidentsSection({ db, brandId, now }: { db: CasesideDb; brandId: string; now: number }) {
  const [editing, setEditing] = useState<'new' | string | null>(null);
  const data = useLiveQuery(async () => {
    const incidents = await listIncidents(db, brandId);
    const active = incidents.filter((i) => i.endedAt === null);
    const rosters = new Map<string, RosterView>();
    let truncated = false;
    if (active.length) {
      const since = Math.min(...active.map((i) => i.since));
      const messages = await db.messages.where('[brandId+sentAt]').between([brandId, since], [brandId, Dexie.maxKey]).limit(ROSTER_MESSAGE_LIMIT).toArray();
      truncated = messages.length >= ROSTER_MESSAGE_LIMIT;
      const built = active.map((i) => [i.id, incidentRoster(i, messages)] as const);
      const entries = built.flatMap(([, r]) => [...r.waiting, ...r.answered]);
      const customers = new Map((await db.customers.bulkGet([...new Set(entries.map((e) => e.customerId))])).flatMap((c) => (c && c.brandId === brandId ? [[c.id, c] as const] : [])));
      const conversations = new Map((await db.conversations.bulkGet([...new Set(entries.map((e) => e.conversationId))])).flatMap((c) => (c ? [[c.id, c] as const] : [])));
      for (const [id, roster] of built) rosters.set(id, { roster, customers, conversations });
    }
    return { incidents, rosters, truncated };
  }, [db, brandId]);
  const notify = usePanelStore((s) => s.notify);
  const fail = (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) });
  if (!data) return null;
  const active = data.incidents.filter((i) => i.endedAt === null);
  const ended = data.incidents.filter((i) => i.endedAt !== null);
  return (
    <section className="cs-incidents" aria-labelledby={`incidents-${brandId}`}>
      <div className="cs-row">
        <h3 id={`incidents-${brandId}`} className="cs-subtitle">
          {t('incident.title')}
        </h3>
        {editing === null ? <button onClick={() => setEditing('new')}>{t('incident.new')}</button> : null}
      </div>
      {editing === 'new' ? (
        <IncidentForm
          initial={{ title: '', keywords: [], answer: '', since: now - DEFAULT_LOOKBACK_MS }}
          onCancel={() => setEditing(null)}
          onSave={async (input) => {
            await saveIncident(db, brandId, input);
            setEditing(null);
          }}
        />
      ) : null}
      {data.truncated ? <p className="cs-muted">{t('incident.truncated', { count: ROSTER_MESSAGE_LIMIT.toLocaleString() })}</p> : null}
      <ul className="cs-list" data-testid="incidents">
        {active.map((incident) =>
          editing === incident.id ? (
            <li key={incident.id}>
              <IncidentForm
                initial={incident}
                onCancel={() => setEditing(null)}
                onSave={async (input) => {
                  await saveIncident(db, brandId, { ...input, id: incident.id });
                  setEditing(null);
                }}
              />
            </li>
          ) : (
            <ActiveIncident
              key={incident.id}
              incident={incident}
              view={data.rosters.get(incident.id)}
              now={now}
              onEdit={() => setEditing(incident.id)}
              onEnd={() => void endIncident(db, brandId, incident.id).catch(fail)}
            />
          ),
        )}
      </ul>
      {ended.length ? (
        <details>
          <summary>{t('incident.ended', { count: ended.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incidents-ended">
            {ended.map((incident) => (
              <EndedIncident
                key={incident.id}
                incident={incident}
                onReopen={() => void endIncident(db, brandId, incident.id, false).catch(fail)}
                onDelete={() => void deleteIncident(db, brandId, incident.id).catch(fail)}
              />
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}

function ActiveIncident({ incident, view, now, onEdit, onEnd }: { incident: Incident; view: RosterView | undefined; now: number; onEdit: () => void; onEnd: () => void }) {
  const waiting = view?.roster.waiting ?? [];
  const answered = view?.roster.answered ?? [];
  const row = (e: RosterEntry, status: React.ReactNode) => {
    const customer = view?.customers.get(e.customerId);
    const url = view?.conversations.get(e.conversationId)?.url;
    const name = customer?.displayName || customer?.identities.find((i) => i.handle)?.handle || t('customer.unknownName');
    return (
      <li key={e.customerId}>
        <strong>{name}</strong> · <span className="cs-muted">{status}</span>{' '}
        {url && /^https:\/\//.test(url) ? (
          <a href={url} target="_top" rel="noopener noreferrer" aria-label={`${t('history.openConversation')}: ${name}`}>
            {t('history.openConversation')}
          </a>
        ) : null}
      </li>
    );
  };
  return (
    <li data-testid="incident">
      <strong>{incident.title}</strong>
      <div className="cs-muted">
        {t('incident.since', { time: formatDateTime(incident.since) })} ·{' '}
        {incident.keywords.length ? t('incident.keywords', { words: incident.keywords.join(', ') }) : t('incident.noKeywords')}
      </div>
      <div data-testid="incident-counts">
        {t('incident.counts', {
          affected: (waiting.length + answered.length).toLocaleString(),
          answered: answered.length.toLocaleString(),
          waiting: waiting.length.toLocaleString(),
        })}
      </div>
      {waiting.length ? (
        <details open>
          <summary>{t('incident.waiting', { count: waiting.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incident-waiting">
            {waiting.map((e) => row(e, t('incident.askedWhen', { when: formatRelative(e.askedAt ?? now, now) })))}
          </ul>
        </details>
      ) : null}
      {answered.length ? (
        <details>
          <summary>{t('incident.answered', { count: answered.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incident-answered">
            {answered.map((e) =>
              row(e, `${t('incident.answeredWhen', { when: formatRelative(e.answeredAt ?? now, now) })}${e.wroteAgain ? ` · ${t('incident.wroteAgain')}` : ''}`),
            )}
          </ul>
        </details>
      ) : null}
      <div className="cs-row">
        <button onClick={onEdit} aria-label={`${t('incident.edit')}: ${incident.title}`}>
          {t('incident.edit')}
        </button>
        <button onClick={onEnd} aria-label={`${t('incident.end')}: ${incident.title}`}>
          {t('incident.end')}
        </button>
      </div>
    </li>
  );
}

function EndedIncident({ incident, onReopen, onDelete }: { incident: Incident; onReopen: () => void; onDelete: () => void }) {
  const [confirming, setConfirming] = useState(false);
  return (
    <li>
      <strong>{incident.title}</strong> <span className="cs-muted">{t('incident.endedAt', { time: formatDateTime(incident.endedAt ?? incident.updatedAt) })}</span>
      <div className="cs-row">
        <button onClick={onReopen} aria-label={`${t('incident.reopen')}: ${incident.title}`}>
          {t('incident.reopen')}
        </button>
        {confirming ? (
          <ConfirmDialog label={t('incident.delete')} text={t('incident.confirmDelete')} confirmLabel={t('incident.delete')} onConfirm={onDelete} onCancel={() => setConfirming(false)} />
        ) : (
          <button onClick={() => setConfirming(true)} aria-label={`${t('incident.delete')}: ${incident.title}`}>
            {t('incident.delete')}
          </button>
        )}
      </div>
    </li>
  );
}

type FormInput = { title: string; keywords: string[]; answer: string; since: number };

/** What is wrong with the form, in the agent's words (the first problem only), or null. */
function formProblem(input: FormInput): MessageKey | null {
  if (!input.title.trim()) return 'incident.error.title';
  if (!input.answer.trim()) return 'incident.error.answer';
  if (!Number.isFinite(input.since)) return 'incident.error.since';
  return null;
}

function IncidentForm({ initial, onSave, onCancel }: { initial: FormInput; onSave: (input: FormInput) => Promise<void>; onCancel: () => void }) {
  const [title, setTitle] = useState(initial.title);
  const [keywords, setKeywords] = useState(initial.keywords.join(', '));
  const [answer, setAnswer] = useState(initial.answer);
  const [since, setSince] = useState(toLocalInput(initial.since));
  const [problem, setProblem] = useState<string | null>(null);
  const once = useOneAtATime();
  const ids = { title: useId(), keywords: useId(), answer: useId(), since: useId(), keywordsHint: useId(), answerHint: useId() };
  return (
    <form
      className="cs-incident-form"
      aria-label={initial.title ? `${t('incident.edit')}: ${initial.title}` : t('incident.new')}
      onSubmit={(e) => {
        e.preventDefault();
        const input = { title: title.trim(), keywords: parseKeywords(keywords), answer: answer.trim(), since: new Date(since).getTime() };
        const wrong = formProblem(input);
        if (wrong) {
          setProblem(t(wrong));
          return;
        }
        setProblem(null);
        void once.run(() => onSave(input).catch((err: unknown) => setProblem(saveFailedText(err))));
      }}
    >
      <label htmlFor={ids.title}>{t('incident.field.title')}</label>
      <input id={ids.title} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={ids.keywords}>{t('incident.field.keywords')}</label>
      <input id={ids.keywords} value={keywords} aria-describedby={ids.keywordsHint} onChange={(e) => setKeywords(e.target.value)} />
      <p id={ids.keywordsHint} className="cs-muted">
        {t('incident.field.keywordsHint')}
      </p>
      <label htmlFor={ids.answer}>{t('incident.field.answer')}</label>
      <textarea id={ids.answer} value={answer} maxLength={5000} aria-describedby={ids.answerHint} onChange={(e) => setAnswer(e.target.value)} />
      <p id={ids.answerHint} className="cs-muted">
        {t('incident.field.answerHint')}
      </p>
      <label htmlFor={ids.since}>{t('incident.field.since')}</label>
      <input id={ids.since} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
      <FormFooter error={problem} saveLabel={t('incident.save')} onCancel={onCancel} busy={once.busy} />
    </form>
  );
}
