import { PUBLIC_KINDS } from '../../lib/platforms/snapshot';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { failureText, readFailureReason } from '../../lib/db/errors';
import type { CasesideDb } from '../../lib/db/schema';
import { suggesterFor, learnConversation, syncArticles, syncTemplates, storedTemplatesStamp, type BrandSuggester } from '../../lib/panel/suggester';
import { readKbRevision } from '../../lib/db/repositories/kb';
import { insertAndReport } from '../../lib/panel/insert';
import { agentVariables, useAgentProfile } from '../../lib/panel/agent-profile';
import { countTemplateUse, saveTemplate, titleFromBody } from '../../lib/db/repositories/templates';
import { usePanelStore } from '../../lib/store/panel-store';
import { casesForCustomer } from '../../lib/db/repositories/cases';
import { fillTemplate, insertRefusal } from '../../lib/suggest/variables';
import { readTone } from '../../lib/suggest/tone';
import { checkReply } from '../../lib/suggest/checks';
import { findOnDeviceRewriter, type OnDeviceRewriter } from '../../lib/suggest/on-device';
import { followUpCovers, followUpsForCustomer } from '../../lib/db/repositories/follow-ups';
import { forCustomerWithLinks } from '../../lib/panel/queries';
import { withApology, type ConversationInput, type Suggester, type Suggestion } from '../../lib/suggest/engine';
import { t } from '../../lib/i18n';
import type { ConversationContext } from './context';
import { SuggestionCard } from './SuggestionCard';
import { IncidentCards, useIncidentStates } from './IncidentCards';
import { templateFromDraft } from '../../lib/panel/template-from-draft';
import { TemplateFinder } from './TemplateFinder';


/**
 * Keeps the brand's engine in step with stored data another context may change: `stamp` is a
 * cheap live read of it; when it moves, `sync` updates the engine (idempotent: what the engine
 * already holds is skipped) and `changed` is called if anything was.
 */
function useEngineSync<T>(
  db: CasesideDb,
  brandId: string,
  stamp: (db: CasesideDb, brandId: string) => Promise<T>,
  sync: (built: BrandSuggester, db: CasesideDb, brandId: string, seen: T) => Promise<number>,
  changed: () => void,
): void {
  const seen = useLiveQuery(async () => ({ brandId, value: await stamp(db, brandId) }), [db, brandId, stamp]);
  useEffect(() => {
    if (!seen || seen.brandId !== brandId) return;
    void suggesterFor(db, brandId)
      .then((built) => sync(built, db, brandId, seen.value))
      .then((n) => n > 0 && changed())
      .catch(() => undefined);
  }, [seen, db, brandId, sync, changed]);
}

