import { useLiveQuery } from 'dexie-react-hooks';
import { useState } from 'react';
import { loadCustomerView, suggestLinks, findSameName, linkCustomers, unlinkCustomers, editCustomerTags } from '../../lib/panel/queries';
import { parseTags, sameTags } from '../../lib/panel/tags';
import type { Customer } from '../../lib/db/records';
import { t, formatDateTime } from '../../lib/i18n';
import { CustomerCard } from '../../components/CustomerCard';
import { usePanelStore } from '../../lib/store/panel-store';
import type { ConversationContext } from './context';
import { saveFailedText } from '../../lib/panel/save-error';
import { LinkPicker, linkFailedText } from './LinkPicker';
import { saveCardCompact } from '../../lib/panel/card-compact';
import { useNow } from '../../components/use-now';

/** `compact`: the folded card (read once by the panel, not per conversation: lib/panel/card-compact.ts). */
export function CustomerSection({ db, brandId, customerId, compact = false }: ConversationContext & { compact?: boolean }) {
  // Tagged with what it was read for: after a switch useLiveQuery keeps returning the previous
  // result until the new read completes (long when the database is busy), and nothing of the
  // previous brand or customer may show meanwhile: the card waits instead.
  const read = useLiveQuery(async () => ({ brandId, customerId, view: await loadCustomerView(db, brandId, customerId) }), [db, brandId, customerId]);
  const view = read && read.brandId === brandId && read.customerId === customerId ? read.view : undefined;
  const notify = usePanelStore((s) => s.notify);
  // Overdue against a clock that moves on (and wakes when the next follow-up falls due), not the
  // time the query last ran: nothing is written when a follow-up falls due.
  const now = useNow(30_000, view?.followUps.map((f) => f.dueAt));
  if (!view) return null;
  const overdue = view.followUps.filter((f) => f.dueAt <= now);
  return (
    <>
      <CustomerCard
        customer={view.customer}
        linked={view.linked}
        conversationCount={view.conversations.length}
        messageCount={view.messageCount}
        openCase={view.openCase}
        overdue={overdue}
        labels={{
          firstContact: t('customer.firstContact'),
          firstSeen: t('customer.firstSeen'),
          lastSeen: t('customer.lastSeen'),
          conversations: t('customer.conversations'),
          messages: t('customer.messages'),
          openCase: t('customer.openCase'),
          overdue: t('customer.overdue'),
          tags: t('customer.tags'),
          showDetails: t('customer.showDetails'),
          hideDetails: t('customer.hideDetails'),
          statusLabel: (s) => t(`status.${s}`),
          formatTime: formatDateTime,
        }}
        compact={compact}
        onCompactChange={(next) => void saveCardCompact(next).catch((e: unknown) => notify({ kind: 'error', text: saveFailedText(e) }))}
      />
      {/* Compact: the tag editor and the linked identities wait behind the card's toggle. */}
      {compact ? null : (
        <>
          <CustomerTags key={`tags:${brandId}:${view.customer.id}`} {...{ db, brandId }} customer={view.customer} />
          <LinkedIdentities key={`links:${brandId}:${view.customer.id}`} db={db} customer={view.customer} linked={view.linked} />
        </>
      )}
    </>
  );
}

/** The customer's other identities: unlink one, link one suggested, found by name, or picked. */
function LinkedIdentities({ db, customer, linked }: { db: ConversationContext['db']; customer: Customer; linked: Customer[] }) {
  // Only suggestions read for this customer (a previous result stays until the new one is read).
  const suggested = useLiveQuery(async () => ({ customerId: customer.id, list: await suggestLinks(db, customer) }), [db, customer]);
  const suggestions = suggested?.customerId === customer.id ? suggested.list : undefined;
  const notify = usePanelStore((s) => s.notify);
  const [sameName, setSameName] = useState<Customer[] | null>(null);
  // A link or unlink: a refused link (a group too large) in its own words.
  const run = (p: Promise<void>) =>
    p.catch((e: unknown) => notify({ kind: 'error', text: linkFailedText(e) }));
  // Never the customer nor anyone linked to them, also once linked after the list was found
  // (the same-name list is found once, on the agent's click).
  const already = new Set([customer.id, ...(customer.linkedCustomerIds ?? [])]);
  const offered = [...(suggestions ?? []), ...(sameName ?? []).filter((c) => !suggestions?.some((x) => x.id === c.id))].filter(
    (c) => !already.has(c.id),
  );
  return (
    <details className="cs-links">
      <summary>
        {t('customer.linked')} ({linked.length})
      </summary>
      <ul>
        {linked.map((c) => (
          <li key={c.id}>
            {c.displayName}{' '}
            <button onClick={() => void run(unlinkCustomers(db, customer.id, c.id))}>{t('customer.unlink')}</button>
          </li>
        ))}
      </ul>
      {!sameName ? (
        <button
          onClick={() =>
            void findSameName(db, customer).then(setSameName, (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) }))
          }
        >
          {t('customer.findSameName')}
        </button>
      ) : sameName.length === 0 ? (
        <p className="cs-muted" role="status">
          {t('customer.noSameName')}
        </p>
      ) : null}
      {offered.length ? (
        <>
          <p>{t('customer.suggestedLinks')}</p>
          <ul>
            {offered.map((c) => (
              <li key={c.id}>
                {c.displayName} ({c.identities.map((i) => i.handle ?? i.displayName).join(', ')}){' '}
                <button onClick={() => void run(linkCustomers(db, customer.id, c.id))}>{t('customer.link')}</button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <LinkPicker key={customer.id} db={db} customer={customer} />
    </details>
  );
}

/**
 * The customer's tags ("vip, reseller"), saved when the field is left: the edit is applied to
 * the stored tags, so a change made meanwhile elsewhere is kept.
 */
function CustomerTags({ db, brandId, customer }: { db: ConversationContext['db']; brandId: string; customer: Customer }) {
  const [text, setText] = useState(customer.tags.join(', '));
  const [base, setBase] = useState(customer.tags);
  // Stored tags changed elsewhere while the field is untouched: it follows them.
  if (!sameTags(customer.tags, base) && sameTags(parseTags(text), base)) {
    setBase(customer.tags);
    setText(customer.tags.join(', '));
  }
  const notify = usePanelStore((s) => s.notify);
  const save = async () => {
    const next = parseTags(text);
    if (sameTags(next, base)) return;
    try {
      const stored = await editCustomerTags(db, brandId, customer.id, base, next);
      setBase(stored);
      setText(stored.join(', '));
    } catch (e) {
      notify({ kind: 'error', text: saveFailedText(e) });
    }
  };
  return (
    <label className="cs-row cs-customer-tags">
      {t('customer.tags')}{' '}
      <input aria-label={t('customer.tagsEdit')} placeholder={t('customer.tagsPlaceholder')} value={text} onChange={(e) => setText(e.target.value)} onBlur={() => void save()} />
    </label>
  );
}
