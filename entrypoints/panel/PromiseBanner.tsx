import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useLiveQuery } from 'dexie-react-hooks';
import { acceptPromise } from '../../lib/panel/promises';
import { pendingPromises, promiseKey, settlePromise, type PendingPromise } from '../../lib/db/repositories/promises';
import { transitionCase, getCase, casesForCustomer } from '../../lib/db/repositories/cases';
import { forCustomerWithLinks } from '../../lib/panel/queries';
import { usePanelStore } from '../../lib/store/panel-store';
import { t, formatDateTime } from '../../lib/i18n';
import type { TabState } from '../../lib/messaging/protocol';
import type { ConversationContext } from './context';
import { saveFailedText } from '../../lib/panel/save-error';
import { answered } from '../../lib/panel/connection';
import { focusPast } from '../../components/focus';

/**
 * What just happened in the conversation that needs the agent's decision: a promise they made
 * in an outgoing reply (add a follow-up with the parsed due time?), or a customer writing again
 * on a resolved case (reopen it?). Never decided automatically.
 */
export function PromiseBanner(props: ConversationContext & { reopenOffer: TabState['reopenOffer'] }) {
  const { db, brandId, customerId, conversationId, reopenOffer } = props;
  // The promises made in this conversation that the agent has not answered (kept in the
  // database: they wait there, and in the Work list, however long the agent takes).
  // Tagged with what they were read for: after a switch useLiveQuery keeps returning the previous
  // result until the new read completes, and another brand's or conversation's promise (with
  // working buttons) must never show meanwhile.
  const read = useLiveQuery(
    async () => ({ brandId, conversationId, list: (await pendingPromises(db, brandId)).filter((p) => p.conversationId === conversationId) }),
    [db, brandId, conversationId],
  );
  const proposals = read && read.brandId === brandId && read.conversationId === conversationId ? read.list : undefined;
  const dismissed = usePanelStore((s) => s.dismissed);
  const dismiss = usePanelStore((s) => s.dismiss);
  const notify = usePanelStore((s) => s.notify);
  // The case the offer names, while reopening it is still the agent's choice: the background
  // withdraws an offer only at the next capture, and once another case of this person (or of a
  // linked identity) is going on in this conversation (the agent opened one instead), reopening
  // would make two active cases on one conversation.
  const offerRead = useLiveQuery(async () => {
    const kase = reopenOffer ? ((await getCase(db, brandId, reopenOffer.caseId)) ?? null) : null;
    if (!kase) return { brandId, customerId, conversationId, kase };
    const theirs = await forCustomerWithLinks(db, brandId, customerId, (id) => casesForCustomer(db, brandId, id));
    const taken = theirs.some((c) => c.id !== kase.id && c.status !== 'resolved' && c.conversationIds.includes(conversationId));
    return { brandId, customerId, conversationId, kase: taken ? null : kase };
  }, [db, brandId, customerId, conversationId, reopenOffer]);
  // Likewise: only the case this offer (of this brand and conversation) names, never the one a
  // previous read found.
  const offeredCase =
    offerRead && offerRead.brandId === brandId && offerRead.customerId === customerId && offerRead.conversationId === conversationId ? offerRead.kase : null;
  const reopenCase = offeredCase && offeredCase.brandId === brandId && offeredCase.id === reopenOffer?.caseId ? offeredCase : null;
  const fail = (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) });
  const adding = useOneAtATime();
  // A double click on Reopen must not try twice: the second try, on the case's old revision,
  // would be refused as "changed elsewhere".
  const reopening = useOneAtATime();

  const pending = (proposals ?? []).filter((p) => !dismissed[promiseKey(p)]);
  // Each answer removes its banner, and the focused button with it: focus moves on first (see
  // focusPastBanner), so a keyboard user is not sent back to the top of the panel.
  const acceptProposal = (p: PendingPromise, banner: HTMLElement | null) =>
    acceptPromise(db, brandId, p)
      .then(() => {
        focusPastBanner(banner);
        dismiss(promiseKey(p));
      })
      .catch(fail);
  // Hidden at once here, and settled in the database (the Work list and other panels follow).
  const dismissProposal = (p: PendingPromise, banner: HTMLElement | null) => {
    focusPastBanner(banner);
    dismiss(promiseKey(p));
    void settlePromise(db, brandId, p).catch(fail);
  };
  const answerReopen = (caseId: string, banner: HTMLElement | null) => {
    focusPastBanner(banner);
    dismiss(`reopen:${caseId}`);
    void answered({ reopenCaseId: caseId });
  };
  return (
    <>
      {pending.map((p) => {
        const key = promiseKey(p);
        return (
          <div key={key} className="cs-banner" role="status" data-testid="promise-proposal">
            <p>{t('promise.detected', { phrase: p.phrase })}</p>
            <button
              className="primary"
              aria-busy={adding.busy}
              onClick={(e) => {
                const banner = bannerOf(e.currentTarget);
                void adding.run(() => acceptProposal(p, banner));
              }}
            >
              {t('promise.add', { when: formatDateTime(p.dueAt) })}
            </button>
            <button onClick={(e) => dismissProposal(p, bannerOf(e.currentTarget))}>{t('promise.dismiss')}</button>
          </div>
        );
      })}
      {reopenOffer && reopenCase?.status === 'resolved' && !dismissed[`reopen:${reopenCase.id}`] ? (
        <div className="cs-banner" role="status" data-testid="reopen-offer">
          <p>{t('case.reopenOffer', { ref: reopenCase.reference })}</p>
          <button
            className="primary"
            aria-busy={reopening.busy}
            onClick={(e) => {
              const banner = bannerOf(e.currentTarget);
              void reopening.run(() =>
                transitionCase(db, brandId, reopenCase.id, 'open', reopenCase.revision)
                  .then(() => answerReopen(reopenCase.id, banner))
                  .catch(fail),
              );
            }}
          >
            {t('case.reopen')}
          </button>
          <button onClick={(e) => answerReopen(reopenCase.id, bannerOf(e.currentTarget))}>{t('promise.dismiss')}</button>
        </div>
      ) : null}
    </>
  );
}

const BANNER = '[data-testid="promise-proposal"], [data-testid="reopen-offer"]';
const bannerOf = (button: HTMLElement) => button.closest<HTMLElement>(BANNER);

/**
 * Before a banner goes: focus moves to the next banner's first button (else the previous one's),
 * else to the customer card's heading, else the panel's heading.
 */
function focusPastBanner(banner: HTMLElement | null): void {
  focusPast(
    banner,
    (el) => (el.matches(BANNER) ? el.querySelector<HTMLButtonElement>('button') : null),
    () => document.querySelector<HTMLElement>('h2.cs-card-name') ?? document.querySelector<HTMLElement>('h1'),
  );
}
