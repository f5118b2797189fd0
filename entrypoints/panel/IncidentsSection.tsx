import { useCallback, useEffect, useId, useRef, useState } from 'react';
import Dexie from 'dexie';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import type { Brand, Conversation, Customer } from '../../lib/db/records';
import {
  deleteIncident,
  endIncident,
  listIncidents,
  markIncidentCustomer,
  saveIncident,
  TooManyIncidentsError,
  MAX_INCIDENTS,
  type Incident,
} from '../../lib/db/repositories/incidents';
import { answerWordCount, incidentRoster, MIN_ANSWER_WORDS, parseKeywords, usableKeyword, type Roster, type RosterEntry } from '../../lib/incidents/roster';
import { agentVariables, useAgentProfile } from '../../lib/panel/agent-profile';
import { fillTemplate } from '../../lib/suggest/variables';
import { xWeightedLength } from '../../lib/suggest/checks';
import { apologyOpener } from '../../lib/suggest/engine';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { readFailureReason } from '../../lib/db/errors';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useReturnFocus } from '../../components/use-return-focus';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { FormFooter } from '../../components/FormFooter';
import { t, formatDateTime, formatRelative, type MessageKey } from '../../lib/i18n';

/** Messages read per incident (its newest): beyond this the panel says the lists may be partial. */
export const ROSTER_MESSAGE_LIMIT = 20_000;
/** The rosters are worked out again at most this often while messages are being recorded. */
export const ROSTER_REFRESH_MS = 1_500;
/** A new incident covers the messages of the last hours: customers write before the agent declares it. */
const DEFAULT_LOOKBACK_MS = 6 * 3_600_000;
/** A start this far ahead of the clock is a mistake (a wrong day), not clock skew. */
const FUTURE_SLACK_MS = 5 * 60_000;
const MAX_KEYWORDS = 30;
const MAX_KEYWORD_LENGTH = 80;
/** The languages an answer is written in: those of the interface and of the tone reader. */
const ANSWER_LANGUAGES = ['en', 'es'] as const;

