import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { listCases, type CaseFilter } from '../../lib/db/repositories/cases';
import { t, formatDateTime, formatRelative } from '../../lib/i18n';

/** Per brand: open, waiting and overdue cases, most urgent first, each opening its conversation. */
export function WorkSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const [filter, setFilter] = useState<CaseFilter>('open');
  const items = useLiveQuery(async () => {
    const list = await listCases(db, brandId, filter);
    const ids = [...new Set(list.flatMap((i) => [i.case.customerId]))];
    const customers = new Map((await db.customers.bulkGet(ids)).filter((c) => !!c).map((c) => [c!.id, c!]));
    const convs = new Map(
      (await db.conversations.bulkGet(list.map((i) => i.case.conversationIds[0] ?? ''))).filter((c) => !!c).map((c) => [c!.id, c!]),
    );
    return list.map((i) => ({ ...i, customer: customers.get(i.case.customerId), conversation: convs.get(i.case.conversationIds[0] ?? '') }));
  }, [db, brandId, filter]);
  const now = Date.now();
  return (
    <section aria-label={t('work.title')}>
      <div className="cs-row" role="radiogroup" aria-label={t('work.title')}>
        {(['overdue', 'open', 'waiting'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="work-filter" checked={filter === f} onChange={() => setFilter(f)} /> {t(`work.${f}`)}
          </label>
        ))}
      </div>
      <ul className="cs-list" data-testid="work-list">
        {items?.length === 0 ? <li className="cs-muted">{t('work.empty')}</li> : null}
        {items?.map((i) => (
          <li key={i.case.id} className={i.overdue ? 'cs-danger' : ''}>
            <strong>{i.case.reference}</strong> · {i.customer?.displayName ?? '?'} · {t(`status.${i.case.status}`)} · {t(`priority.${i.case.priority}`)}
            {i.nextDueAt ? (
              <div className="cs-muted">
                {formatDateTime(i.nextDueAt)} ({formatRelative(i.nextDueAt, now)})
              </div>
            ) : null}
            {i.conversation && /^https:\/\//.test(i.conversation.url) ? (
              <a href={i.conversation.url} target="_top" rel="noopener noreferrer">
                {t('history.openConversation')}
              </a>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
