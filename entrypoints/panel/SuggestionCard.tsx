import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import type { OnDeviceRewriter } from '../../lib/suggest/on-device';
import type { Brand } from '../../lib/db/records';
import type { ConversationInput, Suggestion } from '../../lib/suggest/engine';
import type { FillResult } from '../../lib/suggest/variables';
import { askQuestions } from '../../lib/suggest/variables';
import { t } from '../../lib/i18n';
import type { InsertMode } from '../../lib/messaging/protocol';
import type { CheckResult } from '../../lib/suggest/checks';
import { ChecksList } from '../../components/ChecksList';

/** How long Adapt waits for the on-device model before it stops it and says so. */
export const ADAPT_TIMEOUT_MS = 30_000;

/** Why an Adapt was stopped (the AbortSignal's reason). */
class AdaptStopped extends Error {
  constructor(readonly why: 'timeout' | 'unmount') {
    super(`Adapt stopped: ${why}`);
  }
}

/**
 * `work`, or its signal's reason as soon as the signal aborts: a model that does not honour the
 * signal (or hangs before it looks at it) never keeps the card waiting past the abort.
 */
function orAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(signal.reason);
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

/**
 * One suggestion: why it matches, the text edited in place, fill-in fields for what only the
 * agent knows, and Insert (never Send). An insert is refused while a variable is unresolved.
 */
