import { useEffect, useState } from 'react';
import { readStorageHealth, requestPersistence, type StorageHealth } from '../../lib/db/storage-health';
import { formatBytes, t } from '../../lib/i18n';

const size = (n: number | null | undefined) => (typeof n === 'number' ? formatBytes(n) : t('storage.unknown'));

/** Persistent storage (so the browser does not evict the history), usage and quota. */
export function StorageSection() {
  const [health, setHealth] = useState<StorageHealth | null>(null);
  const refresh = () => void readStorageHealth().then(setHealth);
  useEffect(() => {
    // Asked once on first open; browsers grant it silently to extensions or refuse it.
    void requestPersistence().finally(refresh);
  }, []);
  return (
    <section id="storage" aria-labelledby="storage-h">
      <h2 id="storage-h">{t('storage.title')}</h2>
      {health ? (
        <dl className="cs-facts" data-testid="storage-health">
          <dt>{t('storage.persistent')}</dt>
          <dd data-testid="persisted">
            {health.persisted === true
              ? t('storage.granted')
              : health.persisted === false
                ? t('storage.notGranted')
                : t('storage.unknownHere')}
          </dd>
          <dt>{t('storage.used')}</dt>
          <dd>{size(health.usage)}</dd>
          <dt>{t('storage.available')}</dt>
          <dd>{size(health.quota)}</dd>
        </dl>
      ) : null}
      <button onClick={() => void requestPersistence().finally(refresh)}>{t('storage.request')}</button>
    </section>
  );
}
