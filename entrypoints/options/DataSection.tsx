import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useEffect, useRef, useState } from 'react';
import { FileInput } from '../../components/FileInput';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useReturnFocus } from '../../components/use-return-focus';
import { browser } from 'wxt/browser';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { backupFileName, exportBackup } from '../../lib/import-export/export';
import { applyRestore, planRestore, planRestoreRetention, type MergedCustomer, type RenamedReference, type RestorePlan, type RestorePolicy, type RetentionNote } from '../../lib/import-export/restore';
import { parseBackupOffThread } from '../../lib/import-export/parse-backup-off-thread';
import type { Backup } from '../../lib/import-export/backup-schema';
import { importCsv, sniffCsvFile, type CsvMapping, type SniffResult } from '../../lib/import-export/csv-import';
import { LEGACY_ENCODING } from '../../lib/import-export/text-encoding';
import { eraseCustomer, planEraseCustomer, planPruneBrand, pruneBrand, retentionCutoff, type PruneResult } from '../../lib/db/retention';
import { agentMessage, toStorageError } from '../../lib/db/errors';
import { downloadBlob } from '../../lib/panel/download';
import { formatBytes, t } from '../../lib/i18n';
import { countsText, plural, tableLabel } from './counts';

type Progress = { label: string; done: number; total: number } | null;

const countsLine = (counts: object) => countsText(counts, t('data.nothing'));

/** The columns of the support-tweet CSV layout, as they are named in the file. */
const TWCS_COLUMNS = 'tweet_id, author_id, inbound, created_at, text, response_tweet_id, in_response_to_tweet_id';
const POLICIES: RestorePolicy[] = ['keep-newer', 'skip', 'replace'];
const FIELDS = ['conversation', 'customer', 'direction', 'time', 'text'] as const;
type Field = (typeof FIELDS)[number];
const fieldLabel = (field: Field) => t(`data.column.${field}`);
const dateOf = (ms: number) => new Date(ms).toLocaleDateString();
/** "ACME-0003 → ACME-0004, …": backup cases restored under a new reference (restore.ts). */
const renamedLine = (renamed: RenamedReference[]) => (renamed.length ? t('data.restoreRenamed', { list: renamed.map((r) => `${r.from} → ${r.to}`).join(', ') }) : '');

/** "Dana Example, …": backup customers merged into the stored record of the same person (restore.ts). */
const mergedLine = (merged: MergedCustomer[]) => (merged.length ? t('data.restoreMerged', { list: [...new Set(merged.map((m) => m.name))].join(', ') }) : '');

