/**
 * parseBackup in a dedicated worker when the page can start one (the options page), in the
 * page itself otherwise (unit tests, or a worker that fails to start). Same result either way:
 * the worker runs the same function (in the page's interface language) and the result is
 * structured-cloned back.
 */
import { parseBackup, type ParseBackupResult } from './parse-backup';
import type { BackupWorkerRequest } from './backup-worker';
import { getLocale } from '../i18n';

export async function parseBackupOffThread(input: Blob, options: { maxBytes?: number } = {}): Promise<ParseBackupResult> {
  if (typeof Worker === 'undefined') return parseBackup(input, options);
  let worker: Worker;
  try {
    worker = new Worker(new URL('./backup-worker.ts', import.meta.url), { type: 'module', name: 'caseside-backup-reader' });
  } catch {
    return parseBackup(input, options);
  }
  try {
    return await new Promise<ParseBackupResult>((resolve, reject) => {
      worker.onmessage = (event: MessageEvent<ParseBackupResult>) => resolve(event.data);
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message || 'worker failed'));
      };
      // The worker reports problems in the language the page uses.
      worker.postMessage({ input, maxBytes: options.maxBytes, locale: getLocale() } satisfies BackupWorkerRequest);
    });
  } catch {
    // The worker could not run (blocked, or crashed while starting): read the file here instead.
    return parseBackup(input, options);
  } finally {
    worker.terminate();
  }
}
