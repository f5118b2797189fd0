import { useDeferredValue, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { ConversationInput, Suggester, Suggestion } from '../../lib/suggest/engine';
import { liveTag } from '../../lib/suggest/template-tags';
import { TagFilter } from '../../components/TagFilter';
import { t } from '../../lib/i18n';

/** Templates the finder shows at a time (more words narrow it). */
const FOUND_MAX = 20;
/** Knowledge-base articles shown after them (words only; tag chips are the templates'). */
const ARTICLES_MAX = 5;

/**
 * "Find a template or article" on the Replies tab: words typed as they come and/or one tag chip
 * find templates; words also find the brand's knowledge-base articles (as "link this article"
 * suggestions, after the templates). While it is in use its results are shown instead of `children` (the ranked suggestions, kept mounted and
 * hidden); clearing it (Esc, the back button) brings them back. "/" outside a text field jumps to
 * it. A brand with no templates sees only `children`.
 *
 * The search runs on a deferred copy of the words (React's useDeferredValue): the field shows each
 * letter at once, and the search for it runs after, in a render a newer letter interrupts. One
 * search costs up to a few tens of ms on a 5,000-template, 2,000-article brand (`npm run bench`,
 * "find" row), which typed letters would otherwise wait for. While the results are behind the
 * words they are dimmed, and Enter waits for them (it must not pick a result for half a word).
 */
export function TemplateFinder({ engine, revision, conversation, card, children }: {
  engine: Suggester | null;
  /** Changes when the engine's templates change in place (syncTemplates). */
  revision: number;
  conversation: ConversationInput;
  /** Renders one found template as a suggestion card (filled, checked, insertable). */
  card: (s: Suggestion) => ReactNode;
  children: ReactNode;
}) {
  const [query, setQuery] = useState('');
  const [chosenTag, setTag] = useState<string | null>(null);
  // eslint-disable-next-line react-hooks/exhaustive-deps -- revision: the same engine, new templates
  const tags = useMemo(() => engine?.templateTags() ?? [], [engine, revision]);
  const tag = liveTag(tags, chosenTag);
  // "/" anywhere in the tab (outside a text field) jumps to the finder, as in most web apps.
  const finderRef = useRef<HTMLInputElement>(null);
  const foundRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey || !finderRef.current || finderRef.current.closest('[hidden]')) return;
      if (target?.closest('input, textarea, select, [contenteditable=""], [contenteditable="true"]')) return;
      e.preventDefault();
      finderRef.current.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const clearFinder = () => {
    setQuery('');
    setTag(null);
  };
  const searched = useDeferredValue(query);
  const behind = searched !== query;
  const found = useMemo(
    () => (engine && (searched.trim() || tag) ? engine.findTemplates(searched, conversation, { tag: tag ?? undefined, limit: FOUND_MAX + 1 }) : null),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision: the same engine, new templates
    [engine, revision, searched, tag, conversation],
  );
  const articles = useMemo(
    () => (engine && searched.trim() && !tag ? engine.findArticles(searched, conversation, ARTICLES_MAX) : []),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- revision: the same engine, new articles
    [engine, revision, searched, tag, conversation],
  );
  // Enter pressed while the results were behind the words: go to the first one once they are not.
  const enterWaiting = useRef(false);
  const focusFirstInsert = () => {
    const insert = foundRef.current?.querySelector<HTMLButtonElement>('button.primary:not(:disabled)');
    insert?.focus();
    return !!insert;
  };
  useEffect(() => {
    if (behind || !enterWaiting.current) return;
    enterWaiting.current = false;
    if (document.activeElement === finderRef.current) focusFirstInsert();
  }, [behind, found]);

  const shown = tags.length > 0 || !!engine?.size.templates || !!engine?.size.articles;
  // One tree whatever happens: the ranked cards stay mounted (hidden while the finder is in use,
  // and when the brand's first template arrives), so a reply the agent is editing is kept.
  return (
    <>
      <div className="cs-finder" hidden={!shown}>
        <input
          ref={finderRef}
          type="search"
          aria-keyshortcuts="/"
          aria-label={t('suggest.findTemplate')}
          placeholder={t('suggest.findTemplatePlaceholder')}
          value={query}
          onChange={(e) => {
            enterWaiting.current = false;
            setQuery(e.target.value);
          }}
          onKeyDown={(e) => {
            // Escape first clears the finder; only an empty finder lets it close the panel.
            if (e.key === 'Escape' && (query || tag)) {
              e.preventDefault();
              e.stopPropagation();
              clearFinder();
            }
            // Enter goes to the first result's Insert button: one more Enter inserts it (after a
            // look at the text and its checks), Tab reaches the rest.
            if (e.key === 'Enter') {
              if (behind) {
                e.preventDefault();
                enterWaiting.current = true;
              } else if (focusFirstInsert()) e.preventDefault();
            }
          }}
        />
        <TagFilter tags={tags} selected={tag} onSelect={setTag} label={t('suggest.templateTags')} />
      </div>
      {found ? (
        <div className={behind ? 'cs-stale' : undefined} aria-busy={behind || undefined}>
          <p className="cs-row" role="status" data-testid="found-count">
            <span className="cs-muted">
              {found.length > FOUND_MAX
                ? t('suggest.foundMany', { count: FOUND_MAX })
                : found.length
                  ? t('suggest.foundTemplates', { count: found.length })
                  : articles.length
                    ? ''
                    : t('suggest.noTemplateFound')}
              {articles.length ? `${found.length ? ' · ' : ''}${t('suggest.foundArticles', { count: articles.length })}` : ''}
            </span>
            <button
              onClick={() => {
                // The button goes with the results: focus goes to the finder, not the body.
                clearFinder();
                finderRef.current?.focus();
              }}
            >
              {t('suggest.backToSuggestions')}
            </button>
          </p>
          <ul className="cs-list" data-testid="found-templates" ref={foundRef}>
            {found.slice(0, FOUND_MAX).map(card)}
            {articles.map(card)}
          </ul>
        </div>
      ) : null}
      <div hidden={!!found} data-testid="ranked-suggestions">
        {children}
      </div>
    </>
  );
}
