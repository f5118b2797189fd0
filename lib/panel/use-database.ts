/**
 * Opens the extension's database for the panel or options page and reports failures
 * (blocked, quota, version error) as a readable state instead of a blank frame. When a newer
 * extension version upgrades the schema while the panel is open, the panel asks to reload.
 */
import { useEffect, useState } from 'react';
import { getDb, type CasesideDb } from '../db/schema';

export type DbState =
  | { status: 'opening' }
  | { status: 'ready'; db: CasesideDb }
  | { status: 'error'; message: string }
  | { status: 'upgraded' };

export function describeOpenError(e: unknown): string {
  const name = e instanceof Error ? e.name : '';
  const inner = (e as { inner?: { name?: string } } | null)?.inner?.name ?? '';
  const kind = `${name} ${inner}`;
  if (/Quota/.test(kind)) return 'The browser has no storage left for Caseside (quota exceeded).';
  if (/Version/.test(kind)) return 'The stored data is from a newer Caseside version. Update the extension.';
  if (/Blocked|Timeout/.test(kind)) return 'Another Caseside window is holding the database open (blocked). Close it and reload.';
  if (/Missing|Invalid|NotFound/.test(kind)) return 'The browser refused to open the database (private mode or storage disabled?).';
  return `The database could not be opened (${name || 'unknown error'}).`;
}

export function useDatabase(open: () => CasesideDb = getDb): DbState {
  const [state, setState] = useState<DbState>({ status: 'opening' });
  useEffect(() => {
    const db = open();
    let alive = true;
    const onVersionChange = () => alive && setState({ status: 'upgraded' });
    db.on('versionchange', onVersionChange);
    db.open()
      .then(() => alive && setState({ status: 'ready', db }))
      .catch((e: unknown) => alive && setState({ status: 'error', message: describeOpenError(e) }));
    return () => {
      alive = false;
      db.on('versionchange').unsubscribe(onVersionChange);
    };
  }, [open]);
  return state;
}
