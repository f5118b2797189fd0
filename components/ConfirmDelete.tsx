/**
 * Delete with a second look: the first click asks "Delete <what>?" in place, with the confirm
 * button focused (Enter confirms, Escape or Cancel keeps it and puts focus back). What the
 * delete throws is passed to `onError` in the agent's words by the caller, never swallowed.
 */
import { useRef, useState } from 'react';
import { useDialogFocus } from './use-dialog-focus';
import { t } from '../lib/i18n';

export function ConfirmDelete({ what, onDelete, onError }: { what: string; onDelete: () => Promise<unknown>; onError: (e: unknown) => void }) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  const askRef = useRef<HTMLButtonElement>(null);
  useDialogFocus(asking, confirmRef, askRef);
  const confirm = async () => {
    // The deleted row goes, and the focused button with it: focus lands on the section's
    // heading instead of the page's body, so a keyboard or screen-reader user stays in place.
    const landing = confirmRef.current?.closest('section')?.querySelector<HTMLElement>('h2, h3') ?? null;
    try {
      await onDelete();
      setAsking(false);
      requestAnimationFrame(() => {
        if (landing?.isConnected && (!document.activeElement || document.activeElement === document.body)) {
          if (!landing.hasAttribute('tabindex')) landing.tabIndex = -1;
          landing.focus();
        }
      });
    } catch (e) {
      onError(e);
      setAsking(false);
    }
  };
  if (!asking)
    return (
      <button ref={askRef} aria-label={t('common.deleteNamed', { what })} onClick={() => setAsking(true)}>
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
      <button ref={confirmRef} className="cs-danger" onClick={() => void confirm()}>
        {t('common.confirmDelete')}
      </button>{' '}
      <button onClick={() => setAsking(false)}>{t('common.cancel')}</button>
    </span>
  );
}