export function DataSection({ db, brandId }: { db: CasesideDb; brandId: string | null }) {
  const brand = useLiveQuery(() => (brandId ? db.brands.get(brandId) : undefined), [db, brandId]);
  const [progress, setProgress] = useState<Progress>(null);
  const [message, setMessage] = useState<{ kind: 'error' | 'info'; text: string } | null>(null);
  const fail = (e: unknown) => setMessage({ kind: 'error', text: toStorageError(e).message });
  // One export, restore, import or retention run at a time: their buttons say so while one runs.
  const { busy, run: exclusive } = useOneAtATime();
  const [prunePlan, setPrunePlan] = useState<{ brandId: string; now: number; result: PruneResult } | null>(null);
  // Cancel (or Escape) on the retention confirm puts focus back on "Apply now", not on the body.
  // After "Delete old history", "Apply now" is disabled while it runs (it cannot take focus):
  // focus goes to the Retention heading, then to the result message once it is shown.
  const applyNowRef = useRef<HTMLButtonElement>(null);
  const retentionHeadingRef = useRef<HTMLHeadingElement>(null);
  const pruneReturnRef = useRef<HTMLElement | null>(null);
  useReturnFocus(prunePlan !== null, pruneReturnRef);
  const messageRef = useRef<HTMLParagraphElement>(null);
  const focusMessage = useRef(false);
  useEffect(() => {
    if (!focusMessage.current) return;
    focusMessage.current = false;
    messageRef.current?.focus();
  }, [message]);

  const exportNow = async (scope: 'all' | 'brand') => {
    setMessage(null);
    try {
      const s = scope === 'all' || !brandId ? ({ kind: 'all' } as const) : ({ kind: 'brand', brandId } as const);
      const blob = await exportBackup(db, s, (p) => setProgress({ label: t('data.exporting', { table: tableLabel(p.table) }), done: p.done, total: p.total }));
      downloadBlob(blob, backupFileName(s, Date.now(), brand?.name));
      setMessage({ kind: 'info', text: t('data.backupSavedSize', { size: formatBytes(blob.size) }) });
    } catch (e) {
      // A refusal already written for the agent (a stored row that would not import back, a
      // backup too large to restore) is shown as it is; a storage failure in the interface's words.
      setMessage({ kind: 'error', text: agentMessage(e, t('storage.error.unknown')) });
    } finally {
      setProgress(null);
    }
  };

  /** "Apply now": what would go is counted first (reads only) and shown for confirmation. */
  const planPrune = async (id: string, name: string) => {
    setMessage(null);
    setPrunePlan(null);
    const now = Date.now();
    try {
      const result = await planPruneBrand(db, id, now);
      if (result.cutoff !== null && result.messages + result.conversations + result.customers === 0) {
        setMessage({ kind: 'info', text: t('data.pruneNothing', { name, date: dateOf(result.cutoff) }) });
      } else if (result.cutoff !== null) setPrunePlan({ brandId: id, now, result });
    } catch (e) {
      setMessage({ kind: 'error', text: t('data.prunePlanFailed', { message: agentMessage(e, t('storage.error.unknown')) }) });
    }
  };
  const applyPrune = async (plan: { brandId: string; now: number }) => {
    pruneReturnRef.current = retentionHeadingRef.current;
    focusMessage.current = true;
    setPrunePlan(null);
    try {
      // The same moment as the plan: nothing newer than what was shown is deleted.
      const r = await pruneBrand(db, plan.brandId, plan.now);
      setMessage({ kind: 'info', text: t('data.prunedCounts', { counts: countsLine({ messages: r.messages, conversations: r.conversations, customers: r.customers }) }) });
    } catch (e) {
      fail(e);
    }
  };

  return (
    <section id="data" aria-labelledby="data-h">
      <h2 id="data-h">{t('data.title')}</h2>
      <p className="cs-muted">{t('data.intro')}</p>
      <h3>{t('data.backup')}</h3>
      <div className="cs-row">
        <button disabled={busy} aria-busy={busy} onClick={() => void exclusive(() => exportNow('all'))}>
          {t('data.exportAll')}
        </button>
        {brand ? (
          <button disabled={busy} aria-busy={busy} onClick={() => void exclusive(() => exportNow('brand'))}>
            {t('data.exportBrand', { name: brand.name })}
          </button>
        ) : null}
      </div>
      <RestoreForm db={db} setProgress={setProgress} setMessage={setMessage} busy={busy} exclusive={exclusive} />
      {brandId ? (
        <CsvImportForm
          key={brandId}
          db={db}
          brandId={brandId}
          brandName={brand?.name ?? ''}
          retentionMonths={brand?.retentionMonths ?? null}
          setProgress={setProgress}
          setMessage={setMessage}
          busy={busy}
          exclusive={exclusive}
        />
      ) : null}
      {brandId && brand ? (
        <>
          <h3 ref={retentionHeadingRef} tabIndex={-1}>
            {t('data.retention')}
          </h3>
          <p>
            {brand.retentionMonths
              ? t('data.retentionMonths', { name: brand.name, months: brand.retentionMonths })
              : t('data.retentionForever', { name: brand.name })}{' '}
            {brand.retentionMonths ? (
              <button
                ref={applyNowRef}
                disabled={busy}
                aria-busy={busy}
                onClick={() => {
                  pruneReturnRef.current = applyNowRef.current;
                  void exclusive(() => planPrune(brandId, brand.name));
                }}
              >
                {t('data.applyNow')}
              </button>
            ) : null}
          </p>
          {prunePlan && prunePlan.brandId === brandId && prunePlan.result.cutoff !== null ? (
            <p>
              <ConfirmDialog
                label={t('data.pruneDialog')}
                text={t('data.pruneConfirm', {
                  name: brand.name,
                  date: dateOf(prunePlan.result.cutoff),
                  counts: countsLine({ messages: prunePlan.result.messages, conversations: prunePlan.result.conversations, customers: prunePlan.result.customers }),
                })}
                confirmLabel={t('data.pruneEverything')}
                onConfirm={() => void exclusive(() => applyPrune(prunePlan))}
                onCancel={() => setPrunePlan(null)}
              />
            </p>
          ) : null}
          <EraseCustomer key={brandId} db={db} brandId={brandId} setMessage={setMessage} />
        </>
      ) : null}
      {progress ? (
        <div role="status" aria-live="polite">
          {progress.label}: {progress.done.toLocaleString()} / {progress.total.toLocaleString()}
          <progress value={progress.done} max={Math.max(1, progress.total)} />
        </div>
      ) : null}
      {message ? (
        <p ref={messageRef} tabIndex={-1} role={message.kind === 'error' ? 'alert' : 'status'} data-testid="data-message" className={message.kind === 'error' ? 'cs-danger' : ''}>
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
  /** An export, restore, import or retention run is under way. */
  busy: boolean;
  /** Runs `action` unless another one is running. */
  exclusive: (action: () => Promise<unknown>) => Promise<void>;
}

function RestoreForm({ db, setProgress, setMessage, busy, exclusive }: FormProps) {
  const [backup, setBackup] = useState<Backup | null>(null);
  const [summary, setSummary] = useState<string>('');
  const [policy, setPolicy] = useState<RestorePolicy>('keep-newer');
  const [plan, setPlan] = useState<(RestorePlan & { olderThanRetention: RetentionNote[] }) | null>(null);
  const choose = async (file: File) => {
    setMessage(null);
    setPlan(null);
    setBackup(null);
    const parsed = await parseBackupOffThread(file);
    if (!parsed.ok) return setMessage({ kind: 'error', text: t('data.restoreInvalid', { error: parsed.error }) });
    setBackup(parsed.backup);
    setSummary(
      t('data.backupOf', { date: new Date(parsed.summary.exportedAt).toLocaleString(), counts: countsLine(parsed.summary.counts) }) +
        (parsed.summary.brands.length ? ` (${t('data.backupBrands', { names: parsed.summary.brands.map((b) => b.name).join(', ') })})` : ''),
    );
    await planFor(parsed.backup, policy);
  };
  const replan = async (p: RestorePolicy) => {
    setPolicy(p);
    if (backup) await planFor(backup, p);
  };
  const planFor = async (b: Backup, p: RestorePolicy) => {
    try {
      setPlan({ ...(await planRestore(db, b, p)), olderThanRetention: await planRestoreRetention(db, b, p) });
    } catch (e) {
      // A row stored for another brand, a brand claiming a taken account (RestoreConflictError),
      // or the store could not be read: nothing will be restored.
      setBackup(null);
      setMessage({ kind: 'error', text: t('data.restoreInvalid', { error: agentMessage(e, String(e)) }) });
    }
  };
  const apply = async () => {
    if (!backup) return;
    try {
      const done = await applyRestore(db, backup, policy, (p) => setProgress({ label: t('data.restoring', { table: tableLabel(p.table) }), done: p.done, total: p.total }));
      const { adds, replaces, skips } = done.totals;
      const parts = [
        plural(adds, 'data.restoredAddedOne', 'data.restoredAddedMany'),
        plural(replaces, 'data.restoredReplacedOne', 'data.restoredReplacedMany'),
        plural(skips, 'data.restoredKeptOne', 'data.restoredKeptMany'),
      ];
      setMessage({ kind: 'info', text: [t('data.restoredSummary', { parts: parts.join(', ') }), renamedLine(done.renamedReferences), mergedLine(done.mergedCustomers)].filter(Boolean).join(' ') });
      // Restored brands get their "keep this page" menu items (the background listens for this).
      await browser.storage.local.set({ brandsVersion: Date.now() }).catch(() => undefined);
      setBackup(null);
      setPlan(null);
    } catch (e) {
      setMessage({ kind: 'error', text: t('data.restoreFailed', { message: agentMessage(e, String(e)) }) });
    } finally {
      setProgress(null);
    }
  };
  return (
    <>
      <h3>{t('data.restoreTitle')}</h3>
      <FileInput accept=".json,application/json" label={t('data.backupFile')} busy={busy} onFile={(file) => void exclusive(() => choose(file))} />
      {backup && plan ? (
        <div className="cs-list" data-testid="restore-plan">
          <p>{summary}</p>
          <label>
            {t('data.existingRecords')}{' '}
            <select aria-label={t('data.mergePolicy')} value={policy} onChange={(e) => void replan(e.target.value as RestorePolicy)}>
              {POLICIES.map((p) => (
                <option key={p} value={p}>
                  {t(`data.policy.${p}`)}
                </option>
              ))}
            </select>
          </label>
          <p>
            {t('data.restorePlan', {
              adds: plan.totals.adds.toLocaleString(),
              replaces: plan.totals.replaces.toLocaleString(),
              skips: plan.totals.skips.toLocaleString(),
            })}
          </p>
          {plan.renamedReferences.length ? (
            <p role="status" className="cs-warn" data-testid="restore-renamed">
              {renamedLine(plan.renamedReferences)}
            </p>
          ) : null}
          {plan.mergedCustomers.length ? (
            <p role="status" data-testid="restore-merged">
              {mergedLine(plan.mergedCustomers)}
            </p>
          ) : null}
          {plan.olderThanRetention.map((note) => (
            <p key={note.brandId} role="status" className="cs-warn" data-testid="restore-retention">
              {plural(note.messages, 'data.restoreOlderOne', 'data.restoreOlderMany', { name: note.name, date: dateOf(retentionCutoff(Date.now(), note.months)) })}
            </p>
          ))}
          <div className="cs-row">
            <button className="primary" disabled={busy} aria-busy={busy} onClick={() => void exclusive(apply)}>
              {t('data.restore')}
            </button>
            <button onClick={() => setBackup(null)}>{t('common.cancel')}</button>
          </div>
        </div>
      ) : null}
    </>
  );
}

function CsvImportForm({
  db,
  brandId,
  brandName,
  retentionMonths,
  setProgress,
  setMessage,
  busy,
  exclusive,
}: FormProps & { brandId: string; brandName: string; retentionMonths: number | null }) {
  const [file, setFile] = useState<File | null>(null);
  const [sniff, setSniff] = useState<SniffResult | null>(null);
  const [mapping, setMapping] = useState<CsvMapping | null>(null);
  const [platform, setPlatform] = useState<'x' | 'facebook'>('x');
  const [brandAuthors, setBrandAuthors] = useState('');
  // Messages sent before this are not imported: the brand's daily clean-up would delete them.
  const cutoff = retentionMonths ? retentionCutoff(Date.now(), retentionMonths) : null;
  const choose = async (f: File) => {
    setMessage(null);
    setFile(f);
    const s = await sniffCsvFile(f);
    setSniff(s);
    setMapping(s.mapping);
    if (s.error) setMessage({ kind: 'error', text: s.error });
  };
  const remap = async (m: CsvMapping) => {
    setMapping(m);
    if (file) setSniff(await sniffCsvFile(file, m));
  };
  const run = async () => {
    if (!file || !mapping) return;
    setMessage(null);
    const authors = brandAuthors.split(',').map((s) => s.trim()).filter(Boolean);
    let result: Awaited<ReturnType<typeof importCsv>>;
    try {
      result = await importCsv(db, {
        file,
        brandId,
        platform,
        mapping,
        // Empty: the brand's own accounts on the platform (importCsv's default), not "nobody".
        brandAuthors: authors.length ? authors : undefined,
        onlyBrandThreads: authors.length > 0,
        // Empty and the brand has no account here: a file answered by several accounts is refused.
        refuseUnknownReplies: true,
        onProgress: (p) => setProgress({ label: p.phase === 'read' ? t('data.reading') : t('data.writing'), done: p.done, total: p.total }),
      });
    } catch (e) {
      // importCsv answers its own failures; anything else still reaches the agent.
      return setMessage({ kind: 'error', text: t('data.importCrashed', { message: agentMessage(e, t('storage.error.unknown')) }) });
    } finally {
      setProgress(null);
    }
    if (!result.ok) {
      const first = result.errors[0];
      setMessage({
        kind: 'error',
        text: t('data.importFailed', { error: result.error }) + (first ? ` ${t('data.importLineError', { line: first.line, message: first.message })}` : ''),
      });
      return;
    }
    const otherSkips = result.skipped - result.olderThanRetention;
    setMessage({
      kind: 'info',
      text: [
        t('data.importedSummary', {
          messages: countsText({ messages: result.messages }, `0 ${t('data.table.messages')}`),
          conversations: countsText({ conversations: result.conversations }, `0 ${t('data.table.conversations')}`),
          customers: countsText({ customers: result.customers }, `0 ${t('data.table.customers')}`),
        }),
        result.olderThanRetention && result.retentionCutoff !== null
          ? plural(result.olderThanRetention, 'data.importedOlderOne', 'data.importedOlderMany', { date: dateOf(result.retentionCutoff) })
          : '',
        otherSkips ? plural(otherSkips, 'data.importedSkippedOne', 'data.importedSkippedMany') : '',
        result.encoding === LEGACY_ENCODING ? t('import.legacyEncodingRead') : '',
      ]
        .filter(Boolean)
        .join(' '),
    });
    setFile(null);
    setSniff(null);
  };
  const columns = sniff?.columns ?? [];
  const generic = mapping?.layout === 'generic' ? mapping : null;
  // A generic file imports once every field has its column (else every row would fail).
  const unmapped = generic ? FIELDS.filter((key) => !generic[key]) : [];
  const field = (key: Field) => (
    <label key={key}>
      {fieldLabel(key)}{' '}
      <select
        aria-label={t('data.columnFor', { field: fieldLabel(key) })}
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
      <h3>{t('data.csvTitle')}</h3>
      <p className="cs-muted">{t('data.csvIntro', { columns: TWCS_COLUMNS })}</p>
      <FileInput accept=".csv,text/csv" label={t('data.csvFile')} busy={busy} onFile={(f) => void exclusive(() => choose(f))} />
      {sniff ? (
        <div data-testid="csv-preview">
          <div className="cs-row">
            <label>
              {t('data.layout')}{' '}
              <select
                aria-label={t('data.csvLayout')}
                value={mapping?.layout ?? ''}
                onChange={(e) => void remap(e.target.value === 'twcs' ? { layout: 'twcs' } : { layout: 'generic', conversation: '', customer: '', direction: '', time: '', text: '' })}
              >
                <option value="twcs">{t('data.layoutTwcs')}</option>
                <option value="generic">{t('data.layoutGeneric')}</option>
              </select>
            </label>
            <label>
              {t('data.platform')}{' '}
              <select aria-label={t('data.platform')} value={platform} onChange={(e) => setPlatform(e.target.value as 'x' | 'facebook')}>
                <option value="x">X</option>
                <option value="facebook">Facebook</option>
              </select>
            </label>
            <label>
              {t('data.brandAuthors')}{' '}
              <input
                aria-label={t('data.brandAuthorsLabel')}
                placeholder={t('data.brandAuthorsPlaceholder', { example: 'AppleSupport' })}
                value={brandAuthors}
                onChange={(e) => setBrandAuthors(e.target.value)}
              />
            </label>
          </div>
          {mapping?.layout === 'generic' ? <div className="cs-row">{FIELDS.map(field)}</div> : null}
          {unmapped.length ? (
            <p role="status" className="cs-warn" data-testid="csv-unmapped">
              {t('data.csvUnmapped', { fields: unmapped.map(fieldLabel).join(', ') })}
            </p>
          ) : null}
          {sniff.encoding === LEGACY_ENCODING ? (
            <p role="status" data-testid="csv-encoding" className="cs-warn">
              {t('import.legacyEncoding')}
            </p>
          ) : null}
          {cutoff !== null ? (
            <p role="status" className="cs-warn" data-testid="csv-retention">
              {t('data.csvRetention', { name: brandName, date: dateOf(cutoff) })}
            </p>
          ) : null}
          <p>{t('data.csvRows', { count: sniff.rowCount.toLocaleString() })}</p>
          <table className="cs-table">
            <tbody>
              {sniff.preview.slice(0, 8).map((r) =>
                'message' in r ? (
                  <tr key={r.line} className="cs-danger">
                    <td>{t('data.line', { line: r.line })}</td>
                    <td colSpan={3}>{r.message}</td>
                  </tr>
                ) : (
                  <tr key={r.line} className={cutoff !== null && r.sentAt < cutoff ? 'cs-muted' : undefined}>
                    <td>{r.direction === 'out' ? t('data.previewBrand') : (r.customer ?? r.author)}</td>
                    <td>
                      {new Date(r.sentAt).toLocaleString()}
                      {cutoff !== null && r.sentAt < cutoff ? <div data-testid="csv-too-old">{t('data.csvRowTooOld', { name: brandName })}</div> : null}
                    </td>
                    <td>{r.text.slice(0, 120)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <button className="primary" disabled={!mapping || unmapped.length > 0 || busy} aria-busy={busy} onClick={() => void exclusive(run)}>
            {t('data.import')}
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
  // The confirm opens in the customer's row, focused on the way out (erasing cannot be undone);
  // Cancel or Escape puts focus back on that row's "Erase…". After an erase the row goes, so
  // focus lands on this part's heading instead of the page's body.
  const openerRef = useRef<HTMLElement | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useReturnFocus(confirm !== null, openerRef);
  // Once per confirm: a double click on "Erase everything" must not run the erase twice.
  const erasing = useOneAtATime();
  const erase = (id: string) =>
    eraseCustomer(db, id)
      .then(() => {
        openerRef.current = headingRef.current;
        setMessage({ kind: 'info', text: t('data.erased') });
      })
      .catch((e: unknown) => setMessage({ kind: 'error', text: toStorageError(e).message }))
      .finally(() => setConfirm(null));
  return (
    <>
      <h3 ref={headingRef} tabIndex={-1}>
        {t('data.eraseTitle')}
      </h3>
      <input
        type="search"
        aria-label={t('data.eraseFind')}
        placeholder={t('data.erasePlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
      />
      <ul className="cs-list">
        {matches?.map((c) => (
          <li key={c.id}>
            {c.displayName} <span className="cs-muted">{c.identities.map((i) => i.handle).join(', ')}</span>{' '}
            <button
              aria-label={t('data.eraseNamed', { name: c.displayName })}
              onClick={(e) => {
                openerRef.current = e.currentTarget;
                void planEraseCustomer(db, c.id).then(
                  (p) => setConfirm({ id: c.id, text: t('data.eraseConfirm', { name: c.displayName, counts: countsLine(p) }) }),
                  (err: unknown) => {
                    setConfirm(null);
                    setMessage({ kind: 'error', text: t('data.erasePlanFailed', { name: c.displayName, message: agentMessage(err, t('storage.error.unknown')) }) });
                  },
                );
              }}
            >
              {t('data.erase')}
            </button>
            {confirm?.id === c.id ? (
              <>
                {' '}
                <ConfirmDialog
                  label={t('data.eraseDialog')}
                  text={confirm.text}
                  confirmLabel={t('data.eraseEverything')}
                  focusCancel
                  onConfirm={() => void erasing.run(() => erase(confirm.id))}
                  onCancel={() => setConfirm(null)}
                />
              </>
            ) : null}
          </li>
        ))}
      </ul>
    </>
  );
}
