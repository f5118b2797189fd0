/**
 * The panel's message for a write that failed: the storage reason (lib/db/errors.ts, which
 * starts "Could not save: …" for pages that show it alone) inside the panel's own sentence, which
 * already says "Could not save" and that the agent's text is kept.
 */
import { toStorageError } from '../db/errors';
import { t } from '../i18n';

export function saveFailedText(e: unknown): string {
  // The sentence's own opening in the interface language ("Could not save: ", "No se pudo
  // guardar: "), taken off the reason so it is said once.
  const opening = t('error.saveFailed', { message: '\u0000' }).split('\u0000')[0]!.trim();
  let reason = toStorageError(e).message.trim();
  for (const prefix of new Set([opening, 'Could not save:'])) {
    if (prefix && reason.toLowerCase().startsWith(prefix.toLowerCase())) reason = reason.slice(prefix.length).trimStart();
  }
  return t('error.saveFailed', { message: reason });
}
