/** "Insert" from the panel: relay to the page's composer and tell the agent what happened. */
import { insertIntoComposer } from './connection';
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
  busy: 'insert.busy',
};
import type { InsertMode } from '../messaging/protocol';

/**
 * `conversationId` (the platform's id of the conversation the panel shows): the page refuses the
 * insert when it has moved on to another conversation, so one customer's reply never lands in
 * another's composer.
 */
export async function insertAndReport(text: string, mode: InsertMode = 'caret', conversationId?: string): Promise<boolean> {
  const notify = usePanelStore.getState().notify;
  try {
    const outcome = await insertIntoComposer(text, mode, conversationId);
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
