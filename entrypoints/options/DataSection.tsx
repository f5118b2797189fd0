import { useState } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { backupFileName, exportBackup } from '../../lib/import-export/export';
import { applyRestore, parseBackup, planRestore, type RestorePlan, type RestorePolicy } from '../../lib/import-export/restore';
import type { Backup } from '../../lib/import-export/backup-schema';
import { importCsv, sniffCsv, type CsvMapping, type SniffResult } from '../../lib/import-export/csv-import';
import { eraseCustomer, planEraseCustomer, pruneBrand } from '../../lib/db/retention';
import { toStorageError } from '../../lib/db/errors';
import { downloadBlob } from '../../lib/panel/download';

type Progress = { label: string; done: number; total: number } | null;

const countsLine = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n.toLocaleString()} ${k}`)
    .join(', ') || 'nothing';

export function DataSection({ db, brandId }: { db: CasesideDb; brandId: string | null }) {
  const brand = useLiveQuery(() => (brandId ? db.brands.get(brandId) : undefined), [db, brandId]);
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: toStorageError(e).message });

  const exportNow = async (scope: 'all' | 'brand') => {
    setMessage(null);
    try {
      const s = scope === 'all' || !brandId ? ({ kind: 'all' } as const) : ({ kind: 'brand', brandId } as const);
      const blob = await exportBackup(db, s, (p) => setProgress({ label: `Exporting ${p.table}`, done: p.done, total: p.total }));
      downloadBlob(blob, backupFileName(s, Date.now(), brand?.name));
      setMessage({ kind: 'info', text: `Backup saved (${(blob.size / 1024).toFixed(0)} KB).` });
    } catch (e) {
      fail(e);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section id="data" aria-labelledby="data-h">
      <h2 id="data-h">Your data</h2>
      <p className="cs-muted">
        Everything Caseside knows is stored in this browser profile only (IndexedDB of the extension). Back it up here; nothing is
        ever sent anywhere.
      </p>
      <h3>Backup</h3>
      <div className="cs-row">
        <button onClick={() => void exportNow('all')}>Export everything</button>
        {brand ? <button onClick={() => void exportNow('brand')}>Export {brand.name} only</button> : null}
      </div>
      <RestoreForm db={db} setProgress={setProgress} setMessage={setMessage} />
      {brandId ? <CsvImportForm db={db} brandId={brandId} setProgress={setProgress} setMessage={setMessage} /> : null}
      {brandId && brand ? (
        <>
          <h3>Retention</h3>
          <p>
            {brand.retentionMonths
              ? `${brand.name} keeps ${brand.retentionMonths} months of history; older messages are removed daily.`
              : `${brand.name} keeps history forever (change it under Brands).`}{' '}
            {brand.retentionMonths ? (
              <button
                onClick={() =>
                  void pruneBrand(db, brandId, Date.now())
                    .then((r) => setMessage({ kind: 'info', text: `Removed ${r.messages} messages, ${r.conversations} conversations, ${r.customers} customers.` }))
                    .catch(fail)
                }
              >
                Apply now
              </button>
            ) : null}
          </p>
          <EraseCustomer db={db} brandId={brandId} setMessage={setMessage} />
        </>
      ) : null}
      {progress ? (
        <div role="status" aria-live="polite">
          {progress.label}: {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          <progress value={progress.done} max={Math.max(1, progress.total)} />
        </div>
      ) : null}
      {message ? (
        <p role={message.kind === 'error' ? 'alert' : 'status'} data-testid="data-message" className={message.kind === 'error' ? 'cs-danger' : ''}>
          {message.text}
        </p>
      ) : null}
    </section>
  );
}

interface FormProps {
  db: CasesideDb;
  setProgress: (p: Progress) => void;
  setMessage: (m: { kind: 'error' | 'info'; text: string } | null) => void;
}

function RestoreForm({ db, setProgress, setMessage }: FormProps) {
  const [backup, setBackup] = useState<Backup | null>(null);
  const [summary, setSummary] = useState<string>('');
  const [policy, setPolicy] = useState<RestorePolicy>('keep-newer');
  const [plan, setPlan] = useState<RestorePlan | null>(null);
  const choose = async (file: File) => {
    setMessage(null);
    setPlan(null);
    setBackup(null);
    const parsed = await parseBackup(file);
    if (!parsed.ok) return setMessage({ kind: 'error', text: `This file cannot be restored, nothing was changed. ${parsed.error}` });
    setBackup(parsed.backup);
    setSummary(
      `Backup of ${new Date(parsed.summary.exportedAt).toLocaleString()}: ${countsLine(parsed.summary.counts)}` +
        (parsed.summary.brands.length ? ` (brands: ${parsed.summary.brands.map((b) => b.name).join(', ')})` : ''),
    );
    setPlan(await planRestore(db, parsed.backup, policy));
  };
  const replan = async (p: RestorePolicy) => {
    setPolicy(p);
    if (backup) setPlan(await planRestore(db, backup, p));
  };
  const apply = async () => {
    if (!backup) return;
    try {
      const done = await applyRestore(db, backup, policy, (p) => setProgress({ label: `Restoring ${p.table}`, done: p.done, total: p.total }));
      setMessage({ kind: 'info', text: `Restored: ${done.totals.adds} added, ${done.totals.replaces} replaced, ${done.totals.skips} kept as they were.` });
      setBackup(null);
      setPlan(null);
    } catch (e) {
      setMessage({ kind: 'error', text: `Restore failed and nothing was changed: ${toStorageError(e).message}` });
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <h3>Restore a backup</h3>
      <input type="file" accept=".json,application/json" aria-label="Backup file" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
      {backup && plan ? (
        <div className="cs-list" data-testid="restore-plan">
          <p>{summary}</p>
          <label>
            Records that already exist:{' '}
            <select aria-label="Merge policy" value={policy} onChange={(e) => void replan(e.target.value as RestorePolicy)}>
              <option value="keep-newer">keep the newer one</option>
              <option value="skip">keep what is stored (skip)</option>
              <option value="replace">replace with the backup</option>
            </select>
          </label>
          <p>
            This will add {plan.totals.adds.toLocaleString()}, replace {plan.totals.replaces.toLocaleString()} and leave{' '}
            {plan.totals.skips.toLocaleString()} records as they are.
          </p>
          <div className="cs-row">
            <button className="primary" onClick={() => void apply()}>
              Restore
            </button>
            <button onClick={() => setBackup(null)}>Cancel</button>
          </div>
        </div>
      ) : null}
    </>
  );
}

function CsvImportForm({ db, brandId, setProgress, setMessage }: FormProps & { brandId: string }) {
  const [file, setFile] = useState<File | null>(null);
  const [sniff, setSniff] = useState<SniffResult | null>(null);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [platform, setPlatform] = useState<'x' | 'facebook'>('x');
  const [brandAuthors, setBrandAuthors] = useState('');
  const choose = async (f: File) => {
    setMessage(null);
    setFile(f);
    const s = sniffCsv(await f.slice(0, 2 * 1024 * 1024).text());
    setSniff(s);
    setMapping(s.mapping);
    if (s.error) setMessage({ kind: 'error', text: s.error });
  };
  const remap = async (m: CsvMapping) => {
    setMapping(m);
    if (file) setSniff(sniffCsv(await file.slice(0, 2 * 1024 * 1024).text(), m));
  };
  const run = async () => {
    if (!file || !mapping) return;
    const result = await importCsv(db, {
      file,
      brandId,
      platform,
      mapping,
      brandAuthors: brandAuthors.split(',').map((s) => s.trim()).filter(Boolean),
      onlyBrandThreads: !!brandAuthors.trim(),
      onProgress: (p) => setProgress({ label: p.phase === 'read' ? 'Reading' : 'Writing', done: p.done, total: p.total }),
    }).finally(() => setProgress(null));
    if (!result.ok) {
      setMessage({ kind: 'error', text: `Nothing imported. ${result.error}${result.errors[0] ? ` (line ${result.errors[0].line}: ${result.errors[0].message})` : ''}` });
      return;
    }
    setMessage({
      kind: 'info',
      text: `Imported ${result.messages.toLocaleString()} messages in ${result.conversations.toLocaleString()} conversations from ${result.customers.toLocaleString()} customers (${result.skipped.toLocaleString()} rows skipped).`,
    });
    setFile(null);
    setSniff(null);
  };
  const columns = sniff?.columns ?? [];
  const generic = mapping?.layout === 'generic' ? mapping : null;
  const field = (key: 'conversation' | 'customer' | 'direction' | 'time' | 'text') => (
    <label key={key}>
      {key}{' '}
      <select
        aria-label={`Column for ${key}`}
        value={generic?.[key] ?? ''}
        onChange={(e) => void remap({ ...(generic ?? { layout: 'generic', conversation: '', customer: '', direction: '', time: '', text: '' }), [key]: e.target.value })}
      >
        <option value="">—</option>
        {columns.map((c) => (
          <option key={c}>{c}</option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      <h3>Import past conversations (CSV)</h3>
      <p className="cs-muted">
        Either the support-tweet layout (tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id) or
        any file with conversation, customer, direction, time and text columns.
      </p>
      <input type="file" accept=".csv,text/csv" aria-label="CSV file" onChange={(e) => e.target.files?.[0] && void choose(e.target.files[0])} />
      {sniff ? (
        <div data-testid="csv-preview">
          <div className="cs-row">
            <label>
              Layout{' '}
              <select
                aria-label="CSV layout"
                value={mapping?.layout ?? ''}
                onChange={(e) => void remap(e.target.value === 'twcs' ? { layout: 'twcs' } : { layout: 'generic', conversation: '', customer: '', direction: '', time: '', text: '' })}
              >
                <option value="twcs">Support tweets (tweet_id…)</option>
                <option value="generic">Generic</option>
              </select>
            </label>
            <label>
              Platform{' '}
              <select aria-label="Platform" value={platform} onChange={(e) => setPlatform(e.target.value as 'x' | 'facebook')}>
                <option value="x">X</option>
                <option value="facebook">Facebook</option>
              </select>
            </label>
            <label>
              Brand author ids (optional){' '}
              <input aria-label="Brand author ids" placeholder="e.g. AppleSupport" value={brandAuthors} onChange={(e) => setBrandAuthors(e.target.value)} />
            </label>
          </div>
          {mapping?.layout === 'generic' ? <div className="cs-row">{(['conversation', 'customer', 'direction', 'time', 'text'] as const).map(field)}</div> : null}
          <p>About {sniff.rowCount.toLocaleString()} rows. First rows:</p>
          <table className="cs-table">
            <tbody>
              {sniff.preview.slice(0, 8).map((r) =>
                'message' in r ? (
                  <tr key={r.line} className="cs-danger">
                    <td>line {r.line}</td>
                    <td colSpan={3}>{r.message}</td>
                  </tr>
                ) : (
                  <tr key={r.line}>
                    <td>{r.direction === 'out' ? 'brand' : (r.customer ?? r.author)}</td>
                    <td>{new Date(r.sentAt).toLocaleString()}</td>
                    <td>{r.text.slice(0, 120)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <button className="primary" disabled={!mapping} onClick={() => void run()}>
            Import
          </button>
        </div>
      ) : null}
    </>
  );
}

function EraseCustomer({ db, brandId, setMessage }: { db: CasesideDb; brandId: string; setMessage: FormProps['setMessage'] }) {
  const [query, setQuery] = useState('');
  const matches = useLiveQuery(async () => {
    const q = query.trim().toLowerCase();
    if (q.length < 2) return [];
    return db.customers
      .where('brandId')
      .equals(brandId)
      .filter((c) => c.displayName.toLowerCase().includes(q) || c.identities.some((i) => i.handle?.toLowerCase().includes(q)))
      .limit(10)
      .toArray();
  }, [db, brandId, query]);
  const [confirm, setConfirm] = useState<{ id: string; text: string } | null>(null);
  return (
    <>
      <h3>Erase a customer</h3>
      <input type="search" aria-label="Find customer to erase" placeholder="Name or handle" value={query} onChange={(e) => setQuery(e.target.value)} />
      <ul className="cs-list">
        {matches?.map((c) => (
          <li key={c.id}>
            {c.displayName} <span className="cs-muted">{c.identities.map((i) => i.handle).join(', ')}</span>{' '}
            <button
              onClick={() =>
                void planEraseCustomer(db, c.id).then((p) =>
                  setConfirm({ id: c.id, text: `Erase ${c.displayName}: ${countsLine(p as unknown as Record<string, number>)}. This cannot be undone.` }),
                )
              }
            >
              Erase…
            </button>
          </li>
        ))}
      </ul>
      {confirm ? (
        <p role="alertdialog" aria-label="Confirm erase">
          {confirm.text}{' '}
          <button
            className="cs-danger"
            onClick={() =>
              void eraseCustomer(db, confirm.id)
                .then(() => setMessage({ kind: 'info', text: 'Customer erased.' }))
                .catch((e: unknown) => setMessage({ kind: 'error', text: toStorageError(e).message }))
                .finally(() => setConfirm(null))
            }
          >
            Erase everything
          </button>{' '}
          <button onClick={() => setConfirm(null)}>Cancel</button>
        </p>
      ) : null}
    </>
  );
}
