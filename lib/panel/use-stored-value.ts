/**
 * A value kept in extension storage (browser.storage.local) under one key, followed live: a
 * change made in another extension page (the options page, the panel of another tab) shows at
 * once. `read` turns whatever is stored (anything: hand-edited, an older shape, nothing) into the
 * value; it is also what a failed read gives. Undefined while the first read is running.
 */
import { useEffect, useState } from 'react';
import { browser } from 'wxt/browser';

export function useStoredValue<T>(key: string, read: (stored: unknown) => T): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    // A change heard before the first read answers is newer than that read.
    let changed = false;
    const onChanged = (changes: Record<string, { newValue?: unknown }>, area: string) => {
      if (area !== 'local' || !Object.prototype.hasOwnProperty.call(changes, key)) return;
      changed = true;
      if (alive) setValue(() => read(changes[key]?.newValue));
    };
    browser.storage.onChanged.addListener(onChanged);
    browser.storage.local.get(key).then(
      (stored) => alive && !changed && setValue(() => read(stored[key])),
      () => alive && !changed && setValue(() => read(undefined)),
    );
    return () => {
      alive = false;
      browser.storage.onChanged.removeListener(onChanged);
    };
    // `read` is a pure reading of the stored value: a new function each render must not re-read.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return value;
}
