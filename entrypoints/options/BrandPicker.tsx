import { useEffect } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { CasesideDb } from '../../lib/db/schema';
import { t } from '../../lib/i18n';

/** The brand the brand-scoped sections below work on. */
export function BrandPicker({ db, value, onChange }: { db: CasesideDb; value: string | null; onChange: (id: string | null) => void }) {
  const brands = useLiveQuery(() => db.brands.toArray(), [db]);
  useEffect(() => {
    if (!brands) return;
    if (!value || !brands.some((b) => b.id === value)) onChange(brands[0]?.id ?? null);
  }, [brands, value, onChange]);
  if (!brands?.length) return <p className="cs-muted">{t('brands.addFirst')}</p>;
  return (
    <label className="cs-row">
      {t('brands.workingOn')}{' '}
      <select aria-label={t('brands.picker')} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {brands.map((b) => (
          <option key={b.id} value={b.id}>
            {b.name}
          </option>
        ))}
      </select>
    </label>
  );
}
