/**
 * The form of a known issue: what happened, the words customers use, the answer in English and/or
 * Spanish (with its length as a public X reply), since when. Its mistakes are said in words.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { Brand } from '../../lib/db/records';
import { TooManyIncidentsError, MAX_INCIDENTS } from '../../lib/db/repositories/incidents';
import { answerWordCount, MIN_ANSWER_WORDS, parseKeywords, usableKeyword } from '../../lib/incidents/roster';
import { agentVariables, useAgentProfile } from '../../lib/panel/agent-profile';
import { fillTemplate } from '../../lib/suggest/variables';
import { xWeightedLength } from '../../lib/suggest/checks';
import { withApology } from '../../lib/suggest/engine';
import { saveFailedText } from '../../lib/panel/save-error';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { FormFooter } from '../../components/FormFooter';
import { t } from '../../lib/i18n';

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

export type FormInput = { title: string; keywords: string[]; answers: { language: string; text: string }[]; since: number };

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
  const apologised = xWeightedLength(withApology(filled, { customer: sample }, language === 'es'));
  const words = answerWordCount(text);
  const key = length > 280 ? 'incident.tooLongForX' : apologised > 280 ? 'incident.tooLongWithApology' : 'incident.xLength';
  return (
    <>
      <p className={key === 'incident.xLength' ? 'cs-muted' : 'cs-check cs-check-warn'} data-testid="answer-length">
        {t(key, { length: length.toLocaleString(), withApology: apologised.toLocaleString() })}
      </p>
      {words < MIN_ANSWER_WORDS ? (
        <p className="cs-check cs-check-warn" data-testid="answer-too-short">
          {t('incident.tooShortToRecognise')}
        </p>
      ) : null}
    </>
  );
}

export function IncidentForm({ brand, initial, onSave, onCancel }: { brand: Brand | null; initial: FormInput; onSave: (input: FormInput) => Promise<void>; onCancel: () => void }) {
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
      aria-labelledby={idOf('heading')}
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
      <h4 id={idOf('heading')} className="cs-subtitle">
        {initial.title ? `${t('incident.edit')}: ${initial.title}` : t('incident.new')}
      </h4>
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