/** `<input type="datetime-local">` value of a time, in the browser's time zone. */
const toLocalInput = (ms: number) => {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

interface RosterView {
  roster: Roster;
  truncated: boolean;
}
interface RostersState {
  rosters: Map<string, RosterView>;
  customers: Map<string, Customer>;
  conversations: Map<string, Conversation>;
}

/**
 * The active incidents' rosters, kept up to date as messages are recorded without reading every
 * message on every write: a live count of the brand's messages since the earliest start wakes a
 * recomputation, at most once per ROSTER_REFRESH_MS. Each incident reads its own newest messages
 * (an old incident left open does not crowd out a new one), and linked customers (the same person
 * on X and Facebook) count once.
 */
function useRosters(db: CasesideDb, brandId: string, active: Incident[] | undefined): { state: RostersState | null; error: string | null } {
  const key = active ? JSON.stringify(active.map((i) => [i.id, i.updatedAt])) : null;
  const earliest = active?.length ? Math.min(...active.map((i) => i.since)) : null;
  // A fresh value on every run: any write Dexie reports in these ranges wakes the recomputation —
  // a new message, one rewritten in place (its side or text read again), a customer linked —
  // not only a change of count.
  const stamp = useLiveQuery(async () => {
    if (earliest === null) return { at: Date.now() };
    await Promise.all([
      db.messages.where('[brandId+sentAt]').between([brandId, earliest], [brandId, Dexie.maxKey]).count(),
      db.customers.where('[brandId+lastSeenAt]').between([brandId, Dexie.minKey], [brandId, Dexie.maxKey]).count(),
    ]);
    return { at: Date.now() };
  }, [db, brandId, earliest]);
  const [state, setState] = useState<RostersState | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The incidents the next computation reads (kept current on every render).
  const latest = useRef(active);
  latest.current = active;
  const mounted = useRef(true);
  const running = useRef(false);
  const again = useRef(false);
  const last = useRef(0);
  const lastKey = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // A computation in progress is never thrown away (messages arriving faster than it runs would
  // starve the list): a change meanwhile runs it once more when it ends.
  const run = useCallback(async () => {
    if (running.current) {
      again.current = true;
      return;
    }
    running.current = true;
    try {
      do {
        again.current = false;
        last.current = Date.now();
        const incidents = latest.current;
        if (!incidents) break;
        try {
          const result = await computeRosters(db, brandId, incidents);
          if (mounted.current) {
            setState(result);
            setError(null);
          }
        } catch (e) {
          if (mounted.current) setError(readFailureReason(e));
        }
      } while (again.current && mounted.current);
    } finally {
      running.current = false;
    }
  }, [db, brandId]);
  useEffect(() => {
    if (!active || stamp === undefined) return;
    // The agent's own change (a mark, an edit) shows at once; recorded messages at most every
    // ROSTER_REFRESH_MS, counted from the last computation (so a stream of messages cannot
    // push it back for ever).
    const wait = key !== lastKey.current ? 0 : Math.max(0, last.current + ROSTER_REFRESH_MS - Date.now());
    lastKey.current = key;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void run(), wait);
    // `key` stands for `active` (a new array on every read of the incidents); `latest` holds it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, stamp, run]);
  useEffect(
    () => () => {
      mounted.current = false;
      clearTimeout(timer.current);
    },
    [],
  );
  return { state, error };
}

/** Each active incident's roster from its own newest messages; linked customers (one person) count once. */
async function computeRosters(db: CasesideDb, brandId: string, active: Incident[]): Promise<RostersState> {
  const rosters = new Map<string, RosterView>();
  const perIncident = await Promise.all(
    active.map((i) =>
      db.messages
        .where('[brandId+sentAt]')
        .between([brandId, i.since], [brandId, i.endedAt ?? Dexie.maxKey])
        .reverse()
        .limit(ROSTER_MESSAGE_LIMIT)
        .toArray(),
    ),
  );
  const ids = new Set<string>();
  for (const list of perIncident) for (const m of list) ids.add(m.customerId);
  for (const i of active) for (const m of i.marks) ids.add(m.customerId);
  const customers = new Map((await db.customers.bulkGet([...ids])).flatMap((c) => (c && c.brandId === brandId ? [[c.id, c] as const] : [])));
  // One group per linked set: its smallest id.
  const groupOf = (id: string) => {
    const c = customers.get(id);
    return c?.linkedCustomerIds.length ? [id, ...c.linkedCustomerIds].sort()[0]! : id;
  };
  active.forEach((incident, n) => {
    const messages = perIncident[n]!;
    rosters.set(incident.id, { roster: incidentRoster(incident, messages, groupOf), truncated: messages.length >= ROSTER_MESSAGE_LIMIT });
  });
  const convIds = [...rosters.values()].flatMap((r) => [...r.roster.waiting, ...r.roster.answered, ...r.roster.notAffected].map((e) => e.conversationId)).filter(Boolean);
  const conversations = new Map((await db.conversations.bulkGet([...new Set(convIds)])).flatMap((c) => (c ? [[c.id, c] as const] : [])));
  return { rosters, customers, conversations };
}

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
                <EndedCounts db={db} brandId={brandId} incident={incident} />
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
 * followed): how many were affected, answered and left waiting when it ended.
 */
function EndedCounts({ db, brandId, incident }: { db: CasesideDb; brandId: string; incident: Incident }) {
  const [counts, setCounts] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open || counts !== null) return;
    let alive = true;
    computeRosters(db, brandId, [incident]).then(
      (r) => {
        const roster = r.rosters.get(incident.id)?.roster;
        if (alive && roster)
          setCounts(
            t('incident.counts', {
              affected: (roster.waiting.length + roster.answered.length).toLocaleString(),
              answered: roster.answered.length.toLocaleString(),
              waiting: roster.waiting.length.toLocaleString(),
            }),
          );
      },
      (e: unknown) => alive && setCounts(t('incident.rosterFailed', { reason: readFailureReason(e) })),
    );
    return () => {
      alive = false;
    };
  }, [open, counts, db, brandId, incident]);
  return (
    <details onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>{t('incident.outcome')}</summary>
      <p data-testid="incident-outcome" aria-live="polite">
        {counts ?? t('incident.counting')}
      </p>
    </details>
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
  const row = (e: RosterEntry, status: string, actions: React.ReactNode) => {
    const customer = state?.customers.get(e.customerId);
    const url = state?.conversations.get(e.conversationId)?.url;
    const name = customer?.displayName || customer?.identities.find((i) => i.handle)?.handle || t('customer.unknownName');
    return (
      <li key={e.customerId}>
        <strong>{name}</strong> · <span className="cs-muted">{status}</span>{' '}
        {url && /^https:\/\//.test(url) ? (
          <a href={url} target="_top" rel="noopener noreferrer" aria-label={`${t('history.openConversation')}: ${name}`}>
            {t('history.openConversation')}
          </a>
        ) : null}
        {actions ? <div className="cs-row">{actions}</div> : null}
      </li>
    );
  };
  const named = (key: MessageKey, e: RosterEntry) => {
    const c = state?.customers.get(e.customerId);
    return `${t(key)}: ${c?.displayName || t('customer.unknownName')}`;
  };
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
  const waiting = view?.roster.waiting ?? [];
  const answered = view?.roster.answered ?? [];
  const notAffected = view?.roster.notAffected ?? [];
  return (
    <li data-testid="incident">
      <strong>{incident.title}</strong>
      <div className="cs-muted">
        {t('incident.since', { time: formatDateTime(incident.since) })} ·{' '}
        {incident.keywords.length ? t('incident.keywords', { words: incident.keywords.join(', ') }) : t('incident.noKeywords')}
      </div>
      <div data-testid="incident-counts" aria-live="polite">
        {view
          ? t('incident.counts', {
              affected: (waiting.length + answered.length).toLocaleString(),
              answered: answered.length.toLocaleString(),
              waiting: waiting.length.toLocaleString(),
            })
          : t('incident.counting')}
      </div>
      {view?.truncated ? <p className="cs-muted">{t('incident.truncated', { count: ROSTER_MESSAGE_LIMIT.toLocaleString() })}</p> : null}
      {now - incident.since > 48 * 3_600_000 ? <p className="cs-muted">{t('incident.longOpen')}</p> : null}
      {waiting.length ? (
        <details open>
          <summary>{t('incident.waiting', { count: waiting.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incident-waiting">
            {waiting.map((e) =>
              row(
                e,
                e.askedAt !== null ? t('incident.askedWhen', { when: formatRelative(e.askedAt, now) }) : '',
                <>
                  <button onClick={() => mark(e.customerId, 'answered')} aria-label={named('incident.markAnswered', e)}>
                    {t('incident.markAnswered')}
                  </button>
                  <button onClick={() => mark(e.customerId, 'not-affected')} aria-label={named('incident.markNotAffected', e)}>
                    {t('incident.markNotAffected')}
                  </button>
                </>,
              ),
            )}
          </ul>
        </details>
      ) : null}
      {answered.length ? (
        <details>
          <summary>{t('incident.answered', { count: answered.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incident-answered">
            {answered.map((e) =>
              row(
                e,
                [
                  t(e.markedAnswered ? 'incident.markedAnsweredWhen' : 'incident.answeredWhen', { when: formatRelative(e.answeredAt ?? now, now) }),
                  e.wroteAgain ? t('incident.wroteAgain') : '',
                ]
                  .filter(Boolean)
                  .join(' · '),
                e.markedAnswered ? (
                  <button onClick={() => mark(e.customerId, null)} aria-label={named('incident.undoMark', e)}>
                    {t('incident.undoMark')}
                  </button>
                ) : null,
              ),
            )}
          </ul>
        </details>
      ) : null}
      {notAffected.length ? (
        <details>
          <summary>{t('incident.notAffected', { count: notAffected.length.toLocaleString() })}</summary>
          <ul className="cs-list" data-testid="incident-not-affected">
            {notAffected.map((e) =>
              row(
                e,
                '',
                <button onClick={() => mark(e.customerId, null)} aria-label={named('incident.undoMark', e)}>
                  {t('incident.undoMark')}
                </button>,
              ),
            )}
          </ul>
        </details>
      ) : null}
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

type FormInput = { title: string; keywords: string[]; answers: { language: string; text: string }[]; since: number };

/** What is wrong with the form, in the agent's words (the first problem only), or null. */
function formProblem(input: FormInput, now: number): string | null {
  if (!input.title) return t('incident.error.title');
  if (input.keywords.length > MAX_KEYWORDS) return t('incident.error.tooManyWords', { max: MAX_KEYWORDS });
  const long = input.keywords.find((k) => k.length > MAX_KEYWORD_LENGTH);
  if (long) return t('incident.error.longWord', { word: `${long.slice(0, 30)}…`, max: MAX_KEYWORD_LENGTH });
  const unusable = input.keywords.find((k) => !usableKeyword(k));
  // "@Iberia" or a link: customers' @handles and links are not read (they would match every reply to the account).
  if (unusable) return t(/[@/]/u.test(unusable) ? 'incident.error.handleWord' : 'incident.error.unusableWord', { word: unusable });
  if (!input.answers.length) return t('incident.error.answer');
  if (!Number.isFinite(input.since)) return t('incident.error.since');
  if (input.since > now + FUTURE_SLACK_MS) return t('incident.error.future');
  return null;
}

/** The answer as a public X reply would weigh, filled for a long-ish sample name. */
function AnswerLength({ text, brand, language }: { text: string; brand: Brand | null; language: string }) {
  const profile = useAgentProfile();
  if (!text.trim()) return null;
  const sample = { displayName: 'Alexandra Example' };
  const filled = fillTemplate(text, {
    customer: sample,
    case: { reference: `${brand?.referencePrefix ?? 'CASE'}-0000` },
    agent: agentVariables(profile, brand?.signature, brand?.name),
    brand: { name: brand?.name, signature: brand?.signature },
  }).text;
  const length = xWeightedLength(filled);
  // An upset customer gets the apology first (IncidentCards): that version must fit too.
  const withApology = xWeightedLength(`${apologyOpener({ customer: sample }, language === 'es')} ${filled}`);
  const words = answerWordCount(text);
  const key = length > 280 ? 'incident.tooLongForX' : withApology > 280 ? 'incident.tooLongWithApology' : 'incident.xLength';
  return (
    <>
      <p className={key === 'incident.xLength' ? 'cs-muted' : 'cs-check cs-check-warn'} data-testid="answer-length">
        {t(key, { length: length.toLocaleString(), withApology: withApology.toLocaleString() })}
      </p>
      {words < MIN_ANSWER_WORDS ? (
        <p className="cs-check cs-check-warn" data-testid="answer-too-short">
          {t('incident.tooShortToRecognise')}
        </p>
      ) : null}
    </>
  );
}

function IncidentForm({ brand, initial, onSave, onCancel }: { brand: Brand | null; initial: FormInput; onSave: (input: FormInput) => Promise<void>; onCancel: () => void }) {
  const [title, setTitle] = useState(initial.title);
  const [keywords, setKeywords] = useState(initial.keywords.join(', '));
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(initial.answers.map((a) => [a.language, a.text])));
  const [since, setSince] = useState(toLocalInput(initial.since));
  const [problem, setProblem] = useState<string | null>(null);
  const once = useOneAtATime();
  const titleRef = useRef<HTMLInputElement>(null);
  useEffect(() => titleRef.current?.focus(), []);
  const base = useId();
  const idOf = (field: string) => `${base}-${field}`;
  // Languages beyond en/es (an edited backup) are kept as they are.
  const otherAnswers = initial.answers.filter((a) => !(ANSWER_LANGUAGES as readonly string[]).includes(a.language));
  return (
    <form
      className="cs-incident-form"
      aria-label={initial.title ? `${t('incident.edit')}: ${initial.title}` : t('incident.new')}
      onSubmit={(e) => {
        e.preventDefault();
        const input: FormInput = {
          title: title.trim(),
          keywords: parseKeywords(keywords),
          answers: [...ANSWER_LANGUAGES.flatMap((language) => (answers[language]?.trim() ? [{ language, text: answers[language]!.trim() }] : [])), ...otherAnswers],
          since: new Date(since).getTime(),
        };
        const wrong = formProblem(input, Date.now());
        if (wrong) {
          setProblem(wrong);
          return;
        }
        setProblem(null);
        void once.run(() =>
          onSave(input).catch((err: unknown) => setProblem(err instanceof TooManyIncidentsError ? t('incident.error.tooMany', { max: MAX_INCIDENTS }) : saveFailedText(err))),
        );
      }}
    >
      <label htmlFor={idOf('title')}>{t('incident.field.title')}</label>
      <input ref={titleRef} id={idOf('title')} value={title} maxLength={200} onChange={(e) => setTitle(e.target.value)} />
      <label htmlFor={idOf('keywords')}>{t('incident.field.keywords')}</label>
      <input id={idOf('keywords')} value={keywords} maxLength={3000} aria-describedby={idOf('keywords-hint')} onChange={(e) => setKeywords(e.target.value)} />
      <p id={idOf('keywords-hint')} className="cs-muted">
        {t('incident.field.keywordsHint')}
      </p>
      {ANSWER_LANGUAGES.map((language) => (
        <div key={language} className="cs-incident-answer">
          <label htmlFor={idOf(`answer-${language}`)}>{t(`incident.field.answer.${language}`)}</label>
          <textarea
            id={idOf(`answer-${language}`)}
            value={answers[language] ?? ''}
            maxLength={5000}
            aria-describedby={idOf('answer-hint')}
            onChange={(e) => setAnswers({ ...answers, [language]: e.target.value })}
          />
          <AnswerLength text={answers[language] ?? ''} brand={brand} language={language} />
        </div>
      ))}
      <p id={idOf('answer-hint')} className="cs-muted">
        {t('incident.field.answerHint')}
      </p>
      <label htmlFor={idOf('since')}>{t('incident.field.since')}</label>
      <input id={idOf('since')} type="datetime-local" value={since} onChange={(e) => setSince(e.target.value)} />
      <FormFooter error={problem} saveLabel={t('incident.save')} onCancel={onCancel} busy={once.busy} />
    </form>
  );
}
