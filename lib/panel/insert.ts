/** "Insert" from the panel: relay to the page's composer and tell the agent what happened. */
import { insertIntoComposer, type InsertTarget } from './connection';
import { leaves, scopeOf, usePanelStore } from '../store/panel-store';
import { t, type MessageKey } from '../i18n';
import type { InsertFailureCode } from '../platforms/insert/outcome';
import { copyToClipboard } from '../platforms/insert/clipboard';
import { keyLabels } from '../content/shortcut';

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
 * Failures after which the agent still wants the reply, to paste by hand. Not when it was written
 * for another conversation or account (pasting it there is what the refusal prevents), nor when
 * nothing was tried (empty, cancelled, another insert running).
 */
const COPY_WHEN: Record<InsertFailureCode, boolean> = {
  empty: false,
  aborted: false,
  gone: true,
  partial: true,
  duplicated: true,
  'kept-old': true,
  rejected: true,
  'no-composer': true,
  'no-answer': true,
  'other-conversation': false,
  'other-account': false,
  busy: false,
};

/**
 * `target` (the panel's snapshot: the conversation it shows and the account it was read under):
 * the page refuses the insert when it has moved on to another conversation or account, so one
 * customer's reply never lands in another's composer, nor one brand's in another brand's.
 *
 * The failure can come late (a page that never answers): the brand and conversation on screen at
 * the click are recorded, and when the panel has moved to another one meanwhile the reply is
 * neither copied nor offered there to copy by hand (it is that other customer's screen now); a
 * plain error says the insert into the conversation the agent left failed.
 */
export async function insertAndReport(text: string, mode: InsertMode = 'caret', target?: InsertTarget): Promise<boolean> {
  const notify = usePanelStore.getState().notify;
  const clickedIn = scopeOf(usePanelStore.getState().tab);
  const movedOn = () => leaves(clickedIn, usePanelStore.getState().tab);
  let code: InsertFailureCode;
  let copied: boolean;
  try {
    const outcome = await insertIntoComposer(text, mode, target);
    if (outcome.ok) {
      notify({ kind: 'info', text: t('suggest.inserted') });
      return true;
    }
    code = outcome.code;
    copied = outcome.copiedToClipboard;
  } catch {
    code = 'no-answer';
    copied = false;
  }
  // The code in the interface language; the English reason is the technical detail.
  const reason = t(INSERT_FAILURE_KEYS[code]);
  const leftBehind = () => {
    notify({ kind: 'error', text: t('suggest.failedEarlier', { reason }) });
    return false;
  };
  if (movedOn()) return leftBehind();
  if (!COPY_WHEN[code]) {
    notify({ kind: 'error', text: t('suggest.failed', { reason }) });
    return false;
  }
  // The page could not copy (its document had no focus or no user activation: the click was
  // here) or did not answer: copy here, in the page the agent clicked in (platforms/insert/clipboard.ts).
  if (!copied) copied = await copyToClipboard(text, document, { bySelection: true });
  if (movedOn()) return leftBehind();
  notify(
    copied ? { kind: 'error', text: t('suggest.copied', { reason, paste: keyLabels().paste }) } : { kind: 'error', text: t('suggest.copyFailed', { reason }), copyText: text },
    clickedIn,
  );
  return false;
}
