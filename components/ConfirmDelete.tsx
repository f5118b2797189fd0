/**
 * Delete with a second look: the first click asks "Delete <what>?" in place, with the confirm
 * button focused (Enter confirms, Escape or Cancel keeps it and puts focus back). After a delete,
 * focus goes to the section's heading (the first h2/h3 of the enclosing <section>), not back to
 * "Delete": the row is about to go (a live query drops it a few ticks later), and if it takes the
 * focus with it when it unmounts, focus is put on that heading instead of the page's body. What the
 * delete throws is passed to `onError` in the agent's words by the caller, never swallowed. A
 * double click on the confirm deletes once (a second delete would find the row gone and say so).
 */
import { useEffect, useRef, useState } from 'react';
import { ConfirmDialog } from './ConfirmDialog';
import { useOneAtATime } from './use-one-at-a-time';
import { t } from '../lib/i18n';
import { focusLanding, focusLost, sectionHeading } from './focus';

export function ConfirmDelete({ what, onDelete, onError }: { what: string; onDelete: () => Promise<unknown>; onError: (e: unknown) => void }) {
  const [asking, setAsking] = useState(false);
  const askRef = useRef<HTMLButtonElement>(null);
  // Focus goes back to "Delete" when the question is closed without deleting (as useReturnFocus
  // does); after a delete it does not: the row, and that button, are going.
  const deleted = useRef(false);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (!asking && wasAsking.current && !deleted.current) askRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  // Where focus lands when this row goes with focus in it: the section's heading, found while
  // the row is still in the page.
  const landingRef = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (askRef.current) landingRef.current = sectionHeading(askRef.current);
  });
  useEffect(
    () => () => {
      const landing = landingRef.current;
      if (landing?.isConnected && focusLost()) focusLanding(landing);
    },
    [],
  );
  const deleting = useOneAtATime();
  const confirm = async (button: HTMLButtonElement) => {
    // The deleted row goes, and the focused button with it: focus lands on the section's
    // heading instead of the page's body, so a keyboard or screen-reader user stays in place.
    const landing = sectionHeading(button) ?? landingRef.current;
    try {
      await onDelete();
      deleted.current = true;
      setAsking(false);
      requestAnimationFrame(() => {
        deleted.current = false;
        if (landing?.isConnected && focusLost()) focusLanding(landing);
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
      onConfirm={(button) => void deleting.run(() => confirm(button))}
      onCancel={() => setAsking(false)}
    />
  );
}
