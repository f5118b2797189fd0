/**
 * Delete with a second look: the first click asks "Delete <what>?" in place, with the confirm
 * button focused (Enter confirms, Escape or Cancel keeps it and puts focus back). What the
 * delete throws is passed to `onError` in the agent's words by the caller, never swallowed.
 */
import { useRef, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { useReturnFocus } from './use-return-focus';
import { t } from '../lib/i18n';

export function ConfirmDelete({ what, onDelete, onError }: { what: string; onDelete: () => Promise<unknown>; onError: (e: unknown) => void }) {
  const [asking, setAsking] = useState(false);
  const askRef = useRef<HTMLButtonElement>(null);
  useReturnFocus(asking, askRef);
  const confirm = async (button: HTMLButtonElement) => {
    // The deleted row goes, and the focused button with it: focus lands on the section's
    // heading instead of the page's body, so a keyboard or screen-reader user stays in place.
    const landing = button.closest('section')?.querySelector<HTMLElement>('h2, h3') ?? null;
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
    <ConfirmDialog
      label={t('common.deleteQuestion', { what })}
      text={t('common.deleteQuestion', { what })}
      confirmLabel={t('common.confirmDelete')}
      onConfirm={(button) => void confirm(button)}
      onCancel={() => setAsking(false)}
    />
  );
}
