/**
 * The panel's message for a write that failed: the storage reason (lib/db/errors.ts, which
 * starts "Could not save: …" for pages that show it alone) inside the panel's own sentence, which
 * already says "Could not save" and that the agent's text is kept.
 */
import { toStorageError } from '../db/errors';
import { t } from '../i18n';

export function saveFailedText(e: unknown): string {
  const reason = toStorageError(e).message.replace(/^Could not save:\s*/u, '');
  return t('error.saveFailed', { message: reason });
}
