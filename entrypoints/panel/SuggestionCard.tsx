import { useMemo, useState } from 'react';
import type { Brand } from '../../lib/db/records';
import type { ConversationInput, Suggestion } from '../../lib/suggest/engine';
import type { FillResult } from '../../lib/suggest/variables';
import { askQuestions } from '../../lib/suggest/variables';
import { t } from '../../lib/i18n';
import type { InsertMode } from '../../lib/messaging/protocol';

const sourceLabel = { template: 'Template', 'past-reply': 'Past reply', article: 'Article' } as const;

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
  onInsert: (text: string, mode: InsertMode) => Promise<void>;
}) {
  const { suggestion } = props;
  const [draft, setDraft] = useState(suggestion.text);
  const [answers, setAnswers] = useState<Record<string, string>>({});
  const questions = useMemo(() => askQuestions(draft), [draft]);
  const filled = useMemo(() => props.fill(draft, answers), [props, draft, answers]);
  const refusal = props.refusal(filled);
  return (
    <li className="cs-suggestion" data-testid="suggestion">
      <div className="cs-row">
        <span className="cs-platform">{sourceLabel[suggestion.source]}</span>
        <span className="cs-muted" title={t('suggest.why')} data-testid="why">
          {suggestion.why}
        </span>
      </div>
      <textarea aria-label="Suggested reply" value={draft} onChange={(e) => setDraft(e.target.value)} />
      {questions.length ? (
        <div className="cs-row" data-testid="ask-fields">
          {questions.map((q) => (
            <label key={q}>
              {q}{' '}
              <input aria-label={q} value={answers[q] ?? ''} onChange={(e) => setAnswers({ ...answers, [q]: e.target.value })} />
            </label>
          ))}
        </div>
      ) : null}
      {refusal ? (
        <p className="cs-check cs-check-block" role="alert">
          {refusal}
        </p>
      ) : null}
      <div className="cs-row">
        <button className="primary" disabled={!!refusal} onClick={() => void props.onInsert(filled.text, 'caret')}>
          {t('suggest.insert')}
        </button>
        <button disabled={!!refusal} onClick={() => void props.onInsert(filled.text, 'replace')}>
          {t('suggest.replace')}
        </button>
      </div>
    </li>
  );
}
