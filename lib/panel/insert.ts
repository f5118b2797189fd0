/** "Insert" from the panel: relay to the page's composer and tell the agent what happened. */
import { insertIntoComposer, type InsertTarget } from './connection';
import { usePanelStore } from '../store/panel-store';
import { t, type MessageKey } from '../i18n';
import type { InsertFailureCode } from '../platforms/insert/outcome';

const INSERT_FAILURE_KEYS: Record<InsertFailureCode, MessageKey> = {
  empty: 'insert.empty',
  aborted: 'insert.aborted',
  gone: 'insert.gone',
  partial: 'insert.partial',
  duplicated: 'insert.duplicated',
  'kept-old': 'insert.kept-old',
  rejected: 'insert.rejected',
  'no-composer': 'insert.no-composer',
  'no-answer': 'insert.no-answer',
  'other-conversation': 'insert.other-conversation',
  'other-account': 'insert.other-account',
  busy: 'insert.busy',
};
import type { InsertMode } from '../messaging/protocol';

/**
 * `target` (the panel's snapshot: the conversation it shows and the account it was read under):
 * the page refuses the insert when it has moved on to another conversation or account, so one
 * customer's reply never lands in another's composer, nor one brand's in another brand's.
 */
export async function insertAndReport(text: string, mode: InsertMode = 'caret', target?: InsertTarget): Promise<boolean> {
  const notify = usePanelStore.getState().notify;
  try {
    const outcome = await insertIntoComposer(text, mode, target);
    if (outcome.ok) {
      notify({ kind: 'info', text: t('suggest.inserted') });
      return true;
    }
    // The code in the interface language; the English reason is the technical detail.
    const reason = t(INSERT_FAILURE_KEYS[outcome.code]);
    notify({ kind: 'error', text: outcome.copiedToClipboard ? t('suggest.copied', { reason }) : t('suggest.failed', { reason }) });
  } catch {
    notify({ kind: 'error', text: t('suggest.failed', { reason: t('insert.no-answer') }) });
  }
  return false;
}
