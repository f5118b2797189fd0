/**
 * A dedicated worker that reads and validates a backup file (parseBackup), so the options page
 * stays responsive while a large backup is checked (about 3 s for 141,000 rows on the bench
 * machine: JSON.parse with its reviver, then the schema). Started by parseBackupOffThread.
 *
 * The problems it reports are in the page's interface language: the worker would pick the same
 * one from its own navigator.language, but the page sends the one it uses (setLocale), so the
 * two can never disagree.
 */
import { type Locale, setLocale, t } from '../i18n';
import { parseBackup } from './parse-backup';
import { unreadableFileReason } from './text-encoding';

export type BackupWorkerRequest = { input: Blob; maxBytes?: number; locale?: Locale };

self.onmessage = async (event: MessageEvent<BackupWorkerRequest>) => {
  const { input, maxBytes, locale } = event.data;
  if (locale === 'en' || locale === 'es') setLocale(locale);
  try {
    self.postMessage(await parseBackup(input, { maxBytes }));
  } catch (error) {
    // parseBackup never throws for bad input; this is the worker itself failing (e.g. out of memory).
    self.postMessage({ ok: false, error: t('import.unreadable', { reason: unreadableFileReason(error) }) });
  }
};
