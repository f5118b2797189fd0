import { useMemo, useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import { customerWithLinks, loadTimeline } from '../../lib/panel/queries';
import { t, formatDateTime } from '../../lib/i18n';
import { Timeline } from '../../components/Timeline';
import type { Conversation } from '../../lib/db/records';
import type { ConversationContext } from './context';

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export function HistorySection({ db, brandId, customerId, conversationId }: ConversationContext) {
  const [platform, setPlatform] = useState<'all' | 'x' | 'facebook'>('all');
  const [query, setQuery] = useState('');
  const data = useLiveQuery(async () => {
    const people = await customerWithLinks(db, brandId, customerId);
    const ids = people.map((p) => p.id);
    const [messages, conversations] = await Promise.all([
      loadTimeline(db, brandId, ids),
      db.conversations.where('customerId').anyOf(ids).toArray(),
    ]);
    return { messages, conversations: new Map(conversations.map((c): [string, Conversation] => [c.id, c])) };
  }, [db, brandId, customerId]);

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
      <Timeline
        messages={filtered}
        conversations={data.conversations}
        currentConversationId={conversationId}
        labels={{ you: t('history.you'), open: t('history.openConversation'), empty: t('history.empty'), formatTime: formatDateTime }}
      />
    </section>
  );
}
