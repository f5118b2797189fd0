import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { deleteArticle, listArticles, searchArticles, updateTitle } from '../../lib/db/repositories/kb';
import { sanitizeArticleHtml } from '../../lib/knowledge/sanitize';
import { Highlighted } from '../../components/Highlighted';
import type { KbArticle } from '../../lib/db/records';

export function KnowledgeSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const [query, setQuery] = useState('');
  const articles = useLiveQuery(() => listArticles(db, brandId), [db, brandId]);
  const results = useLiveQuery(() => (query.trim() ? searchArticles(db, brandId, query, { limit: 50 }) : Promise.resolve(null)), [db, brandId, query]);
  const [open, setOpen] = useState<KbArticle | null>(null);
  const rows = results ? results.map((r) => ({ article: r.article, snippet: r.snippet })) : (articles ?? []).map((a) => ({ article: a, snippet: null }));
  return (
    <section id="knowledge" aria-labelledby="knowledge-h">
      <h2 id="knowledge-h">Knowledge base</h2>
      <p className="cs-muted">
        Add a help-centre article or any page: right-click the page → “Caseside: keep this page” → the brand. The page is read
        with Readability and sanitised; articles feed reply suggestions as “link this article”.
      </p>
      <input type="search" placeholder="Search articles" aria-label="Search articles" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="cs-list" aria-label="Articles">
        {rows.map(({ article, snippet }) => (
          <li key={article.id} data-testid="kb-row">
            <ArticleTitle db={db} brandId={brandId} article={article} />
            <div className="cs-muted">{article.url}</div>
            <p>{snippet ? <Highlighted text={snippet.text} matches={snippet.matches} /> : article.excerpt}</p>
            <div className="cs-row">
              <button onClick={() => setOpen(open?.id === article.id ? null : article)}>{open?.id === article.id ? 'Hide' : 'Read'}</button>
              <button onClick={() => void deleteArticle(db, brandId, article.id)}>Delete</button>
            </div>
            {open?.id === article.id ? (
              // Sanitised when captured and again here, at display time.
              <div className="cs-article" dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(article.html) }} />
            ) : null}
          </li>
        ))}
      </ul>
      {articles && !articles.length ? <p className="cs-muted">No articles yet.</p> : null}
    </section>
  );
}

function ArticleTitle({ db, brandId, article }: { db: CasesideDb; brandId: string; article: KbArticle }) {
  const [title, setTitle] = useState(article.title);
  return (
    <input
      aria-label="Article title"
      className="cs-title-input"
      value={title}
      onChange={(e) => setTitle(e.target.value)}
      onBlur={() => title.trim() && title !== article.title && void updateTitle(db, brandId, article.id, title.trim())}
    />
  );
}
