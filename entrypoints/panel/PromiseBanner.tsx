import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useLiveQuery } from 'dexie-react-hooks';
import { addFollowUp } from '../../lib/db/repositories/follow-ups';
import { casesForCustomer, transitionCase, getCase } from '../../lib/db/repositories/cases';
import { usePanelStore } from '../../lib/store/panel-store';
import { t, formatDateTime } from '../../lib/i18n';
import type { TabState } from '../../lib/messaging/protocol';
import type { ConversationContext } from './context';
import { forCustomerWithLinks } from '../../lib/panel/queries';
import { saveFailedText } from '../../lib/panel/save-error';
import { answered } from '../../lib/panel/connection';

/**
 * What just happened in the conversation that needs the agent's decision: a promise they made
 * in an outgoing reply (add a follow-up with the parsed due time?), or a customer writing again
 * on a resolved case (reopen it?). Never decided automatically.
 */
export function PromiseBanner(props: ConversationContext & { proposals: TabState['proposedFollowUps']; reopenOffer: TabState['reopenOffer'] }) {
  const { db, brandId, customerId, conversationId } = props;
  const dismissed = usePanelStore((s) => s.dismissed);
  const dismiss = usePanelStore((s) => s.dismiss);
  const notify = usePanelStore((s) => s.notify);
  // The person's open case, also when it was opened under a linked identity (as the card shows it).
  const openCase = useLiveQuery(
    async () =>
      (await forCustomerWithLinks(db, brandId, customerId, (id) => casesForCustomer(db, brandId, id)))
        .sort((a, b) => b.openedAt - a.openedAt)
        .find((c) => c.status !== 'resolved') ?? null,
    [db, brandId, customerId],
  );
  const reopenCase = useLiveQuery(async () => (props.reopenOffer ? ((await getCase(db, brandId, props.reopenOffer.caseId)) ?? null) : null), [db, brandId, props.reopenOffer]);
  const fail = (e: unknown) => notify({ kind: 'error', text: saveFailedText(e) });
  const adding = useOneAtATime();

  const pending = props.proposals.filter((p) => !dismissed[`${p.messageId}:${p.dueAt}`]);
  // Hidden at once here; the background forgets it too, so a reloaded panel does not ask again.
  const answerProposal = (p: TabState['proposedFollowUps'][number]) => {
    dismiss(`${p.messageId}:${p.dueAt}`);
    void answered({ proposal: { messageId: p.messageId, dueAt: p.dueAt } });
  };
  const answerReopen = (caseId: string) => {
    dismiss(`reopen:${caseId}`);
    void answered({ reopenCaseId: caseId });
  };
  return (
    <>
      {pending.map((p) => {
        const key = `${p.messageId}:${p.dueAt}`;
        return (
          <div key={key} className="cs-banner" role="status" data-testid="promise-proposal">
            <p>{t('promise.detected', { phrase: p.phrase })}</p>
            <button
              className="primary"
              aria-busy={adding.busy}
              onClick={() =>
                void adding.run(() =>
                  addFollowUp(db, { brandId, customerId: openCase?.customerId ?? customerId, caseId: openCase?.id ?? null, conversationId, dueAt: p.dueAt, reason: p.reason, source: 'promise' })
                    .then(() => answerProposal(p))
                    .catch(fail),
                )
              }
            >
              {t('promise.add', { when: formatDateTime(p.dueAt) })}
            </button>
            <button onClick={() => answerProposal(p)}>{t('promise.dismiss')}</button>
          </div>
        );
      })}
      {props.reopenOffer && reopenCase?.status === 'resolved' && !dismissed[`reopen:${reopenCase.id}`] ? (
        <div className="cs-banner" role="status" data-testid="reopen-offer">
          <p>{t('case.reopenOffer', { ref: reopenCase.reference })}</p>
          <button
            className="primary"
            onClick={() =>
              void transitionCase(db, brandId, reopenCase.id, 'open', reopenCase.revision)
                .then(() => answerReopen(reopenCase.id))
                .catch(fail)
            }
          >
            {t('case.reopen')}
          </button>
          <button onClick={() => answerReopen(reopenCase.id)}>{t('promise.dismiss')}</button>
        </div>
      ) : null}
    </>
  );
}
