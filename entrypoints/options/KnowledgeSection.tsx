import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { usePageLimit } from '../../components/use-page-limit';
import type { CasesideDb } from '../../lib/db/schema';
import { deleteArticle, listArticlesPage, searchArticles, updateTitle } from '../../lib/db/repositories/kb';
import { sanitizeArticleHtml } from '../../lib/knowledge/sanitize';
import { Highlighted } from '../../components/Highlighted';
import type { KbArticle } from '../../lib/db/records';
import { t } from '../../lib/i18n';
import { agentMessage } from '../../lib/db/errors';
import { ConfirmDelete } from '../../components/ConfirmDelete';

/**
 * Pages listed at a time, newest first (search finds the rest). A knowledge base can hold
 * thousands of captured pages with their HTML: the list reads only what it shows.
 */
export const KB_PAGE = 50;

export function KnowledgeSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const [query, setQuery] = useState('');
  const { limit, showMore } = usePageLimit(KB_PAGE, brandId);
  const page = useLiveQuery(() => listArticlesPage(db, brandId, limit), [db, brandId, limit]);
  const articles = page?.articles;
  // Tagged with the words searched: after the query changes useLiveQuery keeps returning the
  // previous result until the new search completes, and "no match" must name what found nothing.
  const search = useLiveQuery(async () => {
    const words = query.trim();
    return words ? { words, hits: await searchArticles(db, brandId, query, { limit: 50 }) } : null;
  }, [db, brandId, query]);
  const results = search?.hits ?? null;
  // The article open for reading, by id: the row shows it as stored now.
  const [openId, setOpenId] = useState<string | null>(null);
  // A delete or rename that could not be saved says so (the list shows what is stored).
  const [error, setError] = useState<string | null>(null);
  const fail = (e: unknown) => setError(agentMessage(e, t('storage.error.unknown')));
  const rows = results ? results.map((r) => ({ article: r.article, snippet: r.snippet })) : (articles ?? []).map((a) => ({ article: a, snippet: null }));
  return (
    <section id="knowledge" aria-labelledby="knowledge-h">
      <h2 id="knowledge-h">{t('kb.title')}</h2>
      <p className="cs-muted">{t('kb.intro', { menu: t('menu.keepPage') })}</p>
      {error ? (
        <p role="alert" className="cs-danger">
          {error}
        </p>
      ) : null}
      <input type="search" placeholder={t('kb.search')} aria-label={t('kb.search')} value={query} onChange={(e) => setQuery(e.target.value)} />
      {/* Always in the page, so a screen reader hears the message when a search finds nothing. */}
      <div role="status">
        {search && !search.hits.length ? (
          <p className="cs-muted" data-testid="kb-no-match">
            {t('kb.noMatch', { query: search.words })}
          </p>
        ) : null}
      </div>
      <ul className="cs-list" aria-label={t('kb.articles')}>
        {rows.map(({ article, snippet }) => (
          <li key={article.id} data-testid="kb-row">
            <ArticleTitle db={db} brandId={brandId} article={article} onError={fail} />
            <div className="cs-muted">{article.url}</div>
            <p>{snippet ? <Highlighted text={snippet.text} matches={snippet.matches} /> : article.excerpt}</p>
            <div className="cs-row">
              <button aria-expanded={openId === article.id} aria-label={t(openId === article.id ? 'kb.hideNamed' : 'kb.readNamed', { name: article.title || article.url })} onClick={() => setOpenId(openId === article.id ? null : article.id)}>
                {openId === article.id ? t('kb.hide') : t('kb.read')}
              </button>
              <ConfirmDelete what={`“${article.title || article.url}”`} onDelete={() => deleteArticle(db, brandId, article.id)} onError={fail} />
            </div>
            {openId === article.id ? (
              // Sanitised when captured and again here, at display time.
              <div className="cs-article" dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(article.html) }} />
            ) : null}
          </li>
        ))}
      </ul>
      {!results && page?.more ? (
        <p className="cs-row" data-testid="kb-more">
          <span className="cs-muted">{t('kb.showing', { shown: page.articles.length.toLocaleString() })}</span>
          <button onClick={showMore}>{t('kb.showMore', { count: KB_PAGE.toLocaleString() })}</button>
        </p>
      ) : null}
      {articles && !articles.length ? <p className="cs-muted">{t('kb.empty')}</p> : null}
    </section>
  );
}

/** The agent's text in a title field: `from` is the title shown when they started typing; `saving` once they left it. */
interface TitleDraft {
  text: string;
  from: string;
  saving: boolean;
}

function ArticleTitle({ db, brandId, article, onError }: { db: CasesideDb; brandId: string; article: KbArticle; onError: (e: unknown) => void }) {
  const stored = article.title;
  const [draft, setDraft] = useState<TitleDraft | null>(null);
  // The stored title changed (a re-capture, a rename in another tab, this rename saved): the field
  // follows it, unless the agent is typing.
  const [seen, setSeen] = useState(stored);
  if (seen !== stored) {
    setSeen(stored);
    if (draft?.saving) setDraft(null);
  }
  const shown = draft ? draft.text : stored;
  const settled = () => setDraft((d) => (d?.saving ? null : d));
  // Leaving the field saves only what the agent changed: a field tabbed through, or typed back to
  // where it started, writes nothing (never an older title over a newer one). Blank is no title:
  // the stored one comes back. A rename that fails shows the stored one too.
  const save = () => {
    if (!draft || draft.saving) return;
    const next = draft.text.trim();
    if (!next || next === draft.from.trim() || next === stored) return setDraft(null);
    setDraft({ ...draft, text: next, saving: true });
    updateTitle(db, brandId, article.id, next).then(
      (found) => {
        if (!found) settled();
      },
      (e: unknown) => {
        settled();
        onError(e);
      },
    );
  };
  return (
    <input
      aria-label={t('kb.articleTitle')}
      className="cs-title-input"
      value={shown}
      onChange={(e) => {
        const text = e.target.value;
        setDraft(draft && !draft.saving ? { ...draft, text } : { text, from: shown, saving: false });
      }}
      onBlur={save}
    />
  );
}
