/**
 * A follow-up's "when" field, one for the Case tab's add and edit forms: plain words ("tomorrow
 * 10am", "3d", "en 2 horas", read by lib/cases/when.ts) and, under it, the time they name, or "?"
 * when they name none. The time is worked out again at each render, so "in 2 hours" stays two
 * hours from now while the form is open.
 */
import { useState, type Ref } from 'react';
import { parseWhen } from '../lib/cases/when';
import { formatDateTime } from '../lib/i18n';

export interface When {
  text: string;
  setText: (text: string) => void;
  /** The time the words name now; null when nothing is typed or no time is understood. */
  at: Date | null;
}

export function useWhen(): When {
  const [text, setText] = useState('');
  return { text, setText, at: text.trim() ? parseWhen(text, new Date()) : null };
}

export function WhenInput({ when, label, inputRef }: { when: When; label: string; inputRef?: Ref<HTMLInputElement> }) {
  return <input ref={inputRef} className="cs-full" aria-label={label} placeholder={label} value={when.text} onChange={(e) => when.setText(e.target.value)} />;
}

/** The time the words name ("?" when none); with nothing typed, `empty` (or nothing). */
export function WhenPreview({ when, testId = 'when-preview', empty }: { when: When; testId?: string; empty?: string }) {
  const text = when.text.trim() ? (when.at ? formatDateTime(when.at.getTime()) : '?') : empty;
  return text ? (
    <p className="cs-muted" data-testid={testId}>
      {text}
    </p>
  ) : null;
}