export function SuggestionCard(props: {
  suggestion: Suggestion;
  conversation: ConversationInput;
  brand: Brand | null;
  fill: (text: string, answers: Record<string, string>) => FillResult;
  refusal: (r: Pick<FillResult, 'unresolved'>) => string | null;
  /** Pre-insert checks on the text as it would be inserted (tone, length, personal data…). */
  check: (text: string) => CheckResult[];
  onInsert: (text: string, mode: InsertMode) => Promise<void>;
  /** The browser's on-device model, when it has one ready; null otherwise. */
  rewriter: OnDeviceRewriter | null;
  /** The customer's language (ISO 639-1), which an adapted reply is written in. */
  language?: string;
  /** Keeps a past reply as a template of the brand (shown on past replies only). */
  /** `edited`: the agent changed the text, so it is as written for this customer (not generalised yet). */
  onSaveTemplate?: (body: string, edited: boolean) => Promise<boolean>;
}) {
  const { suggestion } = props;
  const [draft, setDraft] = useState(suggestion.text);
  // The same suggestion can come back with new text (an apology opener added or dropped, the case
  // reference filled): follow it unless the agent has edited this card.
  const [shown, setShown] = useState(suggestion.text);
  if (suggestion.text !== shown) {
    setShown(suggestion.text);
    if (draft === shown) setDraft(suggestion.text);
  }
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const [adapting, setAdapting] = useState<'idle' | 'busy' | 'failed' | 'timeout'>('idle');
  // The model's text when the agent changed the draft while the model worked: offered, never put
  // over what they typed meanwhile (an order number, a correction).
  const [offer, setOffer] = useState<string | null>(null);
  // The draft as it is now, for an answer that arrives after renders this closure never saw.
  const latestDraft = useRef(draft);
  useEffect(() => {
    latestDraft.current = draft;
  }, [draft]);
  // The running Adapt's controller: aborted when the card goes (another conversation, a re-rank)
  // and after ADAPT_TIMEOUT_MS, so the model stops working and a hung one never leaves "…".
  const adaptRun = useRef<AbortController | null>(null);
  useEffect(() => () => adaptRun.current?.abort(new AdaptStopped('unmount')), []);
  const adapt = async () => {
    if (!props.rewriter) return;
    const sent = draft;
    const run = new AbortController();
    adaptRun.current = run;
    const timer = setTimeout(() => run.abort(new AdaptStopped('timeout')), ADAPT_TIMEOUT_MS);
    setAdapting('busy');
    setOffer(null);
    try {
      const adapted = await orAbort(
        props.rewriter.adapt(sent, { customerMessages: props.conversation.customerMessages, language: props.language }, run.signal),
        run.signal,
      );
      if (latestDraft.current === sent) setDraft(adapted);
      else setOffer(adapted);
      setAdapting('idle');
    } catch {
      const reason: unknown = run.signal.reason;
      if (reason instanceof AdaptStopped && reason.why === 'unmount') return;
      setAdapting(reason instanceof AdaptStopped ? 'timeout' : 'failed');
    } finally {
      clearTimeout(timer);
      if (adaptRun.current === run) adaptRun.current = null;
    }
  };
  const [saved, setSaved] = useState<'idle' | 'busy' | 'done'>('idle');
  // Unedited, the reply is kept generalised (the name and numbers as variables); edited, the
  // caller generalises what the agent wrote (templateFromDraft).
  const saveTemplate = async () => {
    if (!props.onSaveTemplate) return;
    setSaved('busy');
    const edited = draft !== suggestion.text;
    setSaved((await props.onSaveTemplate(edited ? draft : (suggestion.generalised ?? draft), edited)) ? 'done' : 'idle');
  };
  const questions = useMemo(() => askQuestions(draft), [draft]);
  const filled = useMemo(() => props.fill(draft, answers), [props, draft, answers]);
  const refusal = props.refusal(filled);
  const checks = useMemo(
    () => props.check(filled.text).filter((c) => c.id !== 'unresolved-variables'),
    [props, filled.text],
  );
  const blocked = !!refusal || checks.some((c) => c.severity === 'block');
  // Why Insert is disabled is said in words and tied to the buttons, not shown by colour alone.
  const checksId = useId();
  const refusalId = useId();
  const describedBy = blocked ? [refusal ? refusalId : '', checks.length ? checksId : ''].filter(Boolean).join(' ') : undefined;
  // One insert at a time: a double click must not put the reply in twice.
  const inserting = useOneAtATime();
  const insert = (mode: 'caret' | 'replace') => inserting.run(() => props.onInsert(filled.text, mode));
  // Every card has an Insert and a Replace: each is named by the reply it inserts, so a screen
  // reader's list of buttons tells the cards apart ("Insert: We're escalating this now…").
  const named = shortReply(suggestion.text);
  return (
    <li className="cs-suggestion" data-testid="suggestion">
      <div className="cs-row">
        <span className="cs-platform">{t(`suggest.source.${suggestion.source}`)}</span>
        <span className="cs-muted" title={t('suggest.why')} data-testid="why">
          {suggestion.why}
        </span>
      </div>
      <textarea aria-label={t('suggest.reply')} value={draft} onChange={(e) => setDraft(e.target.value)} />
      {questions.length ? (
        <div className="cs-row" data-testid="ask-fields">
          {questions.map((q) => (
            <label key={q}>
              {q.charAt(0).toLocaleUpperCase() + q.slice(1)}{' '}
              <input aria-label={q} value={answers[q] ?? ''} onChange={(e) => setAnswers({ ...answers, [q]: e.target.value })} />
            </label>
          ))}
        </div>
      ) : null}
      {/* The answers go into the reply only as it is inserted: show the agent what that will be. */}
      {questions.length && Object.values(answers).some((a) => a.trim()) ? (
        <p className="cs-preview" data-testid="filled-preview">
          <span className="cs-muted">{t('suggest.willInsert')}</span> {filled.text}
        </p>
      ) : null}
      {refusal ? (
        <p id={refusalId} className="cs-check cs-check-block" role="alert">
          {refusal}
        </p>
      ) : null}
      {offer !== null ? (
        <div className="cs-banner" data-testid="adapted-offer">
          <p role="status">{t('suggest.adaptedOffer')}</p>
          <p className="cs-preview">{offer}</p>
          <div className="cs-row">
            <button
              onClick={() => {
                setDraft(offer);
                setOffer(null);
              }}
            >
              {t('suggest.useAdapted')}
            </button>
            <button onClick={() => setOffer(null)}>{t('suggest.keepMine')}</button>
          </div>
        </div>
      ) : null}
      <ChecksList id={checksId} checks={checks} onFix={setDraft} />
      <div className="cs-row">
        <button
          className="primary"
          disabled={blocked}
          aria-label={`${t('suggest.insert')}: ${named}`}
          aria-describedby={describedBy}
          aria-busy={inserting.busy}
          onClick={() => void insert('caret')}
        >
          {t('suggest.insert')}
        </button>
        <button
          disabled={blocked}
          aria-label={`${t('suggest.replace')}: ${named}`}
          aria-describedby={describedBy}
          aria-busy={inserting.busy}
          onClick={() => void insert('replace')}
        >
          {t('suggest.replace')}
        </button>
        {props.rewriter ? (
          <button disabled={adapting === 'busy'} aria-busy={adapting === 'busy'} aria-label={t('suggest.adapt')} onClick={() => void adapt()} title={t('suggest.adaptTitle')}>
            {adapting === 'busy' ? '…' : t('suggest.adapt')}
          </button>
        ) : null}
        {adapting === 'failed' ? <span className="cs-muted" role="status">{t('suggest.adaptFailed')}</span> : null}
        {adapting === 'timeout' ? (
          <span className="cs-muted" role="status">
            {t('suggest.adaptTimedOut', { seconds: ADAPT_TIMEOUT_MS / 1000 })}
          </span>
        ) : null}
        {props.onSaveTemplate && suggestion.source === 'past-reply' ? (
          <button disabled={saved !== 'idle'} onClick={() => void saveTemplate()} title={t('suggest.saveTemplateTitle')}>
            {saved === 'done' ? t('suggest.templateSaved') : t('suggest.saveTemplate')}
          </button>
        ) : null}
      </div>
    </li>
  );
}

/** A reply's opening for a button's name: its first words, up to about 60 characters, cut at a word. */
function shortReply(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.!?-]+$/, '')}…`;
}
