import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useNow } from '../../components/use-now';
import { useEffect, useId, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { casesForCustomer, getCase, openCase, previewResolution, transitionCase, updateCase } from '../../lib/db/repositories/cases';
import { addNote, deleteNote, notesForCase, notesForCustomer, updateNote } from '../../lib/db/repositories/notes';
import { addFollowUp, completeFollowUp, deleteFollowUp, editFollowUp, followUpsForCustomer, snoozeFollowUp } from '../../lib/db/repositories/follow-ups';
import { canTransition } from '../../lib/cases/lifecycle';
import { t, formatDateTime, formatRelative, getLocale } from '../../lib/i18n';
import { usePanelStore } from '../../lib/store/panel-store';
import { insertAndReport } from '../../lib/panel/insert';
import type { Case, CaseStatus, FollowUp, Note, Priority } from '../../lib/db/records';
import type { ConversationContext } from './context';
import { ChecksList } from '../../components/ChecksList';
import { checkReply } from '../../lib/suggest/checks';
import { firstName } from '../../lib/suggest/variables';
import { PUBLIC_KINDS } from '../../lib/platforms/snapshot';
import { NoteBody } from '../../components/NoteBody';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { useReturnFocus } from '../../components/use-return-focus';
import { useWhen, WhenInput, WhenPreview } from '../../components/WhenField';
import { parseTags, sameTags } from '../../lib/panel/tags';
import { forCustomerWithLinks } from '../../lib/panel/queries';
import { saveFailedText } from '../../lib/panel/save-error';
import { ConflictError } from '../../lib/db/errors';
import { maskPii, PII_KINDS, type PiiKind } from '../../lib/cases/pii';
import { useAgentProfile } from '../../lib/panel/agent-profile';
import { focusLost, focusPast, sectionHeading } from '../../components/focus';

const STATUSES: CaseStatus[] = ['open', 'waiting-customer', 'waiting-us', 'resolved'];
const PRIORITIES: Priority[] = ['low', 'normal', 'high', 'urgent'];

/** A kind of personal data masked in a note ("card", "email"…); unknown kinds as they are named. */
const piiLabel = (kind: string) => (PII_KINDS.includes(kind as PiiKind) ? t(`pii.${kind as PiiKind}`) : kind);


/** Run a write; on failure say so and keep what the agent typed (return false). */
async function attempt(fn: () => Promise<unknown>): Promise<boolean> {
  try {
    await fn();
    return true;
  } catch (e) {
    usePanelStore.getState().notify({ kind: 'error', text: saveFailedText(e) });
    return false;
  }
}

export function CaseSection(ctx: ConversationContext) {
  const { db, brandId, customerId, conversationId } = ctx;
  // The person's cases across linked identities (the customer card counts them too).
  const cases = useLiveQuery(
    async () =>
      (await forCustomerWithLinks(db, brandId, customerId, (id) => casesForCustomer(db, brandId, id))).sort((a, b) => b.openedAt - a.openedAt),
    [db, brandId, customerId],
  );
  // One case per click: a double click would open two (the second stays open in the Work list).
  const opening = useOneAtATime();
  // The case this panel just opened: "Open a case" goes with it, so focus moves to its status.
  const [justOpened, setJustOpened] = useState<string | null>(null);
  if (!cases) return null;
  const current = cases.find((c) => c.status !== 'resolved') ?? cases[0] ?? null;
  const open = () =>
    void opening.run(() =>
      attempt(async () => {
        const kase = await openCase(db, { brandId, customerId, conversationId });
        setJustOpened(kase.id);
      }),
    );
  return (
    <section className="cs-section" aria-label={t('tabs.case')}>
      {current ? (
        <CaseEditor key={current.id} ctx={ctx} kase={current} focusStatus={justOpened === current.id} />
      ) : (
        <div className="cs-row">
          <span className="cs-muted">{t('case.none')}</span>
          <button className="primary" aria-busy={opening.busy} onClick={open}>
            {t('case.open')}
          </button>
        </div>
      )}
      {current?.status === 'resolved' ? (
        <button aria-busy={opening.busy} onClick={open}>
          {t('case.open')}
        </button>
      ) : null}
      {/* Notes and follow-ups of a linked identity's case are stored with that case's customer.
          Keyed by conversation: what was typed (or ticked) for one customer is never saved on the
          next one the agent opens in this tab. */}
      <Notes key={`notes\n${customerId}\n${conversationId}`} ctx={ctx} caseId={current?.id ?? null} ownerId={current?.customerId ?? customerId} />
      <FollowUps key={`follow-ups\n${customerId}\n${conversationId}`} ctx={ctx} caseId={current?.id ?? null} ownerId={current?.customerId ?? customerId} />
    </section>
  );
}

function CaseEditor({ ctx, kase, focusStatus = false }: { ctx: ConversationContext; kase: Case; focusStatus?: boolean }) {
  const { db, brandId, conversationId, snapshot } = ctx;
  const statusRef = useRef<HTMLSelectElement>(null);
  const resolveRef = useRef<HTMLButtonElement>(null);
  const closingRef = useRef<HTMLTextAreaElement>(null);
  // A case this panel just opened: the button that opened it is gone, focus goes to its status
  // (unless the agent has already moved on).
  useEffect(() => {
    if (focusStatus && focusLost()) statusRef.current?.focus();
  }, [focusStatus]);
  const [tags, setTags] = useState(kase.tags.join(', '));
  // The stored tags the field's text started from. Another panel may save the case meanwhile:
  // an untouched field follows the new tags; an edited one is saved only when the stored tags
  // are still the ones it started from (otherwise the agent is told and keeps the text).
  const [tagsBase, setTagsBase] = useState(kase.tags);
  if (!sameTags(kase.tags, tagsBase) && sameTags(parseTags(tags), tagsBase)) {
    setTagsBase(kase.tags);
    setTags(kase.tags.join(', '));
  }
  // The stored case as last read after a refusal: this panel's live copy may not have heard of
  // the other panel's write yet, and saving again must not be refused a second time for it.
  const [seen, setSeen] = useState<Pick<Case, 'tags' | 'revision'> | null>(null);
  const refuse = (stored: Pick<Case, 'tags' | 'revision'>) => {
    usePanelStore.getState().notify({ kind: 'error', text: t('case.tagsConflict', { tags: stored.tags.join(', ') || '—' }) });
    setTagsBase(stored.tags); // seen: leaving the field again replaces them on purpose
    setSeen(stored);
  };
  const saveTags = async () => {
    const next = parseTags(tags);
    if (sameTags(next, tagsBase)) return; // not edited: never write back a stale copy
    const latest = seen && seen.revision > kase.revision ? seen : kase;
    if (!sameTags(latest.tags, tagsBase)) return refuse(latest);
    const saved = () => {
      setTagsBase(next);
      setSeen(null);
    };
    try {
      await updateCase(db, brandId, kase.id, { tags: next }, latest.revision);
      saved();
    } catch (e) {
      // Saved elsewhere before this panel heard of it. Other tags: the same refusal, with the
      // stored ones. Only other fields (say the priority): the tags are written on the stored case.
      const stored = e instanceof ConflictError ? await getCase(db, brandId, kase.id).catch(() => undefined) : undefined;
      if (!stored) usePanelStore.getState().notify({ kind: 'error', text: saveFailedText(e) });
      else if (!sameTags(stored.tags, tagsBase)) refuse(stored);
      else if (await attempt(() => updateCase(db, brandId, kase.id, { tags: next }, stored.revision))) saved();
    }
  };
  const [resolution, setResolution] = useState<{ message: string; followUp: { dueAt: number; reason: string } } | null>(null);
  const [confirmFollowUp, setConfirmFollowUp] = useState(true);
  // The closing message is the customer's to read: in their language, with their first name,
  // and through the same checks as any reply before it is inserted.
  const brand = useLiveQuery(() => db.brands.get(brandId), [db, brandId]);
  // The brand's signature may need the agent's name or initials ("^{{agent.initials}}").
  const agent = useAgentProfile();
  const customerMessages = snapshot.messages.filter((m) => m.direction === 'in').map((m) => m.text).slice(-5);
  const customerFirstName = firstName(snapshot.customer?.displayName);
  const checksId = useId();
  const closingChecks = resolution
    ? checkReply({
        text: resolution.message,
        platform: snapshot.platform,
        isPublic: PUBLIC_KINDS.has(snapshot.kind),
        customer: snapshot.customer ?? undefined,
        customerMessages,
        brand: { name: brand?.name, signature: brand?.signature, tone: brand?.tone },
        agent: agent ?? undefined,
        followUpSet: confirmFollowUp,
      })
    : [];
  const closingBlocked = closingChecks.some((c) => c.severity === 'block');

  const changeStatus = async (to: CaseStatus) => {
    if (to === 'resolved') {
      // The language model is its own chunk (about 1 MB), loaded only when a case is resolved.
      const { detectLanguage } = await import('../../lib/suggest/language');
      const spoken = detectLanguage(customerMessages.slice(-3).join('\n'));
      const customerLanguage = spoken === 'es' || spoken === 'en' ? spoken : undefined;
      const p = await previewResolution(db, brandId, kase.id, { language: getLocale(), customerLanguage, customerFirstName });
      setResolution({ message: p.closingMessage, followUp: p.followUp });
      return;
    }
    await attempt(() => transitionCase(db, brandId, kase.id, to, kase.revision));
  };
  const resolve = async () => {
    if (!resolution) return;
    const ok = await attempt(() =>
      // The "confirm it's fixed" reminder opens the conversation the case was resolved in.
      transitionCase(db, brandId, kase.id, 'resolved', kase.revision, confirmFollowUp ? { followUp: { ...resolution.followUp, conversationId } } : {}),
    );
    if (ok) {
      // Resolved: the Resolve button is not coming back, focus goes to the status.
      afterBanner.current = 'status';
      setResolution(null);
    }
  };
  // The banner replaces Resolve: focus goes into it (the closing message) when it opens, and
  // back to Resolve (or the status when there is no Resolve) when it closes.
  const bannerOpen = resolution !== null;
  const afterBanner = useRef<'resolve' | 'status'>('resolve');
  const wasBannerOpen = useRef(false);
  useEffect(() => {
    if (bannerOpen && !wasBannerOpen.current) closingRef.current?.focus();
    if (!bannerOpen && wasBannerOpen.current) {
      const to = afterBanner.current === 'resolve' ? (resolveRef.current ?? statusRef.current) : statusRef.current;
      afterBanner.current = 'resolve';
      to?.focus();
    }
    wasBannerOpen.current = bannerOpen;
  }, [bannerOpen]);
  // Once per click: a second click while the first write runs would be refused by the revision
  // check ("changed elsewhere") after the first one saved, or add the conversation twice.
  const resolving = useOneAtATime();
  const addingConversation = useOneAtATime();
  // Adding this conversation is a set-add: read from the stored case, so a copy this panel has not
  // caught up with yet (just written here or in another panel) is never a refusal.
  // The button goes once the conversation is in: focus moves to the case's status first.
  const addConversation = async () => {
    const ok = await attempt(async () => {
      const stored = await getCase(db, brandId, kase.id);
      if (!stored || stored.conversationIds.includes(conversationId)) return;
      await updateCase(db, brandId, kase.id, { conversationIds: [...stored.conversationIds, conversationId] }, stored.revision);
    });
    if (ok && (focusLost() || document.activeElement === addConversationRef.current)) statusRef.current?.focus();
  };
  const addConversationRef = useRef<HTMLButtonElement>(null);

  return (
    <div className="cs-case" data-testid="case">
      <div className="cs-row">
        <strong data-testid="case-reference">{kase.reference}</strong>
        <label>
          {t('case.status')}{' '}
          <select ref={statusRef} aria-label={t('case.status')} value={kase.status} onChange={(e) => void changeStatus(e.target.value as CaseStatus)}>
            {STATUSES.filter((s) => s === kase.status || canTransition(kase.status, s)).map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('case.priority')}{' '}
          <select
            aria-label={t('case.priority')}
            value={kase.priority}
            onChange={(e) => void attempt(() => updateCase(db, brandId, kase.id, { priority: e.target.value as Priority }, kase.revision))}
          >
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="cs-row">
        {t('case.tags')}{' '}
        <input
          aria-label={t('case.tags')}
          value={tags}
          onChange={(e) => setTags(e.target.value)}
          onBlur={() => void saveTags()}
        />
      </label>
      {!kase.conversationIds.includes(conversationId) ? (
        <button ref={addConversationRef} aria-busy={addingConversation.busy} onClick={() => void addingConversation.run(addConversation)}>
          {t('case.addConversation')}
        </button>
      ) : null}
      {kase.status !== 'resolved' && !resolution ? (
        <button ref={resolveRef} onClick={() => void changeStatus('resolved')}>
          {t('case.resolve')}
        </button>
      ) : null}
      {resolution ? (
        <div className="cs-banner" data-testid="resolution">
          <p>{t('case.closingSuggestion')}:</p>
          <textarea ref={closingRef} aria-label={t('case.closingSuggestion')} value={resolution.message} onChange={(e) => setResolution({ ...resolution, message: e.target.value })} />
          <ChecksList id={checksId} checks={closingChecks} onFix={(message) => setResolution({ ...resolution, message })} />
          <button
            disabled={closingBlocked}
            aria-describedby={closingBlocked ? checksId : undefined}
            onClick={() => void insertAndReport(resolution.message, 'caret', snapshot)}
          >
            {t('suggest.insert')}
          </button>
          <label>
            <input type="checkbox" checked={confirmFollowUp} onChange={(e) => setConfirmFollowUp(e.target.checked)} /> {t('case.confirmFollowUp')} (
            {formatDateTime(resolution.followUp.dueAt)})
          </label>
          <button className="primary" aria-busy={resolving.busy} onClick={() => void resolving.run(resolve)}>
            {t('case.resolve')}
          </button>
          <button onClick={() => setResolution(null)}>{t('common.cancel')}</button>
        </div>
      ) : null}
    </div>
  );
}

function Notes({ ctx, caseId, ownerId }: { ctx: ConversationContext; caseId: string | null; ownerId: string }) {
  const { db, brandId, customerId } = ctx;
  const notes = useLiveQuery(
    async () => {
      const all = await forCustomerWithLinks(db, brandId, customerId, (id) => notesForCustomer(db, brandId, id));
      const forCase = caseId ? await notesForCase(db, brandId, caseId) : [];
      const byId = new Map([...all, ...forCase].map((n) => [n.id, n]));
      return [...byId.values()].sort((a, b) => a.createdAt - b.createdAt);
    },
    [db, brandId, customerId, caseId],
  );
  const [draft, setDraft] = useState('');
  const [keepPii, setKeepPii] = useState(false);
  // Notes are signed with the name of whoever sits at this browser, for the colleague who picks up.
  const agentName = useAgentProfile()?.name;
  const saving = useOneAtATime();
  const save = async () => {
    let masked: MaskedCount[] = [];
    const ok = await attempt(async () => {
      masked = (await addNote(db, { brandId, customerId: ownerId, caseId, body: draft, keepPii, author: agentName })).masked;
    });
    if (ok) {
      setDraft('');
      // Keeping personal data is a choice for one note: the next one is masked again.
      setKeepPii(false);
      notifyMasked(masked);
    }
  };
  return (
    <div>
      <h3>{t('case.notes')}</h3>
      <ul className="cs-list" aria-label={t('case.notes')}>
        {notes?.map((n) => <NoteItem key={n.id} note={n} ctx={ctx} agentName={agentName} />)}
      </ul>
      <textarea aria-label={t('case.addNote')} placeholder={t('case.addNote')} value={draft} onChange={(e) => setDraft(e.target.value)} />
      <div className="cs-row">
        <label className="cs-muted">
          <input type="checkbox" checked={keepPii} onChange={(e) => setKeepPii(e.target.checked)} /> {t('case.keepPii')}
        </label>
        <button disabled={!draft.trim()} aria-busy={saving.busy} onClick={() => void saving.run(save)}>
          {t('case.saveNote')}
        </button>
      </div>
    </div>
  );
}

type MaskedCount = { kind: string; count: number };

/** Tell the agent what a save masked ("2 card numbers, 1 email"), if anything. */
function notifyMasked(masked: MaskedCount[]): void {
  if (masked.length)
    usePanelStore.getState().notify({ kind: 'info', text: t('case.masked', { list: masked.map((m) => `${m.count} ${piiLabel(m.kind)}`).join(', ') }) });
}

function NoteItem({ note, ctx, agentName }: { note: Note; ctx: ConversationContext; agentName: string | undefined }) {
  const [editing, setEditing] = useState<string | null>(null);
  // A stored note holds personal data unmasked only if the agent kept it when saving: an edit
  // starts from that choice, so fixing a typo never masks what the agent chose to keep.
  const [keepPii, setKeepPii] = useState(false);
  // Edit swaps the note for a textarea: focus goes into it, and back to Edit on Save or Cancel.
  const editRef = useRef<HTMLButtonElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const isEditing = editing !== null;
  useReturnFocus(isEditing, editRef);
  useEffect(() => {
    if (isEditing) textRef.current?.focus();
  }, [isEditing]);
  const startEditing = () => {
    setKeepPii(maskPii(note.body).masked.length > 0);
    setEditing(note.body);
  };
  const saveEdit = async (body: string) => {
    let masked: MaskedCount[] = [];
    const ok = await attempt(async () => {
      masked = (await updateNote(ctx.db, ctx.brandId, note.id, body, { keepPii, editor: agentName })).masked;
    });
    if (ok) {
      setEditing(null);
      notifyMasked(masked);
    }
  };
  return (
    <li data-testid="note">
      <div className="cs-muted" data-testid="note-meta">
        {note.author ? t('case.noteBy', { author: note.author, time: formatDateTime(note.createdAt) }) : formatDateTime(note.createdAt)}
        {note.updatedAt !== note.createdAt
          ? ` · ${
              note.editedBy
                ? t('case.noteEditedBy', { time: formatDateTime(note.updatedAt), name: note.editedBy })
                : t('case.noteEdited', { time: formatDateTime(note.updatedAt) })
            }`
          : ''}
      </div>
      {editing === null ? (
        <>
          <NoteBody body={note.body} />
          <div className="cs-row">
            <button ref={editRef} onClick={startEditing}>
              {t('common.edit')}
            </button>
            <ConfirmDelete
              what={t('case.thisNote')}
              onDelete={() => deleteNote(ctx.db, ctx.brandId, note.id)}
              onError={(e) => usePanelStore.getState().notify({ kind: 'error', text: saveFailedText(e) })}
            />
          </div>
        </>
      ) : (
        <>
          <textarea ref={textRef} aria-label={t('case.editNote')} value={editing} onChange={(e) => setEditing(e.target.value)} />
          <div className="cs-row">
            <label className="cs-muted">
              <input type="checkbox" checked={keepPii} onChange={(e) => setKeepPii(e.target.checked)} /> {t('case.keepPii')}
            </label>
            <button onClick={() => void saveEdit(editing)}>{t('case.saveNote')}</button>
            <button onClick={() => setEditing(null)}>{t('common.cancel')}</button>
          </div>
        </>
      )}
    </li>
  );
}

function FollowUps({ ctx, caseId, ownerId }: { ctx: ConversationContext; caseId: string | null; ownerId: string }) {
  const { db, brandId, customerId, conversationId } = ctx;
  const items = useLiveQuery(
    () => forCustomerWithLinks(db, brandId, customerId, (id) => followUpsForCustomer(db, brandId, id)),
    [db, brandId, customerId],
  );
  const when = useWhen();
  const [reason, setReason] = useState('');
  // One follow-up (one reminder) per click, however fast the second click comes.
  const adding = useOneAtATime();
  // Ticks, and wakes when a follow-up falls due, so it turns overdue on screen without a write.
  const now = useNow(30_000, items?.map((f) => f.dueAt));
  const parsed = when.at;
  const add = async () => {
    if (!parsed) return;
    const ok = await attempt(() => addFollowUp(db, { brandId, customerId: ownerId, caseId, conversationId, dueAt: parsed.getTime(), reason: reason || when.text, source: 'manual' }));
    if (ok) {
      when.setText('');
      setReason('');
    }
  };
  const open = (items ?? []).filter((f) => !f.doneAt).sort((a, b) => a.dueAt - b.dueAt);
  return (
    // A section of its own: ConfirmDelete lands focus on this heading, not on the Notes one.
    <section>
      <h3 tabIndex={-1}>{t('case.followUps')}</h3>
      <ul className="cs-list" aria-label={t('case.followUps')}>
        {open.map((f) => (
          <FollowUpItem key={f.id} ctx={ctx} followUp={f} now={now} />
        ))}
      </ul>
      <div className="cs-row">
        <WhenInput when={when} label={t('case.when')} />
        <input className="cs-full" aria-label={t('case.reason')} placeholder={t('case.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
        <button disabled={!parsed} aria-busy={adding.busy} onClick={() => void adding.run(add)}>
          {t('case.addFollowUp')}
        </button>
      </div>
      <WhenPreview when={when} />
    </section>
  );
}

/** A follow-up done leaves the list: focus goes to the next one's Done, else the previous one's, else the Follow-ups heading. */
function focusAfterDone(row: HTMLLIElement | null): void {
  focusPast(row, (li) => li.querySelector<HTMLButtonElement>('button[data-done]'), () => (row ? sectionHeading(row) : null));
}

/** A reason as a button's name or a question: its first line, at most 60 characters. */
const shortReason = (reason: string) => {
  const line = reason.trim().split('\n')[0] ?? '';
  return line.length > 60 ? `${line.slice(0, 59)}…` : line;
};

function FollowUpItem({ ctx, followUp: f, now }: { ctx: ConversationContext; followUp: FollowUp; now: number }) {
  const { db, brandId } = ctx;
  // One write per click: a double click on Done or +1 h acts once.
  const acting = useOneAtATime();
  const [editing, setEditing] = useState(false);
  // Leaving the edit (Escape, Cancel or a save) puts focus back on Edit.
  const editRef = useRef<HTMLButtonElement>(null);
  useReturnFocus(editing, editRef);
  const fail = (e: unknown) => usePanelStore.getState().notify({ kind: 'error', text: saveFailedText(e) });
  return (
    <li data-testid="follow-up" className={f.dueAt <= now ? 'cs-danger' : ''}>
      <strong>{formatDateTime(f.dueAt)}</strong> ({formatRelative(f.dueAt, now)}
      {f.dueAt <= now ? `, ${t('case.overdue')}` : ''}) — {f.reason}
      {editing ? (
        <FollowUpEditor ctx={ctx} followUp={f} onClose={() => setEditing(false)} />
      ) : (
        <div className="cs-row">
          <button
            data-done
            aria-label={t('case.doneNamed', { reason: shortReason(f.reason) })}
            aria-busy={acting.busy}
            onClick={(e) => {
              const row = e.currentTarget.closest('li');
              void acting.run(async () => {
                if (await attempt(() => completeFollowUp(db, brandId, f.id))) focusAfterDone(row);
              });
            }}
          >
            {t('case.done')}
          </button>
          {/* An hour later than it is due (an hour from now once overdue): never brought forward. */}
          <button
            aria-label={t('case.snoozeHourNamed', { reason: shortReason(f.reason) })}
            title={t('case.snoozeHour')}
            aria-busy={acting.busy}
            onClick={() => void acting.run(() => attempt(() => snoozeFollowUp(db, brandId, f.id, Math.max(f.dueAt, Date.now()) + 3_600_000)))}
          >
            +1 h
          </button>
          <button ref={editRef} aria-label={t('case.editFollowUpNamed', { reason: shortReason(f.reason) })} onClick={() => setEditing(true)}>
            {t('common.edit')}
          </button>
          <ConfirmDelete what={t('case.followUpNamed', { reason: shortReason(f.reason) })} onDelete={() => deleteFollowUp(db, brandId, f.id)} onError={fail} />
        </div>
      )}
    </li>
  );
}

/**
 * Fixing a follow-up set wrong: a new time in the same words as the add form (left empty, the due
 * time stays) and its reason. Escape or Cancel leaves it unchanged.
 */
function FollowUpEditor({ ctx, followUp: f, onClose }: { ctx: ConversationContext; followUp: FollowUp; onClose: () => void }) {
  const when = useWhen();
  const [reason, setReason] = useState(f.reason);
  const saving = useOneAtATime();
  const whenRef = useRef<HTMLInputElement>(null);
  useEffect(() => whenRef.current?.focus(), []);
  const reasonChanged = reason !== f.reason;
  const blocked = (when.text.trim() !== '' && !when.at) || (reasonChanged && !reason.trim());
  const save = async () => {
    if (blocked) return;
    const dueAt = when.at?.getTime();
    // The time shown can pass while the form is open ("today 3pm" saved at 3:01): said, not saved.
    if (dueAt !== undefined && dueAt <= Date.now()) {
      usePanelStore.getState().notify({ kind: 'error', text: t('case.followUpPast', { time: formatDateTime(dueAt) }) });
      return;
    }
    const ok = await attempt(() =>
      editFollowUp(ctx.db, ctx.brandId, f.id, { ...(dueAt !== undefined ? { dueAt } : {}), ...(reasonChanged ? { reason } : {}) }),
    );
    if (ok) onClose();
  };
  return (
    <div
      role="group"
      aria-label={t('case.editFollowUp')}
      onKeyDown={(e) => {
        // Handled here: the panel does not close under the agent (lib/panel/keys.ts).
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        }
      }}
    >
      <div className="cs-row">
        <WhenInput when={when} label={t('case.newWhen')} inputRef={whenRef} />
        <input className="cs-full" aria-label={t('case.reason')} placeholder={t('case.reason')} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <WhenPreview when={when} testId="edit-when-preview" empty={t('case.keepsDue', { time: formatDateTime(f.dueAt) })} />
      <div className="cs-row">
        <button className="primary" disabled={blocked} aria-busy={saving.busy} onClick={() => void saving.run(save)}>
          {t('case.saveFollowUp')}
        </button>
        <button onClick={onClose}>{t('common.cancel')}</button>
      </div>
    </div>
  );
}
