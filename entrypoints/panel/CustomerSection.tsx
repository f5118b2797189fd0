import { useLiveQuery } from 'dexie-react-hooks';
import { loadCustomerView, suggestLinks, linkCustomers, unlinkCustomers } from '../../lib/panel/queries';
import { t, formatDateTime } from '../../lib/i18n';
import { CustomerCard } from '../../components/CustomerCard';
import { usePanelStore } from '../../lib/store/panel-store';
import { toStorageError } from '../../lib/db/errors';
import type { ConversationContext } from './context';

export function CustomerSection({ db, brandId, customerId }: ConversationContext) {
  const view = useLiveQuery(() => loadCustomerView(db, brandId, customerId), [db, brandId, customerId]);
  const suggestions = useLiveQuery(
    async () => (view?.customer ? suggestLinks(db, view.customer) : []),
    [db, view?.customer],
  );
  const notify = usePanelStore((s) => s.notify);
  if (!view) return null;
  const run = (p: Promise<void>) =>
    p.catch((e: unknown) => notify({ kind: 'error', text: t('error.saveFailed', { message: toStorageError(e).message }) }));
  return (
    <>
      <CustomerCard
        customer={view.customer}
        linked={view.linked}
        conversationCount={view.conversations.length}
        messageCount={view.messageCount}
        openCase={view.openCase}
        overdue={view.overdue}
        labels={{
          firstContact: t('customer.firstContact'),
          firstSeen: t('customer.firstSeen'),
          lastSeen: t('customer.lastSeen'),
          conversations: t('customer.conversations'),
          messages: t('customer.messages'),
          openCase: t('customer.openCase'),
          overdue: t('customer.overdue'),
          tags: t('customer.tags'),
          statusLabel: (s) => t(`status.${s}`),
          formatTime: formatDateTime,
        }}
      />
      {view.linked.length || suggestions?.length ? (
        <details className="cs-links">
          <summary>
            {t('customer.linked')} ({view.linked.length})
          </summary>
          <ul>
            {view.linked.map((c) => (
              <li key={c.id}>
                {c.displayName}{' '}
                <button onClick={() => void run(unlinkCustomers(db, customerId, c.id))}>{t('customer.unlink')}</button>
              </li>
            ))}
          </ul>
          {suggestions?.length ? (
            <>
              <p>{t('customer.suggestedLinks')}</p>
              <ul>
                {suggestions.map((c) => (
                  <li key={c.id}>
                    {c.displayName} ({c.identities.map((i) => i.handle ?? i.displayName).join(', ')}){' '}
                    <button onClick={() => void run(linkCustomers(db, customerId, c.id))}>{t('customer.link')}</button>
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </details>
      ) : null}
    </>
  );
}
