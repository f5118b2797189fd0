import { usePageLimit } from '../../components/use-page-limit';
import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { latestOf, listCases, type CaseFilter } from '../../lib/db/repositories/cases';
import { followUpsWithoutCase } from '../../lib/db/repositories/follow-ups';
import { pendingPromises, promiseKey, settlePromise } from '../../lib/db/repositories/promises';
import { acceptPromise } from '../../lib/panel/promises';
import { usePanelStore } from '../../lib/store/panel-store';
import { saveFailedText } from '../../lib/panel/save-error';
import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useNow } from '../../components/use-now';
import { t, formatDateTime, formatRelative } from '../../lib/i18n';
import { isHttpsUrl } from '../../lib/https-url';
import { IncidentsSection } from './IncidentsSection';
import { focusPast } from '../../components/focus';

const WORK_PAGE = 50;

/**
 * Per brand: open, waiting and overdue cases, most urgent first, each opening its conversation;
 * the follow-ups that belong to no case (a promise accepted with no case open); and the promises
 * the agent made but has not answered yet (add the follow-up or dismiss, from here), so the list
 * holds everything the badge counts. Known issues (IncidentsSection) come first: during one, who
 * is still waiting for the answer is the most urgent list.
 */
export function WorkSection({ db, brandId }: { db: CasesideDb; brandId: string }) {
  const [filter, setFilter] = useState<CaseFilter>('open');
  const now = useNow(30_000);
  // Most urgent first, WORK_PAGE at a time: a brand with thousands of open cases stays quick.
  const { limit, showMore } = usePageLimit(WORK_PAGE, `${brandId}\n${filter}`);
  const items = useLiveQuery(async () => {
    const ours = filter !== 'waiting';
    const [all, loose, pending] = await Promise.all([
      listCases(db, brandId, filter, now),
      ours ? followUpsWithoutCase(db, brandId) : [],
      ours ? pendingPromises(db, brandId) : [],
    ]);
    const list = all.slice(0, limit);
    const due = filter === 'overdue' ? loose.filter((f) => f.dueAt <= now) : loose;
    const promises = (filter === 'overdue' ? pending.filter((p) => p.dueAt <= now) : pending).sort((a, b) => a.dueAt - b.dueAt);
    const ids = [...new Set([...list.map((i) => i.case.customerId), ...due.map((f) => f.customerId), ...promises.map((p) => p.customerId)])];
    const customers = new Map((await db.customers.bulkGet(ids)).filter((c) => !!c).map((c) => [c!.id, c!]));
    const convIds = [...new Set([...list.flatMap((i) => i.case.conversationIds), ...due.map((f) => f.conversationId ?? ''), ...promises.map((p) => p.conversationId)])];
    const convs = new Map((await db.conversations.bulkGet(convIds)).filter((c) => !!c).map((c) => [c!.id, c!]));
    return {
      total: all.length,
      // A case links to where it is going on now: the most recent of its conversations (a public
      // complaint moved to DMs opens the DM).
      cases: list.map((i) => ({ ...i, customer: customers.get(i.case.customerId), conversation: latestOf(i.case.conversationIds.map((id) => convs.get(id)), brandId) })),
      followUps: due.map((f) => ({ followUp: f, customer: customers.get(f.customerId), conversation: convs.get(f.conversationId ?? '') })),
      // A promise whose customer is gone (erased) has nothing left to follow up.
      promises: promises.flatMap((p) => (customers.has(p.customerId) ? [{ promise: p, customer: customers.get(p.customerId)!, conversation: convs.get(p.conversationId) }] : [])),
    };
  }, [db, brandId, filter, now, limit]);
  const notify = usePanelStore((s) => s.notify);
  const fail = (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) });
  const answering = useOneAtATime();
  const openLink = (url: string | undefined) =>
    isHttpsUrl(url) ? (
      <a href={url} target="_top" rel="noopener noreferrer">
        {t('history.openConversation')}
      </a>
    ) : null;
  return (
    <section aria-label={t('work.title')}>
      <IncidentsSection db={db} brandId={brandId} now={now} />
      <h3 id={`work-cases-${brandId}`} className="cs-subtitle" tabIndex={-1}>
        {t('work.cases')}
      </h3>
      <div className="cs-row" role="radiogroup" aria-labelledby={`work-cases-${brandId}`}>
        {(['overdue', 'open', 'waiting'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="work-filter" checked={filter === f} onChange={() => setFilter(f)} /> {t(`work.${f}`)}
          </label>
        ))}
      </div>
      <ul className="cs-list" data-testid="work-list">
        {items && items.cases.length === 0 && items.followUps.length === 0 && items.promises.length === 0 ? <li className="cs-muted">{t(`work.empty.${filter}`)}</li> : null}
        {items?.cases.map((i) => (
          <li key={i.case.id} className={i.overdue ? 'cs-danger' : ''}>
            <strong>{i.case.reference}</strong> · {i.customer?.displayName ?? t('customer.unknownName')} · {t(`status.${i.case.status}`)} · {t(`priority.${i.case.priority}`)}
            {i.nextDueAt ? (
              <div className="cs-muted">
                {formatDateTime(i.nextDueAt)} ({formatRelative(i.nextDueAt, now)}
                {i.overdue ? `, ${t('case.overdue')}` : ''})
              </div>
            ) : null}
            {openLink(i.conversation?.url)}
          </li>
        ))}
      </ul>
      {items && items.total > items.cases.length ? (
        <p className="cs-row" data-testid="work-more">
          <span className="cs-muted">{t('work.showing', { shown: items.cases.length.toLocaleString(), total: items.total.toLocaleString() })}</span>
          <button onClick={showMore}>{t('kb.showMore', { count: WORK_PAGE.toLocaleString() })}</button>
        </p>
      ) : null}
      {items?.followUps.length ? (
        <>
          <h3 className="cs-subtitle">{t('work.noCase')}</h3>
          <ul className="cs-list" data-testid="work-follow-ups">
            {items.followUps.map(({ followUp: f, customer, conversation }) => (
              <li key={f.id} className={f.dueAt <= now ? 'cs-danger' : ''}>
                <strong>{customer?.displayName ?? t('customer.unknownName')}</strong> · {f.reason}
                <div className="cs-muted">
                  {formatDateTime(f.dueAt)} ({formatRelative(f.dueAt, now)}
                  {f.dueAt <= now ? `, ${t('case.overdue')}` : ''})
                </div>
                {openLink(conversation?.url)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {items?.promises.length ? (
        <>
          <h3 className="cs-subtitle" tabIndex={-1}>
            {t('work.promises')}
          </h3>
          <ul className="cs-list" data-testid="work-promises">
            {items.promises.map(({ promise: p, customer, conversation }) => (
              <li key={promiseKey(p)} className={p.dueAt <= now ? 'cs-danger' : ''}>
                <strong>{customer.displayName || t('customer.unknownName')}</strong> · {t('promise.detected', { phrase: p.phrase })}
                <div className="cs-muted">
                  {formatDateTime(p.dueAt)} ({formatRelative(p.dueAt, now)}
                  {p.dueAt <= now ? `, ${t('case.overdue')}` : ''})
                </div>
                <div className="cs-row">
                  {/* Named with the promise and the customer: a screen reader tells two rows apart. */}
                  <button
                    className="primary"
                    data-promise-action
                    aria-label={t('promise.addNamed', { when: formatDateTime(p.dueAt), phrase: p.phrase, name: customer.displayName || t('customer.unknownName') })}
                    aria-busy={answering.busy}
                    onClick={(e) => {
                      const row = e.currentTarget.closest('li');
                      void answering.run(() =>
                        acceptPromise(db, brandId, p).then(() => focusPastPromise(row), fail),
                      );
                    }}
                  >
                    {t('promise.add', { when: formatDateTime(p.dueAt) })}
                  </button>
                  <button
                    aria-label={t('promise.dismissNamed', { phrase: p.phrase, name: customer.displayName || t('customer.unknownName') })}
                    onClick={(e) => {
                      const row = e.currentTarget.closest('li');
                      void settlePromise(db, brandId, p).then(() => focusPastPromise(row), fail);
                    }}
                  >
                    {t('promise.dismiss')}
                  </button>
                  {openLink(conversation?.url)}
                </div>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

/**
 * An answered promise leaves the list: focus moves to the next row's first button (else the
 * previous row's), else to the work list's Cases heading (the "Promises" heading and its list go
 * with the last row).
 */
function focusPastPromise(row: HTMLLIElement | null): void {
  focusPast(
    row,
    (li) => li.querySelector<HTMLButtonElement>('button[data-promise-action]'),
    () => row?.closest('section')?.querySelector<HTMLElement>('h3[id^="work-cases-"]') ?? null,
  );
}
