/**
 * Delete with a second look: the first click asks "Delete <what>?" in place, with the confirm
 * button focused (Enter confirms, Escape or Cancel keeps it and puts focus back). What the
 * delete throws is passed to `onError` in the agent's words by the caller, never swallowed.
 */
import { useEffect, useRef, useState } from 'react';
import { t } from '../lib/i18n';

export function ConfirmDelete({ what, onDelete, onError }: { what: string; onDelete: () => Promise<unknown>; onError: (e: unknown) => void }) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
    else if (wasAsking.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking)
    return (
      <button ref={askRef} onClick={() => setAsking(true)}>
        {t('common.delete')}
      </button>
    );
  return (
    <span
      role="alertdialog"
      aria-label={t('common.deleteQuestion', { what })}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          setAsking(false);
        }
      }}
    >
      {t('common.deleteQuestion', { what })}{' '}
      <button ref={confirmRef} className="cs-danger" onClick={() => void onDelete().catch(onError).finally(() => setAsking(false))}>
        {t('common.confirmDelete')}
      </button>{' '}
      <button onClick={() => setAsking(false)}>{t('common.cancel')}</button>
    </span>
  );
}
