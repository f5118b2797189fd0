import { useEffect, useState } from 'react';
import type { CasesideDb } from '../../lib/db/schema';
import { ensureLoaded, searchHistory } from '../../lib/panel/history-search';
import { Highlighted } from '../../components/Highlighted';
import { t, formatDateTime } from '../../lib/i18n';
import { isHttpsUrl } from '../../lib/https-url';

type Results = Awaited<ReturnType<typeof searchHistory>>;

/** Open the conversation a result belongs to, in this tab (only https platform URLs). */
async function openConversation(db: CasesideDb, brandId: string, conversationId: string | undefined): Promise<void> {
  if (!conversationId) return;
  const conversation = await db.conversations.get(conversationId);
  if (conversation?.brandId === brandId && isHttpsUrl(conversation.url)) window.open(conversation.url, '_top');
}

/** Search across all history of the active brand (customers, messages, notes). */
export function SearchBox({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const [query, setQuery] = useState('');
  const [results, setResults] = useState<Results | null>(null);
  const [indexing, setIndexing] = useState<{ done: string; total: string } | null>(null);
  useEffect(() => {
    const q = query.trim();
    if (q.length < 2) {
      setResults(null);
      return;
    }
    let alive = true;
    const timer = setTimeout(() => {
      void searchHistory(db, brandId, q)
        .then((r) => {
          if (alive) setResults(r);
        })
        .finally(() => alive && setIndexing(null));
    }, 120);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [db, brandId, query]);
  return (
    <div className="cs-search" role="search">
      <input
        type="search"
        aria-label={t('search.placeholder')}
        placeholder={t('search.placeholder')}
        value={query}
        onFocus={() => void ensureLoaded(db, brandId, (done, total) => setIndexing({ done: done.toLocaleString(), total: total.toLocaleString() })).then(() => setIndexing(null))}
        onChange={(e) => setQuery(e.target.value)}
      />
      {/* Always mounted, so screen readers hear the index building and how many results came. */}
      <p className="cs-muted" role="status" data-testid="search-status">
        {indexing ? t('search.indexing', indexing) : results ? t('search.count', { count: results.length.toLocaleString() }) : ''}
      </p>
      {results ? (
        <ul className="cs-list cs-search-results" aria-label={t('search.results')} data-testid="search-results">
          {results.length === 0 ? <li className="cs-muted">{t('search.none')}</li> : null}
          {results.map((r) => (
            <li key={`${r.kind}:${r.id}`}>
              <span className="cs-muted">
                {t(`search.kind.${r.kind}`)} · {r.time ? formatDateTime(r.time) : ''}
              </span>
              <div>
                <Highlighted text={r.snippet.text} matches={r.snippet.matches} />
              </div>
              {r.conversationId ? (
                <button className="cs-link" onClick={() => void openConversation(db, brandId, r.conversationId)}>
                  {t('history.openConversation')}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