export function SuggestSection(ctx: ConversationContext) {
  const { db, brandId, customerId, conversationId, snapshot } = ctx;
  const brand = useLiveQuery(() => db.brands.get(brandId), [db, brandId]);
  // Who sits at this browser: {{agent.name}}, {{agent.initials}}, and in the brand's signature.
  const agentProfile = useAgentProfile();
  const openCase = useLiveQuery(async () => (await casesForCustomer(db, brandId, customerId)).find((c) => c.status !== 'resolved') ?? null, [db, brandId, customerId]);
  // A pending follow-up for this conversation or its case (also one kept under a linked identity,
  // where an accepted promise goes when that identity holds the open case).
  const openCaseId = openCase?.id ?? null;
  const followUpSet = useLiveQuery(
    async () =>
      (await forCustomerWithLinks(db, brandId, customerId, (id) => followUpsForCustomer(db, brandId, id))).some((f) =>
        followUpCovers(f, { customerId, conversationId, caseId: openCaseId }),
      ),
    [db, brandId, customerId, conversationId, openCaseId],
  );
  // Messages recorded in this conversation: when the agent's reply is stored, the engine learns it.
  const recorded = useLiveQuery(() => db.messages.where('conversationId').equals(conversationId).count(), [db, conversationId]);
  /** Bumped when a sync changed the engine's templates or articles: the cards are ranked again. */
  const [engineRevision, setEngineRevision] = useState(0);
  const bump = useCallback(() => setEngineRevision((r) => r + 1), []);
  // Templates added, edited or deleted elsewhere (options page, "Save as template"), read from
  // index keys (an insert, a use, does not wake this); pages captured, captured again, renamed or
  // deleted (right-click menu, options page), seen through the knowledge base's revision. Each is
  // synced into the engine, which keeps the past replies it has learnt.
  useEngineSync(db, brandId, storedTemplatesStamp, syncTemplates, bump);
  useEngineSync(db, brandId, readKbRevision, syncArticles, bump);

  const conversation: ConversationInput = useMemo(() => {
    const inbound = snapshot.messages.filter((m) => m.direction === 'in').map((m) => m.text);
    return {
      customerMessages: inbound.slice(-5),
      agentMessages: snapshot.messages.filter((m) => m.direction === 'out').map((m) => m.text).slice(-3),
      caseTags: openCase?.tags,
      platform: snapshot.platform,
      isPublic: PUBLIC_KINDS.has(snapshot.kind),
      customer: { displayName: snapshot.customer?.displayName, handle: snapshot.customer?.handle, id: customerId },
      caseReference: openCase?.reference,
      agent: agentVariables(agentProfile, brand?.signature, brand?.name),
      alreadySent: snapshot.messages.filter((m) => m.direction === 'out').map((m) => m.text),
    };
  }, [snapshot, openCase, brand, customerId, agentProfile]);

  const [suggestions, setSuggestions] = useState<Suggestion[] | null>(null);
  const [engine, setEngine] = useState<Suggester | null>(null);
  /** Brand, conversation and stored message count last learnt (learnConversation). */
  const learnt = useRef('');
  const [indexing, setIndexing] = useState<{ indexed: number; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [learnError, setLearnError] = useState<string | null>(null);
  useEffect(() => {
    let alive = true;
    let unsubscribe = () => {};
    suggesterFor(db, brandId)
      .then(async (s) => {
        if (!alive) return;
        setEngine(s.suggester);
        // This conversation's stored replies are learnt first (idempotent; a failed read only
        // means they are learnt with the rest of the history).
        // Only when the stored count changed: snapshots re-run this effect far more often.
        const key = `${brandId}/${conversationId}/${recorded ?? 0}`;
        if (recorded && learnt.current !== key) {
          learnt.current = key;
          await learnConversation(s, db, conversationId).catch(() => 0);
        }
        if (!alive) return;
        const rank = () => {
          if (!alive) return;
          // Replies already sent in this conversation may come again (agents repeat "please DM
          // us…"), never first, labelled in their why-line (engine: alreadySent).
          setSuggestions(s.suggester.suggest(conversation, 5));
          // Until the past replies are read, their count is unknown: still "learning", not done.
          setIndexing(s.progress.done ? null : { indexed: s.progress.indexed, total: s.progress.total });
        };
        rank();
        // Re-rank as past replies are indexed, at most every few chunks, and once at the end.
        let chunks = 0;
        const onChunk = () => {
          if (++chunks % 5 === 0) rank();
        };
        s.onProgress.add(onChunk);
        unsubscribe = () => s.onProgress.delete(onChunk);
        void s.complete.then(rank, (e: unknown) => {
          rank();
          if (alive) setLearnError(readFailureReason(e));
        });
      })
      .catch((e: unknown) => alive && setError(t('suggest.unavailable', { reason: readFailureReason(e) })));
    return () => {
      alive = false;
      unsubscribe();
    };
  }, [db, brandId, conversationId, recorded, conversation, snapshot, engineRevision]);

  const [rewriter, setRewriter] = useState<OnDeviceRewriter | null>(null);
  useEffect(() => {
    void findOnDeviceRewriter().then(setRewriter);
  }, []);

  const tone = useMemo(() => readTone(conversation.customerMessages), [conversation]);
  // The customer's language: eld's reading of their last messages, as the engine reads them (60
  // languages; the tone lexicon only tells English from Spanish, and reads short Spanish as
  // English). What Adapt writes in and what the checks' fixes are written in. The engine loads
  // the same module, so this costs no extra download.
  const [detect, setDetect] = useState<((text: string) => string | undefined) | null>(null);
  useEffect(() => {
    let alive = true;
    void import('../../lib/suggest/language').then((m) => alive && setDetect(() => m.detectLanguage)).catch(() => undefined);
    return () => {
      alive = false;
    };
  }, []);
  const customerLanguage = useMemo(() => detect?.(conversation.customerMessages.slice(-3).join('\n')), [detect, conversation]);
  const adaptLanguage = customerLanguage ?? tone.language;
  const checkLanguage = customerLanguage === 'es' || customerLanguage === 'en' ? customerLanguage : undefined;
  const incidents = useIncidentStates(db, brandId, customerId);
  // The engine's failure or first ranking still leaves the known issues' answers (IncidentCards),
  // which need no engine.
  if (!suggestions && !error && !incidents?.length) return null;
  // Keyed by conversation too: a card edited, or whose question was answered, for one customer
  // starts afresh for the next one the agent opens (the tab stays mounted within a brand).
  const card = (s: Suggestion) => (
    <SuggestionCard
      key={`${conversationId}\n${s.id}`}
      suggestion={s}
      conversation={conversation}
      brand={brand ?? null}
      fill={(text, answers) =>
        fillTemplate(text, {
          customer: conversation.customer,
          case: { reference: openCase?.reference },
          agent: agentVariables(agentProfile, brand?.signature, brand?.name),
          brand: { name: brand?.name, signature: brand?.signature },
        }, answers)
      }
      rewriter={rewriter}
      language={adaptLanguage}
      refusal={insertRefusal}
      check={(text) =>
        checkReply({
          text,
          platform: conversation.platform,
          isPublic: conversation.isPublic,
          customer: conversation.customer,
          customerMessages: conversation.customerMessages,
          brand: { name: brand?.name, signature: brand?.signature, tone: brand?.tone },
          agent: agentProfile ?? undefined,
          followUpSet: !!followUpSet,
          language: checkLanguage,
        })
      }
      onInsert={async (text, mode) => {
        const ok = await insertAndReport(text, mode, snapshot);
        if (!ok || !s.templateId) return;
        const templateId = s.templateId;
        // Counted in the engine too, so the next ranking (a new message, the next conversation)
        // uses it; the cards are not re-ranked under the agent's hand.
        void suggesterFor(db, brandId).then((b) => b.suggester.noteTemplateUse(templateId)).catch(() => undefined);
        await countTemplateUse(db, brandId, templateId).catch(() => undefined);
      }}
      onSaveTemplate={async (draft, edited) => {
        // Tagged like the open case, in the language the reply is written in; the engine picks it
        // up through the templates stamp (syncTemplates). An edited reply is written for this
        // customer and signed by this agent: both go back to variables first.
        const body = edited
          ? templateFromDraft(draft, {
              signature: conversation.agent?.signature,
              customerHandle: conversation.customer?.handle,
              customerName: conversation.customer?.displayName,
              caseReference: conversation.caseReference,
            })
          : draft;
        const title = titleFromBody(body);
        try {
          await saveTemplate(db, brandId, { title, body, tags: openCase?.tags ?? [], language: readTone([body]).language });
          usePanelStore.getState().notify({ kind: 'info', text: t('suggest.savedTemplate', { title }) });
          return true;
        } catch (e) {
          usePanelStore.getState().notify({ kind: 'error', text: failureText(e, (reason) => t('suggest.saveTemplateFailed', { reason }), t('templates.saveFailed')) });
          return false;
        }
      }}
    />
  );
  return (
    <section aria-label={t('tabs.suggest')} className="cs-section">
      <p className="cs-muted" data-testid="tone">
        {t(`suggest.mood.${tone.mood}`)} · {t('suggest.urgency', { level: t(`suggest.urgency.${tone.urgency}`) })}
        {tone.signals.length ? ` (${tone.signals.slice(0, 3).join(', ')})` : ''}
      </p>
      {indexing ? (
        <p className="cs-muted" role="status">
          {indexing.total
            ? t('suggest.learningCount', { indexed: indexing.indexed.toLocaleString(), total: indexing.total.toLocaleString() })
            : t('suggest.learning')}
        </p>
      ) : null}
      {learnError ? (
        <p className="cs-danger" role="alert">
          {t('suggest.learnFailed', { reason: learnError })}
        </p>
      ) : null}
      {!rewriter ? (
        <p className="cs-muted" data-testid="on-device-status">
          {t('suggest.noRewriter')}
        </p>
      ) : null}
      <TemplateFinder engine={engine} revision={engineRevision} conversation={conversation} card={card}>
        {/* A known issue's answer this customer is waiting for comes before any other suggestion. */}
        <IncidentCards
          states={incidents ?? []}
          prefill={(body) => fillTemplate(body, { customer: conversation.customer, case: { reference: conversation.caseReference }, agent: conversation.agent, brand: { name: brand?.name, signature: brand?.signature } })}
          card={card}
          now={Date.now()}
          language={checkLanguage ?? tone.language}
          apologise={tone.mood === 'upset' ? (language, text) => withApology(text, { customer: conversation.customer }, language === 'es') : undefined}
          suggestions={suggestions}
          empty={
            error ? (
              <p className="cs-danger">{error}</p>
            ) : suggestions && !indexing ? (
              <p className="cs-muted">{t('suggest.empty')}</p>
            ) : null
          }
        />
      </TemplateFinder>
    </section>
  );
}
