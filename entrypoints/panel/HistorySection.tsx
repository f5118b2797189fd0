import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { customerWithLinks, forCustomerWithLinks, loadTimeline } from '../../lib/panel/queries';
import { t, formatDateTime } from '../../lib/i18n';
import { Timeline } from '../../components/Timeline';
import type { Conversation } from '../../lib/db/records';
import { articlesForCustomer, deleteArticle } from '../../lib/db/repositories/kb';
import { sanitizeArticleHtml } from '../../lib/knowledge/sanitize';
import { ConfirmDelete } from '../../components/ConfirmDelete';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { isHttpsUrl } from '../../lib/https-url';
import type { ConversationContext } from './context';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function HistorySection({ db, brandId, customerId, conversationId }: ConversationContext) {
  const [platform, setPlatform] = useState<'all' | 'x' | 'facebook'>('all');
  const [query, setQuery] = useState('');
  // The kept page whose saved copy is open, by id (the page itself may be gone from the web).
  const [openPageId, setOpenPageId] = useState<string | null>(null);
  const data = useLiveQuery(async () => {
    const people = await customerWithLinks(db, brandId, customerId);
    const ids = people.map((p) => p.id);
    const messages = await loadTimeline(db, brandId, ids);
    // The conversations the messages are in, also one another person started (a public thread
    // the customer replied in, or one kept after its owner was erased): each gets its heading.
    const conversations = (await db.conversations.bulkGet([...new Set(messages.map((m) => m.conversationId))])).filter(
      (c): c is Conversation => !!c && c.brandId === brandId,
    );
    return { messages, conversations: new Map(conversations.map((c): [string, Conversation] => [c.id, c])) };
  }, [db, brandId, customerId]);

  // Pages kept in this customer's history (e.g. their blog post about us), from the context menu,
  // also those kept under a linked identity, as their messages are; newest first.
  const pages = useLiveQuery(
    async () => (await forCustomerWithLinks(db, brandId, customerId, (id) => articlesForCustomer(db, brandId, id))).sort((a, b) => b.capturedAt - a.capturedAt),
    [db, brandId, customerId],
  );

  const filtered = useMemo(() => {
    if (!data) return [];
    const q = fold(query.trim());
    return data.messages.filter(
      (m) => (platform === 'all' || m.platform === platform) && (!q || fold(m.text).includes(q) || fold(m.author).includes(q)),
    );
  }, [data, platform, query]);

  if (!data) return null;
  return (
    <section className="cs-history" aria-label={t('tabs.history')}>
      <div className="cs-filters">
        <label>
          {t('history.filterPlatform')}{' '}
          <select value={platform} onChange={(e) => setPlatform(e.target.value as typeof platform)}>
            <option value="all">{t('history.all')}</option>
            <option value="x">X</option>
            <option value="facebook">Facebook</option>
          </select>
        </label>
        <input
          type="search"
          placeholder={t('history.search')}
          aria-label={t('history.search')}
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </div>
      {pages?.length ? (
        <details className="cs-links" data-testid="customer-pages">
          <summary>
            {t('history.pages')} ({pages.length})
          </summary>
          <ul className="cs-list">
            {pages.map((a) => {
              const name = a.title || a.url;
              const open = openPageId === a.id;
              return (
                <li key={a.id}>
                  {isHttpsUrl(a.url) ? (
                    <a href={a.url} target="_blank" rel="noopener noreferrer">
                      {name}
                    </a>
                  ) : (
                    <span>{name}</span>
                  )}{' '}
                  <span className="cs-muted">{formatDateTime(a.capturedAt)}</span>
                  <p className="cs-muted">{a.excerpt}</p>
                  <div className="cs-row">
                    <button
                      aria-expanded={open}
                      aria-label={t(open ? 'history.hideSavedNamed' : 'history.readSavedNamed', { name })}
                      onClick={() => setOpenPageId(open ? null : a.id)}
                    >
                      {open ? t('history.hideSaved') : t('history.readSaved')}
                    </button>
                    {/* Filed under the wrong customer, or no longer wanted: removed from this history only. */}
                    <ConfirmDelete
                      what={`“${name}”`}
                      onDelete={() => deleteArticle(db, brandId, a.id)}
                      onError={(e) => usePanelStore.getState().notify({ kind: 'error', text: saveFailedText(e) })}
                    />
                  </div>
                  {open ? (
                    // The copy saved when the page was kept: sanitised when captured and again here.
                    a.html ? (
                      <div className="cs-article" data-testid="saved-copy" dangerouslySetInnerHTML={{ __html: sanitizeArticleHtml(a.html) }} />
                    ) : (
                      <p className="cs-article" data-testid="saved-copy" style={{ whiteSpace: 'pre-wrap' }}>
                        {a.text}
                      </p>
                    )
                  ) : null}
                </li>
              );
            })}
          </ul>
        </details>
      ) : null}
      <Timeline
        messages={filtered}
        conversations={data.conversations}
        currentConversationId={conversationId}
        labels={{
          history: t('tabs.history'),
          you: t('history.you'),
          open: t('history.openConversation'),
          empty: t('history.empty'),
          kind: (kind) => t(`conversation.${kind}`),
          formatTime: formatDateTime,
        }}
      />
    </section>
  );
}
