/**
 * A confirm asked in place (role="alertdialog"): a sentence, the action, and a way out. On
 * opening, focus goes to the confirm button or, for an action that cannot be undone at scale
 * (wiping a brand), to the way out; Escape or the way out closes it. Where focus goes after it
 * closes is the opener's business (useReturnFocus). Shared by ConfirmDelete, the brand delete
 * and retention's Apply now.
 */
import { useEffect, useRef } from 'react';
import { t } from '../lib/i18n';

export function ConfirmDialog(props: {
  label: string;
  text: string;
  confirmLabel: string;
  /** The confirm button is passed in, so the caller can find where it sits (its section). */
  onConfirm: (button: HTMLButtonElement) => void;
  onCancel: () => void;
  cancelLabel?: string;
  /** Focus the way out rather than the confirm button on opening. */
  focusCancel?: boolean;
}) {
  const confirmRef = useRef<HTMLButtonElement>(null);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const { focusCancel } = props;
  useEffect(() => (focusCancel ? cancelRef : confirmRef).current?.focus(), [focusCancel]);
  return (
    <span
      role="alertdialog"
      aria-label={props.label}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault();
          e.stopPropagation();
          props.onCancel();
        }
      }}
    >
      {props.text}{' '}
      <button ref={confirmRef} className="cs-danger" onClick={(e) => props.onConfirm(e.currentTarget)}>
        {props.confirmLabel}
      </button>{' '}
      <button ref={cancelRef} onClick={props.onCancel}>
        {props.cancelLabel ?? t('common.cancel')}
      </button>
    </span>
  );
}
