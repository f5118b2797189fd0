/**
 * A dedicated worker that reads and validates a backup file (parseBackup), so the options page
 * stays responsive while a large backup is checked (about 3 s for 141,000 rows on the bench
 * machine: JSON.parse with its reviver, then the schema). Started by parseBackupOffThread.
 */
import { parseBackup } from './parse-backup';

export type BackupWorkerRequest = { input: Blob; maxBytes?: number };

self.onmessage = async (event: MessageEvent<BackupWorkerRequest>) => {
  const { input, maxBytes } = event.data;
  try {
    self.postMessage(await parseBackup(input, { maxBytes }));
  } catch (error) {
    // parseBackup never throws for bad input; this is the worker itself failing (e.g. out of memory).
    self.postMessage({ ok: false, error: `The file could not be read: ${error instanceof Error ? error.message : String(error)}` });
  }
};
