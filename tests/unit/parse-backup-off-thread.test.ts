/**
 * parseBackupOffThread: the options page reads backups in a worker (the e2e test
 * options-import.spec.ts checks the worker in Chromium). Here: where no worker can start — the
 * unit DOM, a worker that fails to load — it gives exactly parseBackup's result in the page.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { exportBackup } from '../../lib/import-export/export';
import { parseBackup } from '../../lib/import-export/restore';
import { parseBackupOffThread } from '../../lib/import-export/parse-backup-off-thread';
import { freshDb, seed } from '../fixtures/db/helpers';

afterEach(() => vi.unstubAllGlobals());

async function sampleBackup(): Promise<Blob> {
  const db = freshDb('off-thread');
  await seed(db);
  return exportBackup(db, { kind: 'all' }, undefined, { now: 1_736_000_000_000 });
}

describe('parseBackupOffThread', () => {
  it('without Worker, reads in the page: same result as parseBackup, valid or not', async () => {
    vi.stubGlobal('Worker', undefined);
    const blob = await sampleBackup();
    const here = await parseBackup(blob);
    expect(here.ok).toBe(true);
    expect(await parseBackupOffThread(blob)).toEqual(here);
    const broken = new Blob(['{"format":"caseside-backup",']);
    expect(await parseBackupOffThread(broken)).toEqual(await parseBackup(broken));
    expect(await parseBackupOffThread(blob, { maxBytes: 10 })).toEqual({ ok: false, error: expect.stringMatching(/backups over 0 MB are refused/) as unknown as string });
  });

  it('falls back to the page when the worker fails to start, and ends the worker', async () => {
    const terminate = vi.fn();
    class FailingWorker {
      onmessage: ((e: MessageEvent) => void) | null = null;
      onerror: ((e: { message: string; preventDefault(): void }) => void) | null = null;
      postMessage() {
        queueMicrotask(() => this.onerror?.({ message: 'failed to load', preventDefault() {} }));
      }
      terminate = terminate;
    }
    vi.stubGlobal('Worker', FailingWorker);
    const blob = await sampleBackup();
    expect(await parseBackupOffThread(blob)).toEqual(await parseBackup(blob));
    expect(terminate).toHaveBeenCalledTimes(1);
  });

  it("returns the worker's answer when it runs", async () => {
    const answer = { ok: false, error: 'from the worker' };
    class EchoWorker {
      onmessage: ((e: { data: unknown }) => void) | null = null;
      postMessage(request: { input: Blob }) {
        expect(request.input).toBeInstanceOf(Blob);
        queueMicrotask(() => this.onmessage?.({ data: answer }));
      }
      terminate() {}
    }
    vi.stubGlobal('Worker', EchoWorker);
    expect(await parseBackupOffThread(new Blob(['{}']))).toEqual(answer);
  });
});
