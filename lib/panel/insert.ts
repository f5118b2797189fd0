/** "Insert" from the panel: relay to the page's composer and tell the agent what happened. */
import { insertIntoComposer } from './connection';
import { usePanelStore } from '../store/panel-store';
import { t } from '../i18n';
import type { InsertMode } from '../messaging/protocol';

export async function insertAndReport(text: string, mode: InsertMode = 'caret'): Promise<boolean> {
  const notify = usePanelStore.getState().notify;
  try {
    const outcome = await insertIntoComposer(text, mode);
    if (outcome.ok) {
      notify({ kind: 'info', text: t('suggest.inserted') });
      return true;
    }
    notify({
      kind: 'error',
      text: outcome.copiedToClipboard ? t('suggest.copied', { reason: outcome.reason }) : t('suggest.failed', { reason: outcome.reason }),
    });
  } catch {
    notify({ kind: 'error', text: t('suggest.failed', { reason: 'the page did not answer.' }) });
  }
  return false;
}
