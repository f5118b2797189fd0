import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { CasesideDb } from '../../lib/db/schema';
import type { Customer, Identity } from '../../lib/db/records';
import { findCustomersToLink, linkCustomers, LinkRefusedError, LINK_SEARCH_MAX_SCAN } from '../../lib/panel/queries';
import { t, formatDateTime, formatRelative } from '../../lib/i18n';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { useOneAtATime } from '../../components/use-one-at-a-time';

/** Typing pause before the search runs (Enter runs it at once). */
export const LINK_SEARCH_DELAY_MS = 200;
const MIN_CHARS = 2;
/** Results shown at most. */
const SHOWN = 8;

/** What to tell the agent when a link fails: a refusal in its own words, anything else as a failed save. */
export function linkFailedText(e: unknown): string {
  return e instanceof LinkRefusedError ? e.message : saveFailedText(e);
}

const platformName = { x: 'X', facebook: 'Facebook' } as const;
const handleText = (i: Identity) => (i.handle ? (i.platform === 'x' ? `@${i.handle}` : i.handle) : (i.userId ?? ''));

/**
 * "Link another customer…": the agent finds the same person under another name or handle (of
 * this brand only) and links them. The search waits for a pause in typing; an answer to an
 * earlier, slower search never replaces the one for what is typed now, and a search the agent
 * typed past (or closed) stops walking the brand. The live region says how many were found, and
 * when only the most recent customers could be searched. `search` is replaceable for tests.
 */
export function LinkPicker({
  db,
  customer,
  search = findCustomersToLink,
}: {
  db: CasesideDb;
  customer: Customer;
  search?: typeof findCustomersToLink;
}) {
  const id = useId();
  const notify = usePanelStore((s) => s.notify);
  const [text, setText] = useState('');
  const [found, setFound] = useState<{ query: string; results: Customer[]; capped: boolean } | null>(null);
  const [announce, setAnnounce] = useState('');
  const { busy, run } = useOneAtATime();
  const input = useRef<HTMLInputElement>(null);
  // The field's text now (a link that finishes later must not erase what was typed meanwhile).
  const typed = useRef('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Each search takes a ticket; only the answer holding the latest ticket is shown.
  const ticket = useRef(0);
  useEffect(
    () => () => {
      ticket.current++;
      clearTimeout(timer.current);
    },
    [],
  );

  const start = (query: string) => {
    clearTimeout(timer.current);
    const mine = ++ticket.current;
    if (query.length < MIN_CHARS) {
      setFound(null);
      return;
    }
    search(db, customer, query, SHOWN, { isCurrent: () => mine === ticket.current }).then(
      (results) => {
        if (mine === ticket.current) setFound({ query, results, capped: !!results.capped });
      },
      (e: unknown) => {
        if (mine === ticket.current) notify({ kind: 'error', text: saveFailedText(e) });
      },
    );
  };
  const change = (value: string) => {
    typed.current = value;
    setText(value);
    setAnnounce('');
    clearTimeout(timer.current);
    ticket.current++; // what is in flight is for older text now
    const query = value.trim();
    if (query.length < MIN_CHARS) setFound(null);
    else timer.current = setTimeout(() => start(query), LINK_SEARCH_DELAY_MS);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    start(text.trim());
  };
  const keyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Escape' && text) {
      e.preventDefault();
      e.stopPropagation();
      change('');
    }
  };
  const link = (c: Customer, name: string) =>
    run(async () => {
      const before = typed.current;
      try {
        await linkCustomers(db, customer.id, c.id);
      } catch (e) {
        notify({ kind: 'error', text: linkFailedText(e) });
        return;
      }
      // The search is done, unless the agent started another while the link was saving.
      if (typed.current === before) change('');
      setAnnounce(t('customer.linkDone', { name }));
      input.current?.focus();
    });

  const query = text.trim();
  // Linked meanwhile (a suggestion's Link, another panel): no longer offered.
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  const results = found && query.length >= MIN_CHARS ? found.results.filter((c) => !already.has(c.id)) : null;
  const behind = !!found && found.query !== query;
  const answered = results && !behind;
  const status =
    announce ||
    (answered
      ? [
          results.length === 0
            ? t('customer.linkNoMatch', { query })
            : results.length === 1
              ? t('customer.linkFoundOne')
              : t('customer.linkFoundMany', { count: results.length }),
          found?.capped ? t('customer.linkCapped', { count: LINK_SEARCH_MAX_SCAN.toLocaleString(globalThis.navigator?.language || 'en') }) : '',
        ]
          .filter(Boolean)
          .join(' ')
      : '');
  return (
    <form className="cs-link-picker" role="search" onSubmit={submit} aria-busy={busy || undefined}>
      <label htmlFor={`${id}-q`} className="cs-subtitle">
        {t('customer.linkAnother')}
      </label>
      <input
        ref={input}
        id={`${id}-q`}
        type="search"
        autoComplete="off"
        placeholder={t('customer.linkSearchPlaceholder')}
        value={text}
        onChange={(e) => change(e.target.value)}
        onKeyDown={keyDown}
      />
      {results && results.length > 0 ? (
        <ul className={`cs-list cs-link-results${behind ? ' cs-stale' : ''}`} aria-label={t('customer.linkResults')} data-testid="link-results">
          {results.map((c) => {
            const handles = [...new Set(c.identities.map(handleText).filter(Boolean))];
            const name = handles.length ? `${c.displayName} (${handles.join(', ')})` : c.displayName;
            return (
              <li key={c.id} className="cs-row">
                <span>
                  {[...new Set(c.identities.map((i) => i.platform))].map((p) => (
                    <span key={p} className={`cs-platform cs-platform-${p}`}>
                      {platformName[p]}
                    </span>
                  ))}{' '}
                  <strong>{c.displayName}</strong> {handles.length ? <span className="cs-muted">{handles.join(', ')}</span> : null}{' '}
                  <span className="cs-muted">
                    · <time dateTime={new Date(c.lastSeenAt).toISOString()} title={formatDateTime(c.lastSeenAt)}>
                      {t('customer.lastSeenWhen', { when: formatRelative(c.lastSeenAt) })}
                    </time>
                  </span>
                </span>
                <button type="button" aria-label={t('customer.linkNamed', { name })} onClick={() => void link(c, name)}>
                  {t('customer.link')}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      {/* Always mounted (a live region added with its text is often not read out). */}
      <p className="cs-muted" aria-live="polite" data-testid="link-status">
        {status}
      </p>
    </form>
  );
}
