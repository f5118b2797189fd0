import { useEffect, useState } from 'react';
import { readStorageHealth, requestPersistence, type StorageHealth } from '../../lib/db/storage-health';

const mb = (n: number | null | undefined) => (typeof n === 'number' ? `${(n / 1_048_576).toFixed(1)} MB` : 'unknown');

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
      <h2 id="storage-h">Storage</h2>
      {health ? (
        <dl className="cs-facts" data-testid="storage-health">
          <dt>Persistent storage</dt>
          <dd data-testid="persisted">
            {health.persisted === true
              ? 'Granted: the browser will not evict Caseside’s data.'
              : health.persisted === false
                ? 'Not granted: the browser may evict data under storage pressure. Export backups regularly.'
                : 'Unknown in this browser.'}
          </dd>
          <dt>Used</dt>
          <dd>{mb(health.usage)}</dd>
          <dt>Available</dt>
          <dd>{mb(health.quota)}</dd>
        </dl>
      ) : null}
      <button onClick={() => void requestPersistence().finally(refresh)}>Request persistent storage</button>
    </section>
  );
}
