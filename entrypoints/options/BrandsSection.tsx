import { useOneAtATime } from '../../components/use-one-at-a-time';
import { useEffect, useRef, useState } from 'react';
import { useReturnFocus } from '../../components/use-return-focus';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useLiveQuery } from 'dexie-react-hooks';
import { agentMessage } from '../../lib/db/errors';
import { browser } from 'wxt/browser';
import type { CasesideDb } from '../../lib/db/schema';
import type { Brand, BrandAccount } from '../../lib/db/records';
import { duplicateAccount, parseAvoidWords, saveBrand } from '../../lib/db/repositories/brands';
import { planWipeBrand, wipeBrand } from '../../lib/db/retention';
import { FormFooter } from '../../components/FormFooter';
import { t } from '../../lib/i18n';
import { countsText } from './counts';

/** Tell the background that brands changed (it rebuilds the knowledge-base menus). */
const announce = () => browser.storage.local.set({ brandsVersion: Date.now() });

const accountsToText = (accounts: BrandAccount[]) =>
  accounts.map((a) => `${a.platform}:${a.handle ?? ''}${a.pageId ? `#${a.pageId}` : ''}`).join('\n');

/**
 * One account per line: "x:acme_support", "facebook:AcmeShoes#1234567890". A line naming no
 * account ("x:") and an account listed twice ("x:beta" and "x:Beta") are refused, never dropped.
 */
export function parseAccounts(text: string): BrandAccount[] {
  const accounts = text
    .split(/\n|,/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const m = line.match(/^(x|facebook|fb|twitter)\s*:\s*@?([^#\s]*)\s*(?:#(\d+))?$/i);
      if (!m) throw new Error(t('brands.badAccount', { line }));
      if (!m[2] && !m[3]) throw new Error(t('brands.emptyAccount', { line }));
      const platform = /^(x|twitter)$/i.test(m[1]!) ? 'x' : 'facebook';
      return { platform, ...(m[2] ? { handle: m[2] } : {}), ...(m[3] ? { pageId: m[3] } : {}) } as BrandAccount;
    });
  const twice = duplicateAccount(accounts);
  if (twice) throw new Error(t('brands.duplicateAccount', { account: twice }));
  return accounts;
}

export function BrandsSection({ db }: { db: CasesideDb }) {
  const brands = useLiveQuery(() => db.brands.orderBy('id').toArray(), [db]);
  const [editing, setEditing] = useState<Brand | 'new' | null>(null);
  // The form takes the place of "Add brand" (or sits under the Edit pressed): when it closes,
  // focus goes back to the button that opened it; "Add brand" is a new button by then.
  const addRef = useRef<HTMLButtonElement>(null);
  const openedBy = useRef<'add' | HTMLElement | null>(null);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!editing) returnTo.current = openedBy.current === 'add' ? addRef.current : openedBy.current;
  }, [editing]);
  useReturnFocus(editing !== null, returnTo);
  return (
    <section id="brands" aria-labelledby="brands-h">
      <h2 id="brands-h" tabIndex={-1}>
        {t('brands.title')}
      </h2>
      <p className="cs-muted">{t('brands.intro')}</p>
      <table className="cs-table">
        <thead>
          <tr>
            <th>{t('brands.name')}</th>
            <th>{t('brands.accounts')}</th>
            <th>{t('brands.signature')}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {brands?.map((b) => (
            <tr key={b.id} data-testid="brand-row">
              <td>
                {b.name} <span className="cs-muted">({b.referencePrefix})</span>
              </td>
              <td>{b.accounts.map((a) => `${a.platform}:${a.handle ?? a.pageId}`).join(', ')}</td>
              <td>{b.signature}</td>
              <td className="cs-row">
                <button
                  aria-label={t('common.editNamed', { name: b.name })}
                  onClick={(e) => {
                    openedBy.current = e.currentTarget;
                    setEditing(b);
                  }}
                >
                  {t('common.edit')}
                </button>
                <DeleteBrand db={db} brand={b} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {editing ? (
        // Keyed by the brand edited: the form's fields are set up once, from the brand it opened
        // for, so Edit on another brand while one form is open starts a new form with that brand's
        // settings (never the first brand's name, accounts, signature or tone under its name).
        <BrandForm key={editing === 'new' ? 'new' : editing.id} db={db} brand={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
      ) : (
        <p>
          <button
            ref={addRef}
            className="primary"
            onClick={() => {
              openedBy.current = 'add';
              setEditing('new');
            }}
          >
            {t('brands.add')}
          </button>
        </p>
      )}
    </section>
  );
}

function BrandForm({ db, brand, onDone }: { db: CasesideDb; brand: Brand | null; onDone: () => void }) {
  const [name, setName] = useState(brand?.name ?? '');
  const [prefix, setPrefix] = useState(brand?.referencePrefix ?? '');
  const [accounts, setAccounts] = useState(brand ? accountsToText(brand.accounts) : '');
  const [signature, setSignature] = useState(brand?.signature ?? '');
  const [retention, setRetention] = useState(brand?.retentionMonths ? String(brand.retentionMonths) : '');
  const [useFirstName, setUseFirstName] = useState(brand?.tone.useFirstName ?? true);
  const [avoidWords, setAvoidWords] = useState((brand?.tone.avoidWords ?? []).join('\n'));
  const [error, setError] = useState<string | null>(null);
  const once = useOneAtATime();
  // The form replaces the button pressed: focus starts on its first field, not the body.
  const nameRef = useRef<HTMLInputElement>(null);
  useEffect(() => nameRef.current?.focus(), []);
  const submit = async () => {
    try {
      await saveBrand(
        db,
        {
          name,
          referencePrefix: prefix,
          accounts: parseAccounts(accounts),
          signature,
          tone: { useFirstName, avoidWords: parseAvoidWords(avoidWords) },
          retentionMonths: retention ? Number(retention) : null,
        },
        brand?.id,
      );
      await announce();
      onDone();
    } catch (e) {
      setError(agentMessage(e, t('brands.saveFailed')).slice(0, 400));
    }
  };
  return (
    <form
      className="cs-form"
      aria-label={brand ? t('brands.editForm', { name: brand.name }) : t('brands.newForm')}
      onSubmit={(e) => {
        e.preventDefault();
        void once.run(submit);
      }}
    >
      <label htmlFor="brand-name">{t('brands.name')}</label>
      <input ref={nameRef} id="brand-name" required maxLength={120} value={name} onChange={(e) => setName(e.target.value)} />
      <label htmlFor="brand-prefix">{t('brands.prefix')}</label>
      <input
        id="brand-prefix"
        placeholder="ACME"
        maxLength={8}
        pattern="[A-Z0-9]{1,8}"
        autoCapitalize="characters"
        value={prefix}
        onChange={(e) => setPrefix(e.target.value.toUpperCase())}
      />
      <label htmlFor="brand-accounts">{t('brands.accountsLabel')}</label>
      <textarea
        id="brand-accounts"
        rows={3}
        placeholder={'x:acme_support\nfacebook:AcmeShoes#1234567890'}
        value={accounts}
        onChange={(e) => setAccounts(e.target.value)}
      />
      <label htmlFor="brand-signature">{t('brands.signature')}</label>
      <input
        id="brand-signature"
        placeholder="^AS"
        maxLength={200}
        aria-describedby="brand-signature-hint"
        value={signature}
        onChange={(e) => setSignature(e.target.value)}
      />
      <p id="brand-signature-hint" className="full cs-muted">
        {t('brands.signatureHint')}
      </p>
      <fieldset>
        <legend>{t('brands.tone')}</legend>
        <label>
          <input type="checkbox" checked={useFirstName} onChange={(e) => setUseFirstName(e.target.checked)} /> {t('brands.useFirstName')}
        </label>
        <label htmlFor="brand-avoid">{t('brands.avoidWords')}</label>
        <textarea
          id="brand-avoid"
          rows={3}
          aria-describedby="brand-avoid-hint"
          placeholder={t('brands.avoidWordsPlaceholder')}
          value={avoidWords}
          onChange={(e) => setAvoidWords(e.target.value)}
        />
        <p id="brand-avoid-hint" className="cs-muted">
          {t('brands.avoidWordsHint')}
        </p>
      </fieldset>
      <label htmlFor="brand-retention">{t('brands.retention')}</label>
      <input
        id="brand-retention"
        type="number"
        min={1}
        max={600}
        step={1}
        placeholder={t('brands.retentionForever')}
        value={retention}
        onChange={(e) => setRetention(e.target.value)}
      />
      <FormFooter error={error} saveLabel={t('brands.save')} onCancel={onDone} busy={once.busy} />
    </form>
  );
}

function DeleteBrand({ db, brand }: { db: CasesideDb; brand: Brand }) {
  const [plan, setPlan] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The dialog takes focus on its safe choice (Keep: this wipes a whole brand), and Keep or
  // Escape puts it back on Delete…, never on the page's body.
  const deleteRef = useRef<HTMLButtonElement>(null);
  // After "Delete everything" the row goes (the list is a live query), and Delete… with it: focus
  // goes to the section's heading instead.
  const wiped = useRef(false);
  const returnTo = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (!plan) returnTo.current = wiped.current ? document.getElementById('brands-h') : deleteRef.current;
  }, [plan]);
  useReturnFocus(!!plan, returnTo);
  if (plan)
    return (
      <ConfirmDialog
        label={t('brands.deleteDialog', { name: brand.name })}
        text={plan}
        confirmLabel={t('brands.deleteEverything')}
        cancelLabel={t('brands.keep')}
        focusCancel
        onConfirm={() =>
          void wipeBrand(db, brand.id)
            .then(announce)
            .then(
              () => {
                wiped.current = true;
                setPlan(null);
              },
              (e: unknown) => setPlan(t('brands.deleteFailed', { message: agentMessage(e, t('storage.error.unknown')) })),
            )
        }
        onCancel={() => setPlan(null)}
      />
    );
  return (
    <>
      <button
        ref={deleteRef}
        aria-label={t('brands.deleteNamed', { name: brand.name })}
        onClick={() => {
          setError(null);
          void planWipeBrand(db, brand.id).then(
            (p) => setPlan(t('brands.deletePlan', { name: brand.name, counts: countsText(p, t('brands.noRecords')) })),
            // The plan could not be read: nothing is deleted, and the agent is told why.
            (e: unknown) => setError(t('brands.planFailed', { name: brand.name, message: agentMessage(e, t('storage.error.unknown')) })),
          );
        }}
      >
        {t('brands.delete')}
      </button>
      {error ? (
        <span role="alert" className="cs-danger">
          {error}
        </span>
      ) : null}
    </>
  );
}
