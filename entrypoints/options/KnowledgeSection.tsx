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
  const results = useLiveQuery(() => (query.trim() ? searchArticles(db, brandId, query, { limit: 50 }) : Promise.resolve(null)), [db, brandId, query]);
  const [open, setOpen] = useState<KbArticle | null>(null);
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
      <ul className="cs-list" aria-label={t('kb.articles')}>
        {rows.map(({ article, snippet }) => (
          <li key={article.id} data-testid="kb-row">
            <ArticleTitle db={db} brandId={brandId} article={article} onError={fail} />
            <div className="cs-muted">{article.url}</div>
            <p>{snippet ? <Highlighted text={snippet.text} matches={snippet.matches} /> : article.excerpt}</p>
            <div className="cs-row">
              <button aria-expanded={open?.id === article.id} aria-label={t(open?.id === article.id ? 'kb.hideNamed' : 'kb.readNamed', { name: article.title || article.url })} onClick={() => setOpen(open?.id === article.id ? null : article)}>
                {open?.id === article.id ? t('kb.hide') : t('kb.read')}
              </button>
              <ConfirmDelete what={`“${article.title || article.url}”`} onDelete={() => deleteArticle(db, brandId, article.id)} onError={fail} />
            </div>
            {open?.id === article.id ? (
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

function ArticleTitle({ db, brandId, article, onError }: { db: CasesideDb; brandId: string; article: KbArticle; onError: (e: unknown) => void }) {
  const [title, setTitle] = useState(article.title);
  // Blank is no title: the stored one comes back. A rename that fails shows the stored one too.
  const save = () => {
    const next = title.trim();
    if (!next) return setTitle(article.title);
    if (next === article.title) return;
    updateTitle(db, brandId, article.id, next).catch((e: unknown) => {
      setTitle(article.title);
      onError(e);
    });
  };
  return (
    <input
      aria-label={t('kb.articleTitle')}
      className="cs-title-input"
      value={title}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={save}
    />
  );
}
